/**
 * recordReport on a real SQLite file: idempotent per interaction, exclusive per user, and the crowd
 * rules: one voice per player, fresh DM registrations not counted, places, and broadcast limits.
 */
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

describe('crowd rules (5 players from 2 places; one alert per type an hour, 3 an hour in all)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const guilds = [1, 2, 3].map((n) => snowflake(1000 + n));
  const HOUR = 60 * 60_000;
  const T0 = Date.parse('2026-11-25T10:01:00.000Z');
  let interaction = 5000;

  beforeEach(async () => {
    db = await createTestDatabase();
    await registerRecipients(db.orm, {
      guilds: guilds.map((guildId) => ({ guildId, channelId: snowflake(2) })),
    });
  });
  afterEach(() => db.cleanup());

  const report = (user: number, guildId: string | null, at: number, type = 'login') =>
    db.orm.em.fork().transactional((em) =>
      recordReport(
        em,
        {
          interactionId: snowflake(interaction++),
          userId: snowflake(user),
          guildId,
          channelId: null,
          type,
          details: null,
        },
        new Date(at),
      ),
    );
  const registerDm = async (user: number, registeredAt: number) =>
    db.orm.em
      .getConnection()
      .execute(`insert into user_configs (user_id, enabled, created_at, updated_at) values (?, 1, ?, ?)`, [
        snowflake(user),
        registeredAt,
        registeredAt,
      ]);
  const progressOf = (outcome: Awaited<ReturnType<typeof report>>) =>
    outcome.answer.status === 'accepted' ? outcome.answer.progress : undefined;

  it('five players from one server do not alert; a sixth from another server does', async () => {
    for (let u = 1; u <= 5; u++) {
      const outcome = await report(u, guilds[0]!, T0 + u * 1000);
      expect(outcome.thresholdFact).toBeNull();
    }
    const sixth = await report(6, guilds[1]!, T0 + 6000);
    expect(progressOf(sixth)).toEqual({
      voices: 6,
      threshold: 5,
      sources: 2,
      minSources: 2,
      alert: 'started',
    });
    expect(sixth.thresholdFact?.referenceId).toBe('threshold_login_2026-11-25T10:00');
  });

  it('DM reporters registered inside the window are answered and stored but not counted', async () => {
    for (let u = 1; u <= 4; u++) await report(u, guilds[u % 2]!, T0 + u * 1000);
    await registerDm(50, T0 - 10 * 60_000); // ten minutes ago: too fresh for a 60-minute window
    const fresh = await report(50, null, T0 + 5000);
    expect(fresh.answer.status).toBe('accepted');
    expect(progressOf(fresh)).toMatchObject({ voices: 4, sources: 2, alert: 'none' });
    await registerDm(51, T0 - 2 * HOUR);
    const settled = await report(51, null, T0 + 6000);
    expect(progressOf(settled)).toMatchObject({ voices: 5, sources: 3, alert: 'started' });
  });

  it('a second block of the same type within the hour is held back; the reports still count', async () => {
    for (let u = 1; u <= 5; u++) await report(u, guilds[u % 3]!, T0 + u * 1000);
    // thirty more in the next blocks of the hour
    const later = [];
    for (let u = 6; u <= 35; u++) later.push(await report(u, guilds[u % 3]!, T0 + 15 * 60_000 + u * 60_000));
    expect(later.map((o) => o.thresholdFact)).toEqual(later.map(() => null));
    expect(later.map((o) => progressOf(o)?.alert)).toEqual(later.map(() => 'limited'));
    expect(await db.orm.em.getConnection().execute('select count(*) as n from user_reports')).toEqual([
      { n: 35 },
    ]);
    expect(await db.orm.em.getConnection().execute('select reference_id from report_alerts')).toEqual([
      { reference_id: 'threshold_login_2026-11-25T10:00' },
    ]);
    // an hour after the first alert, the type may alert again
    const next = await report(99, guilds[0]!, T0 + HOUR + 10_000);
    expect(next.thresholdFact?.referenceId).toBe('threshold_login_2026-11-25T11:00');
  });

  it('allows three alerts an hour in all, then holds the fourth type back', async () => {
    const types = ['login', 'api', 'auth', 'download'];
    const facts = [];
    let user = 100;
    for (const [i, type] of types.entries()) {
      let last: Awaited<ReturnType<typeof report>> | undefined;
      for (let k = 0; k < 5; k++)
        last = await report(user++, guilds[k % 2]!, T0 + i * 60_000 + k * 1000, type);
      facts.push(last!.thresholdFact?.type ?? progressOf(last!)?.alert);
    }
    expect(facts).toEqual(['threshold', 'threshold', 'threshold', 'limited']);
  });
});
