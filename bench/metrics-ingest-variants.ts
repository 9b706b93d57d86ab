/**
 * Other ways to write the same rows as persistMetrics, measured next to it so that the choice of
 * insert strategy rests on numbers. Every variant keeps persistMetrics' contract: per feed, look up
 * the newest stored timestamp, insert only the later points (value scaled, unit, 60 s interval,
 * created_at = now), let the (metric_name, timestamp) unique index drop duplicates, and report
 * `metric_logs_inserted.<feed>` counts. They run inside the caller's transaction like persistMetrics.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { SqliteConnection } from '@mikro-orm/sqlite';
import {
  METRIC_INTERVAL_SECONDS,
  type FetchedFeed,
  type MetricsPersisted,
} from '../src/polling/persist-metrics';
import { MetricLog } from '../src/db/entities';
import { metricFeed } from '../src/vrchat';

export type PersistFn = (em: EntityManager, feeds: FetchedFeed[], now: Date) => Promise<MetricsPersisted>;

interface Row {
  metricName: string;
  value: number;
  unit: string;
  intervalSec: number;
  timestamp: Date;
  createdAt: Date;
}

/** The part every variant shares with persistMetrics: which rows a feed contributes. */
async function newRows(em: EntityManager, { name, points }: FetchedFeed, now: Date): Promise<Row[]> {
  const newest = await em.findOne(
    MetricLog,
    { metricName: name },
    { fields: ['timestamp'], orderBy: { timestamp: 'desc' } },
  );
  const after = newest?.timestamp.getTime() ?? -Infinity;
  const { unit, scale } = metricFeed(name);
  return points
    .filter((p) => p.timestamp.getTime() > after)
    .map((p) => ({
      metricName: name,
      value: p.value * scale,
      unit,
      intervalSec: METRIC_INTERVAL_SECONDS,
      timestamp: p.timestamp,
      createdAt: now,
    }));
}

function withCounts(insert: (em: EntityManager, rows: Row[]) => Promise<void>): PersistFn {
  return async (em, feeds, now) => {
    const written: Record<string, number> = {};
    for (const feed of feeds) {
      const rows = await newRows(em, feed, now);
      if (rows.length > 0) {
        await insert(em, rows);
        written[`metric_logs_inserted.${feed.name}`] = rows.length;
      }
    }
    return { written, futurePoints: {} };
  };
}

/** persistMetrics' own strategy (MikroORM query builder, multi-row INSERT … ON CONFLICT DO NOTHING) at another chunk size. */
export function queryBuilderInsert(chunkRows: number): PersistFn {
  return withCounts(async (em, rows) => {
    for (let i = 0; i < rows.length; i += chunkRows) {
      await em
        .createQueryBuilder(MetricLog)
        .insert(rows.slice(i, i + chunkRows))
        .onConflict(['metricName', 'timestamp'])
        .ignore()
        .execute();
    }
  });
}

const COLUMNS = '(metric_name, value, unit, interval_sec, timestamp, created_at)';
const CONFLICT = 'on conflict (metric_name, timestamp) do nothing';

/** Hand-written multi-row INSERT through the ORM's connection (and transaction), skipping the query builder. */
export function rawSqlInsert(chunkRows: number): PersistFn {
  return withCounts(async (em, rows) => {
    const connection = em.getConnection();
    const ctx = em.getTransactionContext();
    for (let i = 0; i < rows.length; i += chunkRows) {
      const chunk = rows.slice(i, i + chunkRows);
      const sql = `insert into metric_logs ${COLUMNS} values ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')} ${CONFLICT}`;
      const params = chunk.flatMap((r) => [
        r.metricName,
        r.value,
        r.unit,
        r.intervalSec,
        r.timestamp.getTime(),
        r.createdAt.getTime(),
      ]);
      await connection.execute(sql, params, 'run', ctx);
    }
  });
}

/**
 * One prepared single-row statement on the better-sqlite3 handle, run once per row. SQLite
 * transactions belong to the connection and MikroORM's SQLite driver has exactly one, so these
 * writes join the transaction the caller opened (asserted below).
 */
export function preparedStatementInsert(): PersistFn {
  return withCounts(async (em, rows) => {
    const db = await (em.getConnection() as SqliteConnection).getNativeClient();
    if (!db.inTransaction) throw new Error('preparedStatementInsert must run inside a transaction');
    const insert = db.prepare(`insert into metric_logs ${COLUMNS} values (?, ?, ?, ?, ?, ?) ${CONFLICT}`);
    for (const r of rows) {
      insert.run(r.metricName, r.value, r.unit, r.intervalSec, r.timestamp.getTime(), r.createdAt.getTime());
    }
  });
}
