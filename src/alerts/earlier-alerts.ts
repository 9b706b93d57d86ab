/**
 * Which alerts about the same subject come before an alert, so that every recipient hears about an
 * incident before its updates and its resolution, about a maintenance in the order announced,
 * started, completed (its reminders after the announcement), and about a metric's breach before its
 * recovery. An incident's updates come in the order VRChat posted them, those up to its resolution
 * before the resolution and any posted after it (a postmortem) after: an order, so no two fan-outs
 * ever wait for each other. A fan-out waits for the
 * fan-outs of these (those that exist and still run) before it delivers.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { type AlertFact, alertWorkflowId } from '../contracts/alerts';
import { parseMetricReferenceId } from '../contracts/reference-ids';
import { parseReminderReferenceId } from '../contracts/reminders';
import { Incident, IncidentUpdate } from '../db/entities';

/** Workflow ids of the fan-outs of the alerts that come before `fact` about its subject. */
export async function earlierAlertWorkflowIds(em: EntityManager, fact: AlertFact): Promise<string[]> {
  const id = (type: AlertFact['type'], referenceId: string) => alertWorkflowId({ type, referenceId });
  switch (fact.type) {
    case 'incident_update': {
      const update = await em.findOne(
        IncidentUpdate,
        { id: fact.referenceId },
        { fields: ['incident', 'publishedAt'] },
      );
      if (!update) return [];
      const incidentId = update.incident.id;
      const siblings = await em.find(
        IncidentUpdate,
        { incident: incidentId },
        { fields: ['id', 'publishedAt'] },
      );
      const before = siblings.filter(
        (u) =>
          u.publishedAt < update.publishedAt ||
          (u.publishedAt.getTime() === update.publishedAt.getTime() && u.id < fact.referenceId),
      );
      // an update posted after the resolution (a postmortem) comes after it, so that a recipient
      // without the incident's message gets one from the resolution, which the update then edits
      const incident = await em.findOne(Incident, { id: incidentId }, { fields: ['resolvedAt'] });
      const afterResolution = incident?.resolvedAt != null && update.publishedAt > incident.resolvedAt;
      return [
        id('incident', incidentId),
        ...before.map((u) => id('incident_update', u.id)),
        ...(afterResolution ? [id('incident_resolved', incidentId)] : []),
      ];
    }
    case 'incident_resolved': {
      // the updates up to the resolution; those after it wait for the resolution instead
      const incident = await em.findOne(Incident, { id: fact.referenceId }, { fields: ['resolvedAt'] });
      const updates = await em.find(
        IncidentUpdate,
        {
          incident: fact.referenceId,
          ...(incident?.resolvedAt ? { publishedAt: { $lte: incident.resolvedAt } } : {}),
        },
        { fields: ['id'] },
      );
      return [id('incident', fact.referenceId), ...updates.map((u) => id('incident_update', u.id))];
    }
    case 'maintenance_started':
      return [id('maintenance', fact.referenceId)];
    case 'maintenance_reminder': {
      const reminder = parseReminderReferenceId(fact.referenceId);
      return reminder ? [id('maintenance', reminder.maintenanceId)] : [];
    }
    case 'maintenance_completed':
      return [id('maintenance', fact.referenceId), id('maintenance_started', fact.referenceId)];
    case 'metric_recovered': {
      const parsed = parseMetricReferenceId(fact.referenceId);
      if (!parsed || parsed.edge !== 'recovered') return [];
      return [id('metric', fact.referenceId.replace('_recovered_', '_'))];
    }
    default:
      return [];
  }
}
