/**
 * VRChat's unofficial CloudFront metric feeds (the charts on status.vrchat.com). Each is a bare JSON
 * array of `[unix_seconds, value]` pairs, one per minute over about 24 hours. No real sample is
 * public, so the parser is lenient per element (a bad element is skipped and counted) and strict only
 * about the envelope (it must be an array).
 */
import { MalformedPayloadError } from './errors';
import type { MetricPoint } from './types';

export interface MetricFeed {
  /** `metric_logs.metric_name`. */
  readonly name: string;
  /** Path relative to the metrics base URL. */
  readonly path: string;
  /** Unit of the stored value (after `scale`). */
  readonly unit: 'ms' | 'count' | 'level' | 'ratio';
  /** Multiply the feed's value by this to get the stored value (latency: seconds -> ms). */
  readonly scale: number;
}

export const METRIC_FEEDS = [
  { name: 'api_latency', path: '/apilatency.json', unit: 'ms', scale: 1000 },
  { name: 'visits', path: '/visits.json', unit: 'count', scale: 1 },
  { name: 'api_requests', path: '/apirequests.json', unit: 'level', scale: 1 },
  { name: 'api_errors', path: '/apierrors.json', unit: 'ratio', scale: 1 },
  { name: 'extauth_steam', path: '/extauth_steam.json', unit: 'ratio', scale: 1 },
  { name: 'extauth_oculus', path: '/extauth_oculus.json', unit: 'ratio', scale: 1 },
  { name: 'extauth_steam_count', path: '/extauth_steam_count.json', unit: 'level', scale: 1 },
  { name: 'extauth_oculus_count', path: '/extauth_oculus_count.json', unit: 'level', scale: 1 },
] as const satisfies readonly MetricFeed[];

export type MetricName = (typeof METRIC_FEEDS)[number]['name'];

export function metricFeed(name: MetricName): (typeof METRIC_FEEDS)[number] {
  const feed = METRIC_FEEDS.find((f) => f.name === name);
  if (!feed) throw new RangeError(`unknown metric feed: ${String(name)}`);
  return feed;
}

/** Timestamps above this are taken as milliseconds (1e12 s is the year 33658; 1e12 ms is 2001). */
const MILLISECONDS_THRESHOLD = 1e12;
/** The largest instant a Date can hold. */
const MAX_DATE_MS = 8.64e15;

function toMillis(ts: unknown): number | null {
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts <= 0) return null;
  const ms = ts > MILLISECONDS_THRESHOLD ? ts : ts * 1000;
  return ms <= MAX_DATE_MS ? ms : null;
}

/**
 * Parses a decoded feed body. Elements that are not `[integer timestamp, finite number]` are skipped
 * and counted in `skipped`. Points come back sorted by time; when a timestamp repeats, the later
 * element wins. Values are as the feed gives them: apply the feed's `scale` when storing.
 *
 * @param endpoint names the feed in the error (`GET /apilatency.json`)
 * @throws MalformedPayloadError when the body is not an array
 */
export function parseMetricFeed(
  body: unknown,
  endpoint = 'metric feed',
): { points: MetricPoint[]; skipped: number } {
  if (!Array.isArray(body)) {
    const got = body === null ? 'null' : typeof body;
    throw new MalformedPayloadError(
      endpoint,
      '$',
      `expected a JSON array of [unix_seconds, value] pairs, got ${got}`,
    );
  }
  const byTime = new Map<number, number>();
  let skipped = 0;
  for (const element of body as unknown[]) {
    if (!Array.isArray(element) || element.length !== 2) {
      skipped++;
      continue;
    }
    const [ts, value] = element as [unknown, unknown];
    const ms = toMillis(ts);
    if (ms === null || typeof value !== 'number' || !Number.isFinite(value)) {
      skipped++;
      continue;
    }
    byTime.set(ms, value); // a later duplicate overwrites an earlier one
  }
  const points = [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ms, value]) => ({ timestamp: new Date(ms), value }));
  return { points, skipped };
}
