/**
 * Caps the free text of an alert's content before it enters Temporal history (every recipient's
 * delivery carries it), on character boundaries, keeping the shape of src/contracts/alert-content.ts.
 */
import type { AlertComponent, AlertContent, AlertUpdate } from '../contracts/alert-content';
import { truncate } from '../discord/presentation';

/** Caps applied by `truncateAlertContent` (UTF-16 code units, list lengths). */
export const TRANSPORT_LIMITS = {
  /** Incident/maintenance titles: Discord's embed title limit. */
  title: 256,
  /** Update bodies: just under the 4,096 of an embed description. */
  body: 4000,
  /** Statuspage's overall status wording. */
  description: 256,
  /** Component and group names. */
  name: 128,
  /** Status, impact, indicator and report-type words. */
  word: 64,
  /** Longer URLs are dropped (a cut URL is a broken link). */
  url: 2048,
  components: 100,
  recentReportTimes: 5,
} as const;

const word = (value: string) => truncate(value, TRANSPORT_LIMITS.word);
const url = (value: string | null) => (value !== null && value.length <= TRANSPORT_LIMITS.url ? value : null);
const update = (value: AlertUpdate | null): AlertUpdate | null =>
  value === null
    ? null
    : {
        status: word(value.status),
        body: truncate(value.body, TRANSPORT_LIMITS.body),
        publishedAt: value.publishedAt,
      };

/**
 * Returns a copy whose free text fits TRANSPORT_LIMITS, cut with an ellipsis on a safe boundary
 * (see `truncate`). Identifiers, numbers and timestamps are never changed, so reference ids and
 * deduplication are unaffected. Idempotent.
 */
/** At most TRANSPORT_LIMITS.components, their names capped. */
const components = (list: readonly AlertComponent[]): AlertComponent[] =>
  list.slice(0, TRANSPORT_LIMITS.components).map((component) => ({
    name: truncate(component.name, TRANSPORT_LIMITS.name),
    status: word(component.status),
    group: component.group === null ? null : truncate(component.group, TRANSPORT_LIMITS.name),
  }));

export function truncateAlertContent<T extends AlertContent>(content: T): T {
  const c: AlertContent = content;
  switch (c.type) {
    case 'status':
      return {
        ...c,
        indicator: word(c.indicator),
        description: truncate(c.description, TRANSPORT_LIMITS.description),
        previousIndicator: c.previousIndicator === null ? null : word(c.previousIndicator),
        components: components(c.components),
      } as T;
    case 'incident':
    case 'incident_update':
    case 'incident_resolved':
      return {
        ...c,
        title: truncate(c.title, TRANSPORT_LIMITS.title),
        status: word(c.status),
        impact: word(c.impact),
        url: url(c.url),
        latestUpdate: update(c.latestUpdate),
        ...(c.components ? { components: components(c.components) } : {}),
      } as T;
    case 'maintenance':
    case 'maintenance_started':
    case 'maintenance_completed':
    case 'maintenance_reminder':
      return {
        ...c,
        title: truncate(c.title, TRANSPORT_LIMITS.title),
        status: word(c.status),
        url: url(c.url),
        latestUpdate: update(c.latestUpdate),
      } as T;
    case 'threshold':
      return {
        ...c,
        reportType: word(c.reportType),
        recentReportTimes: c.recentReportTimes.slice(0, TRANSPORT_LIMITS.recentReportTimes),
      } as T;
    case 'metric':
    case 'metric_recovered':
    case 'test':
      return { ...c } as T;
  }
}
