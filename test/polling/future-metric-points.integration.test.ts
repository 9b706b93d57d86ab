/**
 * A metric point stamped in the future has not happened: it is skipped and counted when fetched,
 * and one stored before this rule (a feed's clock once ran years ahead) no longer holds back every
 * later point of its feed. Real SQLite; the collector's own persistMetrics.
 */
import { persistMetrics } from '../../src/polling/persist-metrics';
import { rows } from '../harness/db-rows';
import { createTestDatabase } from '../harness/sqlite';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const MINUTE = 60_000;
const at = (offsetMinutes: number) => new Date(NOW.getTime() + offsetMinutes * MINUTE);
const points = (...offsets: number[]) => offsets.map((m) => ({ timestamp: at(m), value: 100 + m }));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.cleanup());

const persist = (feedPoints: { timestamp: Date; value: number }[], now = NOW) =>
  db.orm.em
    .fork()
    .transactional((em) => persistMetrics(em, [{ name: 'api_latency', points: feedPoints }], now));
const stored = async () =>
  (
    await rows<{ timestamp: number }>(
      db.orm,
      `select timestamp from metric_logs where metric_name = 'api_latency' order by timestamp`,
    )
  ).map((r) => (r.timestamp - NOW.getTime()) / MINUTE);

it('skips points stamped more than 2 minutes after the fetch, and counts them', async () => {
  const result = await persist(points(-2, -1, 0, 1, 2, 3, 60 * 24 * 365 * 74));
  expect(result.futurePoints).toEqual({ api_latency: 2 });
  expect(result.written).toEqual({ 'metric_logs_inserted.api_latency': 5 });
  expect(await stored()).toEqual([-2, -1, 0, 1, 2]);
});

it('keeps taking new points although a point from the future was stored before the rule', async () => {
  await persist(points(-3, -2));
  // what an older version stored: a point in 2100
  await db.orm.em
    .getConnection()
    .execute(
      `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values ('api_latency', 1, 'ms', 60, ?, ?)`,
      [Date.parse('2100-01-01T00:00:00Z'), NOW.getTime()],
    );
  const later = await persist(points(-3, -2, -1, 0, 1), at(1));
  expect(later.written).toEqual({ 'metric_logs_inserted.api_latency': 3 });
  expect((await stored()).filter((m) => m < 60)).toEqual([-3, -2, -1, 0, 1]);
});

it('stores nothing twice when the same points come again', async () => {
  await persist(points(-2, -1, 0));
  expect((await persist(points(-2, -1, 0))).written).toEqual({});
  expect(await stored()).toEqual([-2, -1, 0]);
});
