/**
 * What one alert says, as plain JSON. It is built once when an alert is fanned out and travels
 * through Temporal history to every recipient's delivery, where it is rendered in the recipient's
 * language. Only strings, numbers, booleans, null, arrays and plain objects; timestamps are ISO-8601
 * strings. Free text is capped (src/alerts/truncate-content.ts) before it enters history, so a 50 KB
 * incident body cannot bloat every recipient's payload.
 */
import type { AlertType } from './alerts';

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
  /**
   * When players' reports of a related problem became an alert, if that was in the hour before
   * VRChat opened the incident (absent from alerts fanned out by earlier releases).
   */
  playersReportedAt?: string | null;
  /**
   * The components not operational in VRChat's latest status snapshot when the alert was made (its
   * incident message shows them); absent from alerts fanned out by earlier releases.
   */
  components?: AlertComponent[];
}

export interface MaintenanceAlertContent {
  type: 'maintenance' | 'maintenance_started' | 'maintenance_completed' | 'maintenance_reminder';
  /** The maintenance's id; a reminder's own (`<id>:reminder:<lead>:<window start>`). */
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
  /** The official signals at the time (absent from alerts fanned out by earlier releases). */
  officialIncident?: { title: string; status: string; url: string | null } | null;
  metricBreach?: {
    metric: AlertMetric;
    value: number;
    threshold: number;
    direction: 'above' | 'below';
    unit: 'ms' | 'ratio';
  } | null;
}

export type AlertMetric = 'api_latency' | 'api_errors' | 'extauth_steam' | 'extauth_oculus';

export interface MetricEpisodeSummary {
  startedAt: string;
  /** The 5-minute average when the episode began. */
  startValue: number;
  /** The most extreme 5-minute average of the episode (so far, for a breach). */
  worstValue: number;
  /** When the average went back inside the threshold for good; null in a breach alert. */
  endedAt: string | null;
}

export interface MetricAlertContent {
  type: 'metric' | 'metric_recovered';
  referenceId: string;
  metric: AlertMetric;
  /** A breach: the 5-minute average that breached; a recovery: the newest average. */
  value: number;
  threshold: number;
  direction: 'above' | 'below';
  unit: 'ms' | 'ratio';
  observedAt: string;
  /** The breach episode; absent from alerts fanned out by releases that did not show it. */
  episode?: MetricEpisodeSummary;
}

/** `/config test`: a sample alert, clearly marked, sent at once to the one who asked. */
export interface TestAlertContent {
  type: 'test';
  /** `test_<interaction id>`: one test message per command. */
  referenceId: string;
  /** When it was asked for (ISO). */
  requestedAt: string;
}

export type AlertContent =
  | StatusAlertContent
  | IncidentAlertContent
  | MaintenanceAlertContent
  | ThresholdAlertContent
  | MetricAlertContent
  | TestAlertContent;

// Every alert type of ./alerts.ts has a content shape, and no other type does.
type _Assert<T extends true> = T;
type _ContentCoversAlertTypes = _Assert<
  [AlertContent['type']] extends [AlertType]
    ? [AlertType] extends [AlertContent['type']]
      ? true
      : false
    : false
>;

/** Statuspage incident statuses that mean the incident is over (a postmortem follows a resolution). */
export const RESOLVED_INCIDENT_STATUSES = ['resolved', 'postmortem'] as const;

/** Whether an incident status (as Statuspage spells it, any case or padding) means it is over. */
export const isResolvedIncidentStatus = (status: string): boolean =>
  (RESOLVED_INCIDENT_STATUSES as readonly string[]).includes(status.trim().toLowerCase());
