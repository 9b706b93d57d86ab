/** Writes one validated /incidents.json response and reads back the facts. */
import { isResolvedIncidentStatus, RESOLVED_INCIDENT_STATUSES } from '../contracts/alert-content';
import type { EntityManager, RequiredEntityData } from '@mikro-orm/sqlite';
import { Incident, IncidentUpdate } from '../db/entities/index';
import type { AlertFact } from '../contracts/alerts';
import type { IncidentRecord } from '../vrchat/types';
import { CATCH_UP_WINDOW_MS, deriveIncidentFacts } from './facts';

export interface PersistOutcome {
  written: Record<string, number>;
  facts: AlertFact[];
}

/** The stored form of an incident's mutable fields. */
function storedFields(record: IncidentRecord, now: Date) {
  const resolving = [...record.updates].reverse().find((u) => isResolvedIncidentStatus(u.status));
  return {
    title: record.name,
    impact: record.impact,
    status: record.status,
    startedAt: record.startedAt,
    // postmortem counts as resolved; a resolved incident without resolved_at takes its resolving update's time
    resolvedAt: isResolvedIncidentStatus(record.status)
      ? (record.resolvedAt ?? resolving?.createdAt ?? now)
      : null,
  };
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

function changed(row: Incident, next: ReturnType<typeof storedFields>): boolean {
  return (
    row.title !== next.title ||
    row.impact !== next.impact ||
    row.status !== next.status ||
    !sameTime(row.startedAt, next.startedAt) ||
    !sameTime(row.resolvedAt ?? null, next.resolvedAt)
  );
}

export async function persistIncidents(
  em: EntityManager,
  records: IncidentRecord[],
  now: Date,
): Promise<PersistOutcome> {
  const written = {
    incidents_inserted: 0,
    incidents_updated: 0,
    incident_updates_inserted: 0,
    incidents_resolved_missing: 0,
  };
  const ids = records.map((r) => r.id);
  const existing = new Map((await em.find(Incident, { id: { $in: ids } })).map((row) => [row.id, row]));
  const knownUpdateIds = new Set(
    (await em.find(IncidentUpdate, { incident: { $in: ids } }, { fields: ['id'] })).map((u) => u.id),
  );

  const newUpdates: RequiredEntityData<IncidentUpdate>[] = [];
  for (const record of records) {
    const next = storedFields(record, now);
    const row = existing.get(record.id);
    if (!row) {
      await em.insert(Incident, { id: record.id, ...next, createdAt: now, updatedAt: now });
      written.incidents_inserted++;
    } else if (changed(row, next)) {
      await em.nativeUpdate(Incident, { id: record.id }, { ...next, updatedAt: now });
      written.incidents_updated++;
    }
    for (const update of record.updates) {
      if (knownUpdateIds.has(update.id)) continue; // updates are immutable once stored
      knownUpdateIds.add(update.id);
      newUpdates.push({
        id: update.id,
        incident: record.id,
        body: update.body,
        status: update.status,
        publishedAt: update.displayAt,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  if (newUpdates.length > 0) {
    await em.insertMany(IncidentUpdate, newUpdates);
    written.incident_updates_inserted = newUpdates.length;
  }

  // Safety net: an incident we hold as open that a successful response no longer lists is over.
  const vanished = await em.find(
    Incident,
    { id: { $nin: ids }, status: { $nin: [...RESOLVED_INCIDENT_STATUSES] } },
    { fields: ['id'] },
  );
  if (vanished.length > 0) {
    await em.nativeUpdate(
      Incident,
      { id: { $in: vanished.map((v) => v.id) } },
      { status: 'resolved', resolvedAt: now, updatedAt: now },
    );
    written.incidents_resolved_missing = vanished.length;
  }

  return { written: nonZero(written), facts: await readIncidentFacts(em, now) };
}

async function readIncidentFacts(em: EntityManager, now: Date): Promise<AlertFact[]> {
  const [first] = await em.find(
    Incident,
    {},
    { orderBy: { createdAt: 'asc' }, fields: ['createdAt'], limit: 1 },
  );
  if (!first) return [];
  const since = new Date(now.getTime() - CATCH_UP_WINDOW_MS);
  const incidents = await em.find(
    Incident,
    { $or: [{ createdAt: { $gte: since } }, { updatedAt: { $gte: since } }] },
    { fields: ['id', 'status', 'createdAt', 'updatedAt'] },
  );
  const updates = await em.find(
    IncidentUpdate,
    { incident: { $in: incidents.map((i) => i.id) } },
    { fields: ['id', 'incident', 'status', 'publishedAt', 'createdAt'] },
  );
  return deriveIncidentFacts({
    baselineAt: first.createdAt,
    now,
    incidents: incidents.map((i) => ({
      id: i.id,
      status: i.status,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
    })),
    updates: updates.map((u) => ({
      id: u.id,
      incidentId: u.incident.id,
      status: u.status,
      publishedAt: u.publishedAt,
      createdAt: u.createdAt,
    })),
  });
}

export function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}
