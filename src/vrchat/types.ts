/**
 * What the VRChat sources mean to VRCPulse, after validation: camelCase, Date objects holding UTC
 * instants (whatever offset the payload used), optional fields resolved to a definite value. Enum-like
 * strings (status, indicator, impact) are kept as sent, since Statuspage adds values over time
 * (`maintenance`, `under_maintenance`); consumers map the ones they know and treat the rest as unknown.
 */

/** `/summary.json`: the overall rollup plus every component (groups and children, flat). */
export interface StatusSnapshot {
  /** `page.updated_at`: last change to anything on the page; the natural dedup key. */
  pageUpdatedAt: Date;
  /** `none | minor | major | critical`, also `maintenance`, or anything newer. */
  indicator: string;
  /** Human text ("All Systems Operational"); never parse it. */
  description: string;
  /** In payload order (by position, groups and children interleaved). Build trees from `groupId`. */
  components: ComponentSnapshot[];
}

export interface ComponentSnapshot {
  id: string;
  name: string;
  /** `operational | degraded_performance | partial_outage | major_outage | under_maintenance | …` */
  status: string;
  /** The parent group's id; may name a group absent from the payload. */
  groupId: string | null;
  isGroup: boolean;
  /** 1-based within its group (or the top level); null when the payload has none. */
  position: number | null;
}

export interface IncidentRecord {
  id: string;
  name: string;
  /** `investigating | identified | monitoring | resolved | postmortem | …` (postmortem = resolved). */
  status: string;
  /** `none | minor | major | critical | …`; `none` when the payload omits it. */
  impact: string;
  createdAt: Date;
  /** `started_at ?? created_at` (old payloads have no started_at). */
  startedAt: Date;
  resolvedAt: Date | null;
  /** Oldest first by `createdAt` (the API sends newest first; don't rely on either). */
  updates: IncidentUpdateRecord[];
}

export interface IncidentUpdateRecord {
  id: string;
  /** An incident status, or for maintenances `scheduled | in_progress | verifying | completed`. */
  status: string;
  /** Free text as sent: may hold HTML (`<br />`), `\r\n`, markdown, emoji. */
  body: string;
  createdAt: Date;
  /** `display_at ?? created_at`; the user-facing time, may be earlier than `createdAt` (backfills). */
  displayAt: Date;
}

export interface MaintenanceRecord {
  id: string;
  name: string;
  /** `scheduled | in_progress | verifying | completed | …` */
  status: string;
  /** Usually `maintenance`; old pages use `none | minor | major | critical`. `maintenance` if omitted. */
  impact: string;
  createdAt: Date;
  scheduledFor: Date;
  scheduledUntil: Date;
  resolvedAt: Date | null;
  /** Oldest first by `createdAt`. */
  updates: IncidentUpdateRecord[];
}

/** One element of a CloudFront metric feed, value as the feed gives it (see `METRIC_FEEDS` scale). */
export interface MetricPoint {
  timestamp: Date;
  value: number;
}
