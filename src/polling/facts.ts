/**
 * Level-triggered alert detection (pure; no I/O). After each cycle's write, the collector reads the
 * recently observed rows back and derives every fact that should have been alerted. Deriving from
 * the database rather than from "what this cycle changed" is what makes a crash between commit and
 * return harmless: the retried cycle derives the same facts again, and deterministic ids dedupe.
 *
 * "Observed" times are VRCPulse's own clock (the rows' created_at / updated_at, stamped with the
 * cycle's time), never the source's timestamps: the Statuspage API is served through a cache, so an
 * event's source time can lie before the moment we could first have seen it.
 *
 * First start: the first cycle that stores anything for a source is its baseline. Baseline rows are
 * history and do not alert, except incidents still open and maintenances not yet completed.
 */
import { isResolvedIncidentStatus } from '../contracts/alert-content';
import { statusReferenceId } from '../contracts/reference-ids';
import { ALERT_CATCH_UP_WINDOW_MS, type AlertFact, type AlertType } from '../contracts/alerts';

export const CATCH_UP_WINDOW_MS = ALERT_CATCH_UP_WINDOW_MS;

const fact = (type: AlertType, referenceId: string, observedAt: Date): AlertFact => ({
  type,
  referenceId,
  observedAt: observedAt.toISOString(),
});

export interface ObservedIncident {
  id: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ObservedIncidentUpdate {
  id: string;
  incidentId: string;
  status: string;
  publishedAt: Date;
  createdAt: Date;
}

export interface IncidentObservations {
  /** When the incidents baseline was stored (the oldest incidents.created_at). */
  baselineAt: Date;
  /** Incidents observed or changed within the window, with all their updates. */
  incidents: ObservedIncident[];
  updates: ObservedIncidentUpdate[];
  now: Date;
}

/**
 * - `incident`: first observed within the window, after the baseline or still open.
 * - `incident_resolved`: the update that resolved it arrived after the incident was first observed
 *   (so an incident first seen already resolved, or a postmortem added to an old one, is not a new
 *   resolution); without any resolving update (the missing-from-the-list safety net), the change
 *   to resolved happened after first observation.
 * - `incident_update`: an update observed after its incident was first observed (the updates that
 *   came with a newly seen incident are part of the incident alert), except the resolving update,
 *   which `incident_resolved` reports.
 */
export function deriveIncidentFacts({
  baselineAt,
  incidents,
  updates,
  now,
}: IncidentObservations): AlertFact[] {
  const since = now.getTime() - CATCH_UP_WINDOW_MS;
  const recent = (d: Date) => d.getTime() >= since;
  const updatesByIncident = new Map<string, ObservedIncidentUpdate[]>();
  for (const update of updates) {
    const list = updatesByIncident.get(update.incidentId) ?? [];
    list.push(update);
    updatesByIncident.set(update.incidentId, list);
  }

  const facts: AlertFact[] = [];
  for (const incident of incidents) {
    const own = (updatesByIncident.get(incident.id) ?? []).sort(
      (a, b) =>
        a.publishedAt.getTime() - b.publishedAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
    );
    const firstResolving = own.find((u) => isResolvedIncidentStatus(u.status));
    const seenLater = (d: Date) => d.getTime() > incident.createdAt.getTime();

    if (
      recent(incident.createdAt) &&
      (incident.createdAt > baselineAt || !isResolvedIncidentStatus(incident.status))
    ) {
      facts.push(fact('incident', incident.id, incident.createdAt));
    }
    for (const update of own) {
      if (update !== firstResolving && seenLater(update.createdAt) && recent(update.createdAt)) {
        facts.push(fact('incident_update', update.id, update.createdAt));
      }
    }
    if (isResolvedIncidentStatus(incident.status)) {
      const resolvedSeenAt = firstResolving ? firstResolving.createdAt : incident.updatedAt;
      if (seenLater(resolvedSeenAt) && recent(resolvedSeenAt)) {
        facts.push(fact('incident_resolved', incident.id, resolvedSeenAt));
      }
    }
  }
  return facts;
}

export interface ObservedMaintenance {
  id: string;
  status: string;
  /** When VRCPulse first saw it. */
  createdAt: Date;
  /** When VRCPulse first saw its current status (title and schedule edits do not move it). */
  statusChangedAt: Date;
  /** VRChat stopped listing it before its window ended: cancelled. */
  removed: boolean;
}

export const ACTIVE_MAINTENANCE_STATUSES: ReadonlySet<string> = new Set(['in_progress', 'verifying']);

/**
 * The fact for each maintenance's current state: `maintenance` while scheduled (announced),
 * `maintenance_started` once in progress or verifying, `maintenance_completed` once completed after
 * we had seen it in another status (one first seen completed is history). Only status changes
 * alert: an edit of the title or the schedule does not, and a removed maintenance alerts nothing.
 */
export function deriveMaintenanceFacts(maintenances: ObservedMaintenance[], now: Date): AlertFact[] {
  const since = now.getTime() - CATCH_UP_WINDOW_MS;
  const facts: AlertFact[] = [];
  for (const m of maintenances) {
    if (m.removed) continue;
    if (m.status === 'scheduled' && m.createdAt.getTime() >= since) {
      facts.push(fact('maintenance', m.id, m.createdAt));
    } else if (ACTIVE_MAINTENANCE_STATUSES.has(m.status) && m.statusChangedAt.getTime() >= since) {
      facts.push(fact('maintenance_started', m.id, m.statusChangedAt));
    } else if (
      m.status === 'completed' &&
      m.statusChangedAt > m.createdAt &&
      m.statusChangedAt.getTime() >= since
    ) {
      facts.push(fact('maintenance_completed', m.id, m.statusChangedAt));
    }
  }
  return facts;
}

export interface ObservedStatus {
  indicator: string;
  sourceTimestamp: Date;
  createdAt: Date;
}

/**
 * `status` for every snapshot whose indicator differs from the snapshot before it. `history` is in
 * source order and starts with the snapshot just before the window (or the very first one, the
 * baseline, which never alerts by itself).
 */
export function deriveStatusFacts(history: ObservedStatus[], now: Date): AlertFact[] {
  const since = now.getTime() - CATCH_UP_WINDOW_MS;
  const facts: AlertFact[] = [];
  for (let i = 1; i < history.length; i++) {
    const current = history[i]!;
    if (current.indicator !== history[i - 1]!.indicator && current.createdAt.getTime() >= since) {
      facts.push(
        fact('status', statusReferenceId(current.indicator, current.sourceTimestamp), current.createdAt),
      );
    }
  }
  return facts;
}
