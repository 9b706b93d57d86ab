/**
 * Story: the latency feed carries one point stamped in the year 2100 (a skewed clock). It is
 * skipped and counted; the feed keeps flowing, and a breach minutes later still alerts.
 */
import { metricFeed } from '../fakes/statuspage-builders';
import { METRIC_FEEDS } from '../../src/vrchat';
import { ids, startTimeline, type Timeline } from './harness';
import { MINUTE, repeat } from './metric-series';

let timeline: Timeline;
beforeEach(async () => {
  timeline = await startTimeline();
});
afterEach(async () => {
  await timeline.close();
});

const START = Date.parse('2026-11-25T10:00:00Z');
const YEAR_2100 = Date.parse('2100-01-01T00:00:00Z') / 1000;

/** All feeds up to `now`, latency from `latency`, plus the stray future point on latency. */
function serve(latency: number[], now: number) {
  const shown = latency.slice(0, Math.floor((now - START) / MINUTE) + 1);
  for (const feed of METRIC_FEEDS) {
    const healthy = feed.name === 'api_errors' ? 0.0001 : 0.99;
    const values = feed.name === 'api_latency' ? shown : shown.map(() => healthy);
    const points = metricFeed(START / 1000, values);
    timeline.serve(feed.path, feed.name === 'api_latency' ? [...points, [YEAR_2100, 0.1]] : points);
  }
}

it('skips and counts a point from the future, and keeps alerting on the feed', async () => {
  const latency = [...repeat(0.2, 40), ...repeat(3, 20)];
  serve(latency, START + 30 * MINUTE);
  expect(await timeline.poll('metrics', START + 30 * MINUTE)).toEqual([]);
  expect(timeline.lastResult?.warnings).toEqual(['api_latency: skipped 1 point(s) stamped in the future']);

  const alerts = [];
  for (let now = START + 31 * MINUTE; now <= START + 50 * MINUTE; now += MINUTE) {
    serve(latency, now);
    alerts.push(...(await timeline.poll('metrics', now)));
  }
  expect(ids(alerts)).toEqual(['metric:cloudfront_api_latency_2026-11-25T10:41']);
});
