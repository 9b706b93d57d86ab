/**
 * The /status numbers (pure), from the 12-hour series the dashboard loads anyway, so one query
 * serves both the picture and the embed.
 */
import type { DashboardData } from '../dashboard/index';
import { newestAverage } from '../polling/metric-average';

export interface MetricSummary {
  /** Online users over the last 12 hours. */
  onlineUsers: { average: number; peak: number } | null;
  /** Averages of the newest 5 minutes of data in the window; ratios 0..1. */
  apiErrorRate: number | null;
  steamAuthSuccess: number | null;
  metaAuthSuccess: number | null;
}

export function summarizeMetrics(series: DashboardData['series']): MetricSummary {
  const visits = series.visits;
  return {
    onlineUsers:
      visits.length > 0
        ? {
            average: visits.reduce((sum, p) => sum + p.value, 0) / visits.length,
            peak: Math.max(...visits.map((p) => p.value)),
          }
        : null,
    apiErrorRate: newestAverage(series.api_errors),
    steamAuthSuccess: newestAverage(series.extauth_steam),
    metaAuthSuccess: newestAverage(series.extauth_oculus),
  };
}
