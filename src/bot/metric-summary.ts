/**
 * The /status numbers (pure), from the 12-hour series the dashboard loads anyway, so one query
 * serves both the picture and the embed.
 */
import type { DashboardData } from '../dashboard/index';

export interface MetricSummary {
  /** Online users over the last 12 hours. */
  onlineUsers: { average: number; peak: number } | null;
  /** Averages of the newest 5 minutes of data in the window; ratios 0..1. */
  apiErrorRate: number | null;
  steamAuthSuccess: number | null;
  metaAuthSuccess: number | null;
}

const FIVE_MINUTES_MS = 5 * 60_000;

/** The average of the points within 5 minutes of the newest one (the series is in time order). */
function newestFiveMinutes(points: readonly { timestamp: number; value: number }[]): number | null {
  const newest = points.at(-1);
  if (!newest) return null;
  const recent = points.filter((p) => p.timestamp > newest.timestamp - FIVE_MINUTES_MS);
  return recent.reduce((sum, p) => sum + p.value, 0) / recent.length;
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
    apiErrorRate: newestFiveMinutes(series.api_errors),
    steamAuthSuccess: newestFiveMinutes(series.extauth_steam),
    metaAuthSuccess: newestFiveMinutes(series.extauth_oculus),
  };
}
