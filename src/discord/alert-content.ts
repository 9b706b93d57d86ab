/**
 * What one alert says, as plain JSON. It is built once when an alert is fanned out and travels
 * through Temporal history to every recipient's delivery, where it is rendered in the recipient's
 * language (see embeds.ts). Only strings, numbers, booleans, null, arrays and plain objects;
 * timestamps are ISO-8601 strings. Free text is capped by `truncateAlertContent` before it enters
 * history, so a 50 KB incident body cannot bloat every recipient's payload.
 */
import type { AlertType } from '../shared/alerts';
import { truncate } from './text';

export interface AlertUpdate {
  status: string;
  /** As published by Statuspage: may contain minimal HTML, `\r\n` and markdown. */
  body: string;
  publishedAt: string;
}

export interface AlertComponent {
  name: string;
  status: string;
  /** Name of the component group ("API / Website"), or null for a top-level component. */
  group: string | null;
}

export interface StatusAlertContent {
  type: 'status';
  referenceId: string;
  indicator: string;
  /** Statuspage's own wording of the overall status ("Partial System Outage"). */
  description: string;
  previousIndicator: string | null;
  changedAt: string;
  /** The components that are not operational. */
  components: AlertComponent[];
}

export interface IncidentAlertContent {
  type: 'incident' | 'incident_update' | 'incident_resolved';
  referenceId: string;
  incidentId: string;
  title: string;
  status: string;
  impact: string;
  startedAt: string;
  resolvedAt: string | null;
  url: string | null;
  latestUpdate: AlertUpdate | null;
}

export interface MaintenanceAlertContent {
  type: 'maintenance' | 'maintenance_started' | 'maintenance_completed';
  referenceId: string;
  maintenanceId: string;
  title: string;
  status: string;
  scheduledFor: string;
  scheduledUntil: string;
  url: string | null;
  latestUpdate: AlertUpdate | null;
}

export interface ThresholdAlertContent {
  type: 'threshold';
  referenceId: string;
  reportType: string;
  count: number;
  threshold: number;
  windowMinutes: number;
  /** Up to 5, newest first; times only, never who reported. */
  recentReportTimes: string[];
}

export type AlertMetric = 'api_latency' | 'api_errors' | 'extauth_steam' | 'extauth_oculus';

export interface MetricAlertContent {
  type: 'metric' | 'metric_recovered';
  referenceId: string;
  metric: AlertMetric;
  value: number;
  threshold: number;
  direction: 'above' | 'below';
  unit: 'ms' | 'ratio';
  observedAt: string;
}

export type AlertContent =
  | StatusAlertContent
  | IncidentAlertContent
  | MaintenanceAlertContent
  | ThresholdAlertContent
  | MetricAlertContent;

// Every alert type of src/shared/alerts.ts has a content shape, and no other type does.
type _Assert<T extends true> = T;
type _ContentCoversAlertTypes = _Assert<
  [AlertContent['type']] extends [AlertType]
    ? [AlertType] extends [AlertContent['type']]
      ? true
      : false
    : false
>;

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
export function truncateAlertContent<T extends AlertContent>(content: T): T {
  const c: AlertContent = content;
  switch (c.type) {
    case 'status':
      return {
        ...c,
        indicator: word(c.indicator),
        description: truncate(c.description, TRANSPORT_LIMITS.description),
        previousIndicator: c.previousIndicator === null ? null : word(c.previousIndicator),
        components: c.components.slice(0, TRANSPORT_LIMITS.components).map((component) => ({
          name: truncate(component.name, TRANSPORT_LIMITS.name),
          status: word(component.status),
          group: component.group === null ? null : truncate(component.group, TRANSPORT_LIMITS.name),
        })),
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
      } as T;
    case 'maintenance':
    case 'maintenance_started':
    case 'maintenance_completed':
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
      return { ...c } as T;
  }
}
