/** Plain data in and out of the dashboard renderer (no ORM or canvas types). */
import type { Language } from '../contracts/languages';
import type { MetricName } from '../vrchat/metrics';

export interface SeriesPoint {
  /** Epoch milliseconds. */
  timestamp: number;
  /** As stored in metric_logs: ratios as 0..1, latency in ms. */
  value: number;
}

/** Points per metric, any order. A missing metric is the same as an empty one. */
export type DashboardSeries = Partial<Record<MetricName, readonly SeriesPoint[]>>;

export interface DashboardInput {
  /** End of the 12-hour range (taken to the minute, see dashboardWindow). */
  now: Date;
  language: Language;
  series: DashboardSeries;
}
