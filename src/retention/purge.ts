/**
 * Deleting rows past their retention period in small batches. Every batch is one
 * `DELETE ... WHERE rowid IN (SELECT rowid ... LIMIT ?)` statement in autocommit mode: its own
 * transaction, holding SQLite's write lock (and the worker's one ORM connection, which the bot shares
 * under `npm start`) for about a millisecond at 500 rows, so the poll loops and /status never wait long.
 *
 * Which timestamp decides a row's age, per table (all INTEGER epoch ms, see db/entities/columns.ts):
 * - metric_logs.timestamp: the data point's own time, the time the dashboards and trends are about
 *   (created_at is when we fetched it, up to 24 h later for a feed caught up after an outage).
 * - status_logs.source_timestamp and component_logs.source_timestamp: the snapshot's time
 *   (`page.updated_at`). Both tables are written together per snapshot with the same value, so one
 *   cut-off removes whole snapshots: no status row without its components, or the other way round.
 * - user_reports.created_at: the only timestamp a report has (when it was filed).
 * - sent_alerts.notified_at: when the alert was delivered, which is what "recent duplicates" is
 *   about (created_at is the same instant in practice, but notified_at says what it means).
 * - alert_messages.updated_at: the last time the message was (re)recorded, so a message still being
 *   edited is kept however old the incident is.
 * - delivery_failures.failed_at: when Discord refused (idx_delivery_failures_recent, by recipient).
 *
 * The search for each batch uses an index where one exists: the schema's indexes lead with a
 * low-cardinality column (metric name, component id, report type) followed by the timestamp, so the
 * inner SELECT walks the distinct leading values (a recursive "loose index scan", a few B-tree seeks)
 * and takes each one's old rows by index range. Without that, every batch after the first metric's old
 * rows would step over all of that metric's kept rows again (SQLite has no skip-scan without ANALYZE).
 * status_logs has its unique index on source_timestamp. sent_alerts has no index on a time column: its
 * rows are appended in time order, so a scan in rowid order finds old rows first, and only the last,
 * short batch reads the (30 days of) kept rows once.
 */
import type { MikroORM } from '@mikro-orm/sqlite';
import type { RetentionTable } from '../contracts/retention';

interface PurgeSpec {
  /** The column whose age decides (epoch ms). */
  column: string;
  /** Leading column of an index on (group, column), walked as a loose index scan. */
  groupedBy?: string;
  /** Never delete the newest status snapshot (see `newestStatusSnapshot`). */
  keepsNewestSnapshot?: boolean;
}

export const PURGE_SPECS: Readonly<Record<RetentionTable, PurgeSpec>> = {
  metric_logs: { column: 'timestamp', groupedBy: 'metric_name' },
  status_logs: { column: 'source_timestamp', keepsNewestSnapshot: true },
  component_logs: { column: 'source_timestamp', groupedBy: 'component_id', keepsNewestSnapshot: true },
  user_reports: { column: 'created_at', groupedBy: 'incident_type' },
  sent_alerts: { column: 'notified_at' },
  alert_messages: { column: 'updated_at' },
  delivery_failures: { column: 'failed_at', groupedBy: 'recipient' },
};

/** The inner SELECT of a batch: rowids of at most `?2` rows of `table` older than `?1`. */
export function batchSelectSql(table: RetentionTable): string {
  const { column, groupedBy } = PURGE_SPECS[table];
  if (!groupedBy) return `select rowid from ${table} where ${column} < ? limit ?`;
  const groups =
    `with recursive g(v) as (select min(${groupedBy}) from ${table} union all ` +
    `select (select min(${groupedBy}) from ${table} where ${groupedBy} > g.v) from g where g.v is not null) ` +
    `select v from g where v is not null`;
  return `select rowid from ${table} where ${groupedBy} in (${groups}) and ${column} < ? limit ?`;
}

export const batchDeleteSql = (table: RetentionTable): string =>
  `delete from ${table} where rowid in (${batchSelectSql(table)})`;

/**
 * The time of the newest status snapshot, or null. /status shows the newest snapshot as VRChat's
 * current state, so it is kept even when it is older than the period (a status page unchanged for
 * half a year); every older snapshot still goes.
 */
export async function newestStatusSnapshot(orm: MikroORM): Promise<number | null> {
  const [row] = await orm.em
    .getConnection()
    .execute<{ newest: number | null }[]>('select max(source_timestamp) as newest from status_logs');
  return row?.newest ?? null;
}

/** The cut-off a table's batches use: the period's, moved back to spare the newest status snapshot. */
export async function effectiveCutoff(
  orm: MikroORM,
  table: RetentionTable,
  cutoffMs: number,
): Promise<number> {
  if (!PURGE_SPECS[table].keepsNewestSnapshot) return cutoffMs;
  const newest = await newestStatusSnapshot(orm);
  return newest === null ? cutoffMs : Math.min(cutoffMs, newest);
}

/** Runs one batch (one DELETE, its own transaction) and returns how many rows it removed. */
export async function deleteBatch(
  orm: MikroORM,
  table: RetentionTable,
  cutoffMs: number,
  batchSize: number,
): Promise<number> {
  const result = await orm.em
    .getConnection()
    .execute<{ affectedRows: number }>(batchDeleteSql(table), [cutoffMs, batchSize], 'run');
  return result.affectedRows;
}
