/** Writes the CloudFront metric points that are newer than what is stored. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { MetricLog } from '../db/entities/index';
import { type MetricName, metricFeed } from '../vrchat/metrics';
import type { MetricPoint } from '../vrchat/types';

/** The feeds' resolution: one point a minute. */
export const METRIC_INTERVAL_SECONDS = 60;
/**
 * How far past the fetch a point's timestamp may be and still be believed (clocks drift a little);
 * a point stamped later has not happened yet and is skipped.
 */
export const FUTURE_TOLERANCE_MS = 2 * 60_000;
/** Rows per INSERT statement: 7 bound values a row stays far below SQLite's 32,766-variable limit. */
const INSERT_CHUNK_ROWS = 1000;

export interface FetchedFeed {
  name: MetricName;
  points: MetricPoint[];
}

export interface MetricsPersisted {
  /** Rows inserted, as `metric_logs_inserted.<feed>`. */
  written: Record<string, number>;
  /** Per feed, the points skipped because they were stamped after `now` + FUTURE_TOLERANCE_MS. */
  futurePoints: Partial<Record<MetricName, number>>;
}

/**
 * Inserts, per feed, only the points after the newest stored one (consecutive polls overlap by
 * about 1440 of 1441 points), in bulk. `(metric_name, timestamp)` is unique, so a point that slips
 * through twice is rejected by the database rather than stored twice.
 *
 * Points stamped in the future are not stored, and the "newest stored" mark looks only at points
 * up to `now`: one point stamped in 2100 (a skewed clock, stored before this rule existed) would
 * otherwise hold back every later point of its feed for good.
 */
export async function persistMetrics(
  em: EntityManager,
  feeds: FetchedFeed[],
  now: Date,
): Promise<MetricsPersisted> {
  const written: Record<string, number> = {};
  const futurePoints: MetricsPersisted['futurePoints'] = {};
  const latestBelievable = now.getTime() + FUTURE_TOLERANCE_MS;
  for (const { name, points } of feeds) {
    const newest = await em.findOne(
      MetricLog,
      { metricName: name, timestamp: { $lte: now } },
      { fields: ['timestamp'], orderBy: { timestamp: 'desc' } },
    );
    const after = newest?.timestamp.getTime() ?? -Infinity;
    const future = points.filter((p) => p.timestamp.getTime() > latestBelievable).length;
    if (future > 0) futurePoints[name] = future;
    const { unit, scale } = metricFeed(name);
    const rows = points
      .filter((p) => p.timestamp.getTime() > after && p.timestamp.getTime() <= latestBelievable)
      .map((p) => ({
        metricName: name,
        value: p.value * scale,
        unit,
        intervalSec: METRIC_INTERVAL_SECONDS,
        timestamp: p.timestamp,
        createdAt: now,
      }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
      await em
        .createQueryBuilder(MetricLog)
        .insert(rows.slice(i, i + INSERT_CHUNK_ROWS))
        .onConflict(['metricName', 'timestamp'])
        .ignore()
        .execute();
    }
    if (rows.length > 0) written[`metric_logs_inserted.${name}`] = rows.length;
  }
  return { written, futurePoints };
}
