/** recordReport on a real SQLite file: idempotent per interaction, exclusive per user. */
import { recordReport } from '../../src/reports/record';
import { registerRecipients, snowflake } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';

const GUILD = snowflake(1);
const submission = (interaction: number, user: number) => ({
  interactionId: snowflake(interaction),
  userId: snowflake(user),
  guildId: GUILD,
  channelId: null,
  type: 'login',
  details: null,
});

describe('recordReport', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await registerRecipients(db.orm, { guilds: [{ guildId: GUILD, channelId: snowflake(2) }] });
  });
  afterAll(() => db.cleanup());

  const record = (s: ReturnType<typeof submission>, at: Date) =>
    db.orm.em.fork().transactional((em) => recordReport(em, s, at));

  it('answers a retried attempt of the same interaction as the first, without a second row', async () => {
    const at = new Date('2026-11-25T10:00:00.000Z');
    const first = await record(submission(100, 10), at);
    expect(first.answer).toMatchObject({ status: 'accepted', othersCount: 0 });
    expect(await record(submission(100, 10), at)).toEqual(first);
    expect(await db.orm.em.getConnection().execute('select count(*) as n from user_reports')).toEqual([
      { n: 1 },
    ]);
  });

  it('gives another interaction of the same user at the very same instant the cooldown', async () => {
    const at = new Date('2026-11-25T10:00:00.000Z');
    expect((await record(submission(101, 10), at)).answer).toEqual({
      status: 'cooldown',
      retryAt: '2026-11-25T10:05:00.000Z',
    });
  });

  it('lets the user report again once the cooldown is over', async () => {
    const later = new Date('2026-11-25T10:05:00.001Z');
    expect((await record(submission(102, 10), later)).answer).toMatchObject({ status: 'accepted' });
  });
});
