/**
 * Which alerts about the same subject come before an alert, so that every recipient hears about an
 * incident before its updates and its resolution, about a maintenance in the order announced,
 * started, completed, and about a metric's breach before its recovery. A fan-out waits for the
 * fan-outs of these (those that exist and still run) before it delivers.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { type AlertFact, alertWorkflowId } from '../contracts/alerts';
import { parseMetricReferenceId } from '../contracts/reference-ids';
import { parseReminderReferenceId } from '../contracts/reminders';
import { IncidentUpdate } from '../db/entities';

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
      return [id('incident', incidentId), ...before.map((u) => id('incident_update', u.id))];
    }
    case 'incident_resolved': {
      const updates = await em.find(IncidentUpdate, { incident: fact.referenceId }, { fields: ['id'] });
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
