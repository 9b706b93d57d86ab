/** readMetricFacts on a real SQLite file: the window it reads, and points stamped in the future. */
import { alertSettings } from '../../src/contracts/alert-settings';
import { readMetricFacts } from '../../src/polling/persist-metrics';
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
    { type: 'metric', referenceId: 'cloudfront_api_latency_2026-11-25T11', observedAt: expect.any(String) },
  ]);
});

it('ignores points stamped in the future: they have not happened', async () => {
  await latency(NOW - 60 * MINUTE, 60, 150);
  await latency(NOW + 10 * MINUTE, 30, 5000);
  expect(await facts()).toEqual([]);
});
