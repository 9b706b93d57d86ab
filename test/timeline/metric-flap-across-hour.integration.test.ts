/**
 * Story: API latency breaches at 10:53, dips back at 11:02, breaches again at 11:08 and is normal
 * for good from 11:20. Before episodes, the recovery of the second breach reused the first one's
 * id and was never sent. Now it is one episode: one breach, one recovery naming it, with the
 * episode's values.
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

const START = Date.parse('2026-11-25T10:00:00Z');
// seconds, one a minute from 10:00
const LATENCY = [
  ...repeat(0.15, 53), // 10:00-10:52 normal
  ...repeat(3.0, 9), // 10:53-11:01 breach
  ...repeat(0.15, 6), // 11:02-11:07 back under
  ...repeat(4.5, 12), // 11:08-11:19 breach again
  ...repeat(0.15, 60), // 11:20-12:19 normal for good
];

it('sends one breach and one recovery for the whole episode, each showing its values', async () => {
  const alerts = [];
  for (let now = START + 30 * MINUTE; now <= START + 110 * MINUTE; now += MINUTE) {
    serveLatency(timeline, START, LATENCY, now);
    for (const alert of await timeline.poll('metrics', now)) alerts.push({ ...alert, at: new Date(now) });
  }
  expect(ids(alerts)).toEqual([
    'metric:cloudfront_api_latency_2026-11-25T10:54',
    'metric_recovered:cloudfront_api_latency_recovered_2026-11-25T10:54',
  ]);
  const [breach, recovery] = alerts;
  expect(breach!.at.toISOString()).toBe('2026-11-25T10:54:00.000Z');
  expect(breach!.embed.title).toBe('API latency above threshold');
  // (150 * 3 + 3,000 * 2) / 5: the first average over 1,000 ms
  expect(field(breach, 'When it began (5-min average)')).toBe('1,290 ms');
  // back under from 11:24 (at 11:23 one 4,500 ms point still holds the average at 1,020 ms),
  // confirmed once it has stayed under for the 15-minute recovery period
  expect(recovery!.at.toISOString()).toBe('2026-11-25T11:39:00.000Z');
  expect(recovery!.embed.title).toBe('API latency back to normal');
  expect(field(recovery, 'Lasted')).toBe('30 minutes');
  expect(field(recovery, 'Worst')).toBe('4,500 ms');
});
