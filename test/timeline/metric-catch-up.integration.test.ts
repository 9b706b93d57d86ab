/**
 * Story: the worker is down from 10:00 to 10:40 while API latency breaches from 10:10 to 10:19.
 * When it comes back, both alerts go out at once, and the breach shows the values that breached,
 * not the normal average of the moment it is sent.
 */
import { field, ids, startTimeline, type Timeline } from './harness';
import { MINUTE, repeat, serveLatency } from './metric-series';

let timeline: Timeline;
beforeEach(async () => {
  timeline = await startTimeline();
});
afterEach(async () => {
  await timeline.close();
});

const START = Date.parse('2026-11-25T09:00:00Z');
const LATENCY = [...repeat(0.2, 70), ...repeat(2.5, 10), ...repeat(0.2, 60)]; // breach 10:10-10:19

it('a breach found after a downtime shows its own values, and its recovery goes out with it', async () => {
  for (let now = START + 30 * MINUTE; now <= START + 60 * MINUTE; now += MINUTE) {
    serveLatency(timeline, START, LATENCY, now);
    expect(await timeline.poll('metrics', now)).toEqual([]);
  }
  // down from 10:00 to 10:40
  const back = START + 100 * MINUTE;
  serveLatency(timeline, START, LATENCY, back);
  const alerts = await timeline.poll('metrics', back);
  expect(ids(alerts)).toEqual([
    'metric:cloudfront_api_latency_2026-11-25T10:11',
    'metric_recovered:cloudfront_api_latency_recovered_2026-11-25T10:11',
  ]);
  const [breach, recovery] = alerts;
  expect(breach!.embed.title).toBe('API latency above threshold');
  // (200 * 3 + 2,500 * 2) / 5, where the average first crossed 1,000 ms
  expect(field(breach, 'When it began (5-min average)')).toBe('1,120 ms');
  expect(field(breach, 'Worst so far')).toBe('2,500 ms');
  expect(breach!.embed.description).not.toContain('200 ms');
  expect(field(recovery, 'Current (5-min average)')).toBe('200 ms');
  expect(field(recovery, 'Worst')).toBe('2,500 ms');
});
