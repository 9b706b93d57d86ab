/**
 * Every alert's reference id, built and read here and nowhere else: the fan-out's workflow id is
 * `alert-<type>-<reference id>` and `sent_alerts` deduplicates on it, so a builder must give the
 * same id for the same fact in every release. docs/alerts.md lists them. Each parser returns null
 * for an id that is not of its shape.
 *
 * Incidents, incident updates and maintenances use Statuspage's own ids as they are.
 */
const MINUTE_MS = 60_000;

/** Reports of one type count towards one alert per 15-minute UTC block. */
export const THRESHOLD_BLOCK_MS = 15 * MINUTE_MS;

const ISO_MINUTE = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}`;
const ISO_HOUR = String.raw`\d{4}-\d{2}-\d{2}T\d{2}`;

/** `{indicator}_{source timestamp}`, the timestamp in ISO-8601 UTC. */
export const statusReferenceId = (indicator: string, sourceTimestamp: Date | string): string =>
  `${indicator}_${new Date(sourceTimestamp).toISOString()}`;

export function parseStatusReferenceId(
  referenceId: string,
): { indicator: string; sourceTimestamp: Date } | null {
  const separator = referenceId.lastIndexOf('_');
  if (separator <= 0) return null;
  const sourceTimestamp = new Date(referenceId.slice(separator + 1));
  if (Number.isNaN(sourceTimestamp.getTime())) return null;
  return { indicator: referenceId.slice(0, separator), sourceTimestamp };
}

/** `threshold_{report type}_{YYYY-MM-DDTHH:MM}`: the 15-minute UTC block the moment falls in. */
export function thresholdReferenceId(reportType: string, at: Date): string {
  const block = new Date(Math.floor(at.getTime() / THRESHOLD_BLOCK_MS) * THRESHOLD_BLOCK_MS);
  return `threshold_${reportType}_${block.toISOString().slice(0, 16)}`;
}

const THRESHOLD_ID = new RegExp(`^threshold_(.+)_(${ISO_MINUTE})$`);

export function parseThresholdReferenceId(
  referenceId: string,
): { reportType: string; blockStart: Date; blockEnd: Date } | null {
  const match = THRESHOLD_ID.exec(referenceId);
  if (!match) return null;
  const blockStart = new Date(`${match[2]}:00.000Z`);
  if (Number.isNaN(blockStart.getTime())) return null;
  return {
    reportType: match[1]!,
    blockStart,
    blockEnd: new Date(blockStart.getTime() + THRESHOLD_BLOCK_MS),
  };
}

/**
 * `cloudfront_{metric}_{YYYY-MM-DDTHH:MM}` for a breach episode and
 * `cloudfront_{metric}_recovered_{YYYY-MM-DDTHH:MM}` for its end: both carry the UTC minute the
 * episode began, so a recovery names the breach it closes whatever hours the episode spans.
 *
 * Releases before episodes keyed both by the hour (`…_{YYYY-MM-DDTHH}`; a recovery by the hour it
 * ended). The parser still reads those, as the start of their hour, so a breach announced under the
 * old ids is recognised and closed by exactly one recovery.
 */
export function metricReferenceId(
  metric: string,
  edge: 'breach' | 'recovered',
  episodeStart: Date | number,
): string {
  const minute = new Date(episodeStart).toISOString().slice(0, 16);
  return edge === 'breach' ? `cloudfront_${metric}_${minute}` : `cloudfront_${metric}_recovered_${minute}`;
}

const METRIC_ID = new RegExp(`^cloudfront_(.+?)_(recovered_)?(${ISO_HOUR})(:\\d{2})?$`);

export function parseMetricReferenceId(
  referenceId: string,
): { metric: string; edge: 'breach' | 'recovered'; episodeStart: Date; legacyHourKey: boolean } | null {
  const match = METRIC_ID.exec(referenceId);
  if (!match) return null;
  const episodeStart = new Date(`${match[3]}${match[4] ?? ':00'}:00.000Z`);
  if (Number.isNaN(episodeStart.getTime())) return null;
  return {
    metric: match[1]!,
    edge: match[2] ? 'recovered' : 'breach',
    episodeStart,
    legacyHourKey: match[4] === undefined,
  };
}
