/**
 * readMetricFacts on a real SQLite file: the window it reads, points stamped in the future, and the
 * breaches already announced (read from sent_alerts) that it must close.
 */
import { alertSettings } from '../../src/contracts/alert-settings';
import { readMetricFacts } from '../../src/polling/read-metric-facts';
import { createTestDatabase } from '../harness/sqlite';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const MINUTE = 60_000;

beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.cleanup();
});

/** api_latency points (ms), one a minute from `fromMs` for `minutes`, stored a minute after each. */
async function latency(fromMs: number, minutes: number, valueMs: number): Promise<void> {
  const conn = db.orm.em.getConnection();
  for (let i = 0; i < minutes; i++) {
    const ts = fromMs + i * MINUTE;
    await conn.execute(
      `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values ('api_latency', ?, 'ms', 60, ?, ?)`,
      [valueMs, ts, ts + MINUTE],
    );
  }
}

const facts = () =>
  db.orm.em.fork().transactional((em) => readMetricFacts(em, alertSettings({}), new Date(NOW)));

it('alerts a breach in the last hours', async () => {
  await latency(NOW - 60 * MINUTE, 30, 150); // normal
  await latency(NOW - 30 * MINUTE, 30, 5000); // breach, still going on
  expect(await facts()).toEqual([
    {
      type: 'metric',
      referenceId: 'cloudfront_api_latency_2026-11-25T11:30',
      observedAt: expect.any(String),
    },
  ]);
});

async function sent(type: string, referenceId: string, atMs: number): Promise<void> {
  await db.orm.em
    .getConnection()
    .execute(
      'insert into sent_alerts (guild_id, user_id, alert_type, reference_id, notified_at, created_at) values (?, ?, ?, ?, ?, ?)',
      ['1', null, type, referenceId, atMs, atMs],
    );
}

it('closes a breach an earlier release announced by the hour, once, and does not announce it again', async () => {
  // breach from 10:50 to 11:20, announced under the old id for hour 10; calm since
  await latency(NOW - 130 * MINUTE, 10, 150);
  await latency(NOW - 120 * MINUTE, 30, 5000);
  await latency(NOW - 90 * MINUTE, 90, 150);
  await sent('metric', 'cloudfront_api_latency_2026-11-25T09', NOW - 130 * MINUTE); // older, closed
  await sent('metric_recovered', 'cloudfront_api_latency_recovered_2026-11-25T09', NOW - 125 * MINUTE);
  await sent('metric', 'cloudfront_api_latency_2026-11-25T10', NOW - 118 * MINUTE);
  expect(await facts()).toEqual([
    {
      type: 'metric_recovered',
      referenceId: 'cloudfront_api_latency_recovered_2026-11-25T10:00',
      observedAt: expect.any(String),
    },
  ]);
  // once that recovery is delivered, the episode is closed: nothing more, under either id
  await sent('metric_recovered', 'cloudfront_api_latency_recovered_2026-11-25T10:00', NOW - 60_000);
  expect(await facts()).toEqual([]);
});

it('closes an announced breach whose start is out of sight once the metric has been calm long enough', async () => {
  await sent('metric', 'cloudfront_api_latency_2026-11-25T02:00', NOW - 10 * 60 * MINUTE);
  await latency(NOW - 240 * MINUTE, 200, 5000); // still in breach, begun long before the read
  expect(await facts()).toEqual([]);
  await latency(NOW - 40 * MINUTE, 40, 150);
  expect(await facts()).toEqual([
    {
      type: 'metric_recovered',
      referenceId: 'cloudfront_api_latency_recovered_2026-11-25T02:00',
      observedAt: expect.any(String),
    },
  ]);
});

it('ignores points stamped in the future: they have not happened', async () => {
  await latency(NOW - 60 * MINUTE, 60, 150);
  await latency(NOW + 10 * MINUTE, 30, 5000);
  expect(await facts()).toEqual([]);
});
