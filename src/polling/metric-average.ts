/**
 * The one definition of a metric's "5-minute average", used by the alert detector (rolling, in
 * metric-facts.ts), the alert's content and the /status numbers (the newest window).
 */
export const AVERAGE_WINDOW_MS = 5 * 60_000;

/** The average of the points within the window ending at the newest one; null without points. */
export function newestAverage(points: readonly { timestamp: number; value: number }[]): number | null {
  if (points.length === 0) return null;
  const newest = Math.max(...points.map((p) => p.timestamp));
  const recent = points.filter((p) => p.timestamp > newest - AVERAGE_WINDOW_MS);
  return recent.reduce((sum, p) => sum + p.value, 0) / recent.length;
}
