/** Reads the dashboard's 12 hours of metric_logs (the only I/O of the dashboard besides the font). */
import type { EntityManager } from '@mikro-orm/sqlite';
import { METRIC_FEEDS, type MetricName } from '../vrchat/metrics';
import { dashboardWindow } from './buckets';
import type { SeriesPoint } from './types';

export interface DashboardData {
  series: Record<MetricName, SeriesPoint[]>;
  /**
   * Changes whenever the rows in the window change: per metric, how many rows and the largest id. Rows
   * are only ever inserted (ids grow) or deleted by retention (the count drops), so together they tell
   * a changed window from an unchanged one without comparing values. The window's minute is not part
   * of it; the render cache keys on that separately.
   */
  dataVersion: string;
}

interface Row {
  id: number;
  metric_name: string;
  value: number;
  timestamp: number;
}

const METRIC_NAMES: readonly MetricName[] = METRIC_FEEDS.map((f) => f.name);
const isMetricName = (name: string): name is MetricName => (METRIC_NAMES as readonly string[]).includes(name);

/**
 * One statement for all eight metrics. `metric_name IN (...) AND timestamp` in a range is answered by
 * the unique index (metric_name, timestamp) as eight range seeks, in index order, so the rows arrive
 * sorted and nothing outside the window is read (test/dashboard/load.integration.test.ts checks the plan). Raw SQL
 * rather than em.find: about 5,800 rows would otherwise each become a managed entity for nothing.
 */
export function dashboardQuery(now: Date): { sql: string; params: (string | number)[] } {
  const { from, to } = dashboardWindow(now);
  const placeholders = METRIC_NAMES.map(() => '?').join(', ');
  return {
    sql: `select id, metric_name, value, timestamp from metric_logs
     where metric_name in (${placeholders}) and timestamp > ? and timestamp <= ?
     order by metric_name, timestamp`,
    params: [...METRIC_NAMES, from, to],
  };
}

/** The last 12 hours of every metric (the window of dashboardWindow(now)) and their data version. */
export async function loadDashboardSeries(em: EntityManager, now: Date): Promise<DashboardData> {
  const { sql, params } = dashboardQuery(now);
  const rows: Row[] = await em.getConnection().execute(sql, params, 'all', em.getTransactionContext());
  const series = Object.fromEntries(METRIC_NAMES.map((name) => [name, [] as SeriesPoint[]])) as Record<
    MetricName,
    SeriesPoint[]
  >;
  const maxId = Object.fromEntries(METRIC_NAMES.map((name) => [name, 0])) as Record<MetricName, number>;
  for (const row of rows) {
    if (!isMetricName(row.metric_name)) continue;
    series[row.metric_name].push({ timestamp: Number(row.timestamp), value: Number(row.value) });
    if (row.id > maxId[row.metric_name]) maxId[row.metric_name] = row.id;
  }
  const dataVersion = METRIC_NAMES.map((name) => `${series[name].length}.${maxId[name]}`).join('-');
  return { series, dataVersion };
}
