/** Writes one validated /incidents.json response and reads back the facts. */
import { isResolvedIncidentStatus, RESOLVED_INCIDENT_STATUSES } from '../contracts/alert-content';
import type { EntityManager, RequiredEntityData } from '@mikro-orm/sqlite';
import { Incident, IncidentUpdate, ReportAlert } from '../db/entities/index';
import { REPORT_TYPES, type ReportType } from '../contracts/reports';
import { incidentRelatesTo } from '../reports/signals';
import { newUpdateRows } from './new-updates';
import type { AlertFact } from '../contracts/alerts';
import type { IncidentRecord } from '../vrchat/types';
import { CATCH_UP_WINDOW_MS, deriveIncidentFacts } from './facts';

/**
 * Successful polls in a row that must leave out an open incident before it counts as resolved.
 * One empty or partial list (a cache serving an old page, a deploy at Statuspage) is a blip: it
 * changes nothing and alerts nothing, and the incident's real resolution, with its text, is what
 * gets alerted when VRChat publishes it.
 */
export const VANISHED_AFTER_POLLS = 3;

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
      const reportedByPlayersAt = await playersReportedFirst(em, record);
      await em.insert(Incident, {
        id: record.id,
        ...next,
        reportedByPlayersAt,
        createdAt: now,
        updatedAt: now,
      });
      written.incidents_inserted++;
    } else if (changed(row, next)) {
      await em.nativeUpdate(Incident, { id: record.id }, { ...next, missingPolls: 0, updatedAt: now });
      written.incidents_updated++;
    } else if (row.missingPolls > 0) {
      // listed again after a blip: nothing happened to it
      await em.nativeUpdate(Incident, { id: record.id }, { missingPolls: 0 });
    }
    for (const row of newUpdateRows(record.updates, knownUpdateIds, now))
      newUpdates.push({ ...row, incident: record.id });
  }
  if (newUpdates.length > 0) {
    await em.insertMany(IncidentUpdate, newUpdates);
    written.incident_updates_inserted = newUpdates.length;
  }

  // Safety net: an incident we hold as open that successful responses stop listing is over, once
  // VANISHED_AFTER_POLLS of them in a row have left it out.
  const missing = await em.find(
    Incident,
    { id: { $nin: ids }, status: { $nin: [...RESOLVED_INCIDENT_STATUSES] } },
    { fields: ['id', 'missingPolls'] },
  );
  const vanished = missing.filter((row) => row.missingPolls + 1 >= VANISHED_AFTER_POLLS).map((row) => row.id);
  for (const row of missing) {
    // rare and few (open incidents left out): one small update each, inside the cycle's transaction
    if (row.missingPolls + 1 < VANISHED_AFTER_POLLS)
      await em.nativeUpdate(Incident, { id: row.id }, { missingPolls: row.missingPolls + 1 });
  }
  if (vanished.length > 0) {
    await em.nativeUpdate(
      Incident,
      { id: { $in: vanished } },
      { status: 'resolved', resolvedAt: now, missingPolls: 0, updatedAt: now },
    );
    written.incidents_resolved_missing = vanished.length;
  }

  return { written: nonZero(written), facts: await readIncidentFacts(em, now) };
}

/** How long before VRChat opened an incident players' reports of it may have become an alert. */
export const PLAYERS_LEAD_WINDOW_MS = 60 * 60_000;

/**
 * When a crowd-report alert about the same kind of problem went out in the hour before the
 * incident started (the earliest such), or null: the players' lead over the status page.
 */
async function playersReportedFirst(em: EntityManager, record: IncidentRecord): Promise<Date | null> {
  const startedAt = record.startedAt.getTime();
  const alerts = await em.find(
    ReportAlert,
    { createdAt: { $gte: new Date(startedAt - PLAYERS_LEAD_WINDOW_MS), $lte: record.startedAt } },
    { orderBy: { createdAt: 'asc' }, fields: ['reportType', 'createdAt'] },
  );
  const text = [record.name, ...record.updates.map((u) => u.body)].join('\n');
  const related = alerts.find(
    (a) =>
      (REPORT_TYPES as readonly string[]).includes(a.reportType) &&
      incidentRelatesTo(a.reportType as ReportType, text),
  );
  return related?.createdAt ?? null;
}

async function readIncidentFacts(em: EntityManager, now: Date): Promise<AlertFact[]> {
  const [first] = await em.find(
    Incident,
    {},
    { orderBy: { createdAt: 'asc' }, fields: ['createdAt'], limit: 1 },
  );
  if (!first) return [];
  const since = new Date(now.getTime() - CATCH_UP_WINDOW_MS);
  // The window limits how old an update may be to alert, not how old its incident is: a new update
  // on an incident opened days ago leaves the incident's own row unchanged, so look for it too.
  const withRecentUpdates = (
    await em.find(IncidentUpdate, { createdAt: { $gte: since } }, { fields: ['incident'] })
  ).map((u) => u.incident.id);
  const incidents = await em.find(
    Incident,
    {
      $or: [
        { createdAt: { $gte: since } },
        { updatedAt: { $gte: since } },
        { id: { $in: [...new Set(withRecentUpdates)] } },
      ],
    },
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
