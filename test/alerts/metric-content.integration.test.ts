/**
 * A metric alert's content is the episode as it was, read from a real SQLite file: the values
 * that breached, not the values at fan-out time (after a catch-up the metric may be normal again).
 */
import { loadAlertContent } from '../../src/alerts/load-content';
import { createTestDatabase } from '../harness/sqlite';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const MINUTE = 60_000;
const T10 = Date.parse('2026-11-25T10:00:00.000Z');

beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.cleanup();
});

/** api_latency points (ms), one a minute from `fromMs`. */
async function latency(fromMs: number, values: number[]): Promise<void> {
  const conn = db.orm.em.getConnection();
  for (const [i, value] of values.entries()) {
    const ts = fromMs + i * MINUTE;
    await conn.execute(
      `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values ('api_latency', ?, 'ms', 60, ?, ?)`,
      [value, ts, ts + MINUTE],
    );
  }
}

const load = (type: 'metric' | 'metric_recovered', referenceId: string, now: number) =>
  db.orm.em
    .fork()
    .transactional((em) =>
      loadAlertContent(
        em,
        { type, referenceId, observedAt: new Date(now).toISOString() },
        { pageUrl: null, now: new Date(now) },
      ),
    );

// 10:00-10:09 normal, 10:10-10:39 climbing to 6,000 ms and back, then normal for an hour
const normal = (n: number) => Array<number>(n).fill(150);
const episode = [1500, 2000, 3000, 6000, 4000, 3000, ...Array<number>(24).fill(2000)];

it('a breach fanned out late shows the values when it began and the worst so far, not the current ones', async () => {
  await latency(T10, [...normal(10), ...episode, ...normal(60)]);
  const content = await load('metric', 'cloudfront_api_latency_2026-11-25T10:12', T10 + 100 * MINUTE);
  expect(content).toMatchObject({
    type: 'metric',
    metric: 'api_latency',
    threshold: 1000,
    direction: 'above',
    observedAt: '2026-11-25T10:12:00.000Z',
    episode: {
      startedAt: '2026-11-25T10:12:00.000Z',
      worstValue: (2000 + 3000 + 6000 + 4000 + 3000) / 5,
      endedAt: null,
    },
  });
  // the first average over the threshold: (150 * 2 + 1500 + 2000 + 3000) / 5
  expect(content).toMatchObject({ value: 1360, episode: { startValue: 1360 } });
});

it('a recovery shows when the episode began and ended, and its worst value', async () => {
  await latency(T10, [...normal(10), ...episode, ...normal(60)]);
  const content = await load(
    'metric_recovered',
    'cloudfront_api_latency_recovered_2026-11-25T10:12',
    T10 + 100 * MINUTE,
  );
  expect(content).toMatchObject({
    type: 'metric_recovered',
    value: 150,
    episode: {
      startedAt: '2026-11-25T10:12:00.000Z',
      worstValue: 3600,
      // the last 2,000 ms point is 10:39; the average is back under 1,000 ms once three normal points are in it
      endedAt: '2026-11-25T10:42:00.000Z',
    },
  });
});
