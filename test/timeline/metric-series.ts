/** CloudFront feeds for metric stories: API latency as a list of one-a-minute values, the other feeds steady. */
import { METRIC_FEEDS } from '../../src/vrchat';
import { metricFeed } from '../fakes/statuspage-builders';
import type { Timeline } from './harness';

/**
 * Serves the feeds as they stand at `now`: latency from `start`, one value (in seconds, as the feed
 * gives it) a minute, up to `now`; every other feed healthy over the same minutes.
 */
export function serveLatency(timeline: Timeline, start: number, latencySeconds: number[], now: number): void {
  const minutes = Math.min(latencySeconds.length, Math.floor((now - start) / 60_000) + 1);
  const shown = latencySeconds.slice(0, Math.max(0, minutes));
  for (const feed of METRIC_FEEDS) {
    const values =
      feed.name === 'api_latency' ? shown : shown.map(() => (feed.name === 'api_errors' ? 0.0001 : 0.99));
    timeline.serve(feed.path, metricFeed(start / 1000, values));
  }
}

export const repeat = (value: number, times: number): number[] => Array<number>(times).fill(value);
export const MINUTE = 60_000;
