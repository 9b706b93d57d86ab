/**
 * Alertable facts: what the poll loops found that should reach Discord. Every fact has a
 * deterministic reference id (FEATURES §3), so emitting it again is harmless: the fan-out's
 * workflow id `alert-<type>-<reference_id>` and `sent_alerts` deduplicate.
 */

export const ALERT_TYPES = [
  'status',
  'incident',
  'incident_update',
  'incident_resolved',
  'maintenance',
  'maintenance_started',
  'maintenance_completed',
  'threshold',
  'metric',
  'metric_recovered',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export interface AlertFact {
  type: AlertType;
  referenceId: string;
  /** When VRCPulse first observed what the fact reports (ISO-8601, UTC). */
  observedAt: string;
}

export const alertWorkflowId = (fact: Pick<AlertFact, 'type' | 'referenceId'>): string =>
  `alert-${fact.type}-${fact.referenceId}`;

/** `{indicator}_{source_timestamp}` with the timestamp in ISO-8601 UTC. */
export const statusReferenceId = (indicator: string, sourceTimestamp: Date | string): string =>
  `${indicator}_${new Date(sourceTimestamp).toISOString()}`;
