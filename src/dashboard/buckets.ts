/** The dashboard's time window and its 5-minute averages (pure). */
import type { SeriesPoint } from './types';

export const DASHBOARD_RANGE_MS = 12 * 60 * 60_000;
export const BUCKET_MS = 5 * 60_000;
const MINUTE_MS = 60_000;

export interface DashboardWindow {
  /** Exclusive start: now - 12 h. */
  from: number;
  /** Inclusive end: `now` taken down to the whole minute. */
  to: number;
}

/**
 * The range a dashboard shows. The end is taken down to the minute because the feeds have one point a
 * minute and the title shows minutes: two requests in the same minute then read the same rows and draw
 * the same picture, which is what lets the render cache key on the minute.
 */
export function dashboardWindow(now: Date | number): DashboardWindow {
  if (!Number.isFinite(+now)) throw new RangeError(`dashboard time must be a valid date, got ${String(now)}`);
  const to = Math.floor(+now / MINUTE_MS) * MINUTE_MS;
  return { from: to - DASHBOARD_RANGE_MS, to };
}

export interface Buckets {
  /** Start of bucket 0; buckets are aligned to UTC 5-minute boundaries (12:00, 12:05, ...). */
  start: number;
  /** Average per bucket, `null` where the bucket holds no point (a gap). */
  values: (number | null)[];
}

/**
 * Averages the points inside the window per 5-minute bucket. Buckets follow the clock rather than the
 * window's end, so a bucket's value does not change from one minute to the next while its points stay
 * the same. The first bucket may start before the window; only points inside the window count.
 * Non-finite values are ignored (the parser rejects them, but this is the last line before the picture).
 */
export function bucketAverages(points: readonly SeriesPoint[], window: DashboardWindow): Buckets {
  const start = Math.floor((window.from + 1) / BUCKET_MS) * BUCKET_MS;
  const count = Math.floor((window.to - start) / BUCKET_MS) + 1;
  const sums = new Float64Array(count);
  const counts = new Uint32Array(count);
  for (const { timestamp, value } of points) {
    if (timestamp <= window.from || timestamp > window.to || !Number.isFinite(value)) continue;
    const i = Math.floor((timestamp - start) / BUCKET_MS);
    sums[i] = (sums[i] as number) + value;
    counts[i] = (counts[i] as number) + 1;
  }
  const values: (number | null)[] = new Array<number | null>(count);
  for (let i = 0; i < count; i++) {
    const n = counts[i] as number;
    values[i] = n === 0 ? null : (sums[i] as number) / n;
  }
  return { start, values };
}

/** Where bucket `i` is drawn: its start, or the window's start for a bucket that begins before it. */
export function bucketTime(buckets: Buckets, i: number, window: DashboardWindow): number {
  return Math.max(buckets.start + i * BUCKET_MS, window.from);
}
