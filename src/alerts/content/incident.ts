/** An incident alert's content: the incident and the update the alert is about (or the newest). */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { AlertComponent, AlertContent } from '../../contracts/alert-content';
import { ComponentLog, Incident, IncidentUpdate, StatusLog } from '../../db/entities';
import { affectedComponents } from './status';

export async function incidentContent(
  em: EntityManager,
  type: 'incident' | 'incident_update' | 'incident_resolved',
  referenceId: string,
  pageUrl: string | null,
): Promise<AlertContent | null> {
  // an update's fact names the update; the others name the incident
  const update = type === 'incident_update' ? await em.findOne(IncidentUpdate, { id: referenceId }) : null;
  const incidentId = update ? update.incident.id : referenceId;
  const incident = await em.findOne(Incident, { id: incidentId });
  if (!incident || (type === 'incident_update' && !update)) return null;
  const latest =
    update ??
    (
      await em.find(
        IncidentUpdate,
        { incident: incidentId },
        { orderBy: { publishedAt: 'desc', createdAt: 'desc' }, limit: 1 },
      )
    )[0];
  return {
    type,
    referenceId,
    incidentId,
    title: incident.title,
    status: incident.status,
    impact: incident.impact,
    startedAt: incident.startedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    url: pageUrl ? `${pageUrl}/incidents/${incidentId}` : null,
    latestUpdate: latest
      ? { status: latest.status, body: latest.body, publishedAt: latest.publishedAt.toISOString() }
      : null,
    playersReportedAt: incident.reportedByPlayersAt?.toISOString() ?? null,
    components: await currentlyAffected(em),
  };
}

/** The components not operational in the latest status snapshot (none before the first one). */
async function currentlyAffected(em: EntityManager): Promise<AlertComponent[]> {
  const [latest] = await em.find(
    StatusLog,
    {},
    { orderBy: { sourceTimestamp: 'desc' }, limit: 1, fields: ['sourceTimestamp'] },
  );
  if (!latest) return [];
  const snapshot = await em.find(
    ComponentLog,
    { sourceTimestamp: latest.sourceTimestamp },
    { orderBy: { id: 'asc' } },
  );
  return affectedComponents(snapshot);
}
