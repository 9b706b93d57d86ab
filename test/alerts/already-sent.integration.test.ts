/**
 * A fan-out page asks which of its recipients already have the alert. SQLite must answer from the
 * alert's own rows (idx_sent_alerts_alert), not by scanning sent_alerts, which holds 30 days of
 * every alert to every recipient.
 */
import { alreadySentQuery } from '../../src/alerts/deliver';
import type { Recipient } from '../../src/contracts/alerts';
import { rows } from '../harness/db-rows';
import { snowflake } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.cleanup());

const page: Recipient[] = [
  ...Array.from({ length: 150 }, (_, i): Recipient => ({
    kind: 'guild',
    id: snowflake(i),
    channelId: snowflake(10_000 + i),
    language: null,
    locale: null,
  })),
  ...Array.from({ length: 50 }, (_, i): Recipient => ({
    kind: 'user',
    id: snowflake(20_000 + i),
    dmChannelId: null,
    language: null,
    locale: null,
  })),
];

it('reads the alert’s rows through idx_sent_alerts_alert, never scanning the table', async () => {
  const qb = alreadySentQuery(db.orm.em.fork(), { type: 'incident', referenceId: 'abc123' }, page);
  const plan = await rows<{ detail: string }>(db.orm, `explain query plan ${qb.getFormattedQuery()}`);
  const details = plan.map((row) => row.detail);
  expect(details.join('\n')).toMatch(
    /SEARCH \w+ USING INDEX idx_sent_alerts_alert \(alert_type=\? AND reference_id=\?\)/,
  );
  expect(details.some((detail) => /^SCAN /.test(detail))).toBe(false);
});

it('finds exactly the page’s recipients that hold this alert', async () => {
  const now = Date.now();
  const insert = (guildId: string | null, userId: string | null, type: string, ref: string) =>
    db.orm.em
      .getConnection()
      .execute(
        'insert into sent_alerts (guild_id, user_id, alert_type, reference_id, notified_at, created_at) values (?, ?, ?, ?, ?, ?)',
        [guildId, userId, type, ref, now, now],
      );
  await insert(snowflake(3), null, 'incident', 'abc123');
  await insert(null, snowflake(20_007), 'incident', 'abc123');
  await insert(snowflake(4), null, 'incident_update', 'abc123'); // another alert type
  await insert(snowflake(5), null, 'incident', 'other'); // another incident
  await insert(snowflake(99_999), null, 'incident', 'abc123'); // not on this page
  const found = await alreadySentQuery(
    db.orm.em.fork(),
    { type: 'incident', referenceId: 'abc123' },
    page,
  ).getResultList();
  expect(found.map((row) => row.guildId ?? `user:${row.userId}`).sort()).toEqual(
    [snowflake(3), `user:${snowflake(20_007)}`].sort(),
  );
});
