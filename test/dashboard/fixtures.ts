/**
 * Dashboard fixtures built in code: one point a minute per metric, shaped like the real feeds (a daily
 * wave plus deterministic noise), so tests and the benchmark render the same data every run.
 */
import type { DashboardSeries, SeriesPoint } from '../../src/dashboard/types';
import { METRIC_FEEDS, type MetricName } from '../../src/vrchat/metrics';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** A fixed "now" (a Wednesday, 21:30 UTC) so the pictures and their titles do not change. */
export const FIXTURE_NOW = new Date('2026-11-25T21:30:00Z');

/** Deterministic noise in [-1, 1] per metric and minute (a small integer hash). */
function noise(seed: number, minute: number): number {
  let h = (Math.imul(minute, 0x9e3779b1) ^ Math.imul(seed + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  return ((h ^ (h >>> 15)) >>> 0) / 0x7fffffff - 1;
}

/** The value a realistic feed would store for `metric` at minute `t` (epoch ms). */
export function fixtureValue(metric: MetricName, t: number): number {
  const minute = Math.floor(t / MINUTE_MS);
  const day = Math.sin((2 * Math.PI * t) / (24 * HOUR_MS));
  const seed = METRIC_FEEDS.findIndex((f) => f.name === metric);
  const n = noise(seed, minute);
  switch (metric) {
    case 'visits':
      return Math.round(62_000 + 14_000 * day + 900 * n);
    case 'api_latency':
      return 190 + 45 * day + 25 * n + (minute % 97 === 0 ? 400 : 0);
    case 'api_requests':
      return 1_250 + 300 * day + 60 * n;
    case 'api_errors':
      return Math.max(0, 0.006 + 0.003 * n + (minute % 211 < 4 ? 0.03 : 0));
    case 'extauth_steam':
      return Math.min(1, 0.975 + 0.01 * n);
    case 'extauth_oculus':
      return Math.min(1, 0.955 + 0.02 * n - (minute % 173 < 6 ? 0.2 : 0));
    case 'extauth_steam_count':
      return Math.round(420 + 120 * day + 30 * n);
    case 'extauth_oculus_count':
      return Math.round(180 + 60 * day + 20 * n);
  }
}

export interface FixtureOptions {
  now?: Date;
  /** How far back the data reach (default 12 h: the whole window, plus a little before it). */
  span?: number;
  /** Only these metrics (default: all eight). */
  metrics?: readonly MetricName[];
  /** Minutes left out: [start, end) in epoch ms. */
  gap?: readonly [number, number];
  /** Replace a metric's values (extreme cases). */
  value?: Partial<Record<MetricName, (t: number) => number>>;
}

/** Points a minute apart ending at `now`, as metric_logs holds them after collection. */
export function fixtureSeries(options: FixtureOptions = {}): DashboardSeries {
  const now = (options.now ?? FIXTURE_NOW).getTime();
  const span = options.span ?? 12 * HOUR_MS + 10 * MINUTE_MS;
  const metrics = options.metrics ?? METRIC_FEEDS.map((f) => f.name);
  const series: DashboardSeries = {};
  for (const metric of metrics) {
    const valueAt = options.value?.[metric] ?? ((t: number) => fixtureValue(metric, t));
    const points: SeriesPoint[] = [];
    for (let t = Math.floor((now - span) / MINUTE_MS) * MINUTE_MS + MINUTE_MS; t <= now; t += MINUTE_MS) {
      if (options.gap && t >= options.gap[0] && t < options.gap[1]) continue;
      points.push({ timestamp: t, value: valueAt(t) });
    }
    series[metric] = points;
  }
  return series;
}
