/** Writes one validated /scheduled-maintenances.json response and reads back the facts. */
import type { EntityManager, RequiredEntityData } from '@mikro-orm/sqlite';
import { Maintenance, MaintenanceUpdate } from '../db/entities/index';
import type { MaintenanceRecord } from '../vrchat/types';
import { CATCH_UP_WINDOW_MS, deriveMaintenanceFacts } from './facts';
import { nonZero, type PersistOutcome, VANISHED_AFTER_POLLS } from './persist-incidents';
import { newUpdateRows } from './new-updates';

function storedFields(record: MaintenanceRecord) {
  return {
    title: record.name,
    status: record.status,
    scheduledFor: record.scheduledFor,
    scheduledUntil: record.scheduledUntil,
  };
}

function changed(row: Maintenance, next: ReturnType<typeof storedFields>): boolean {
  return (
    row.title !== next.title ||
    row.status !== next.status ||
    row.scheduledFor.getTime() !== next.scheduledFor.getTime() ||
    row.scheduledUntil.getTime() !== next.scheduledUntil.getTime()
  );
}

export async function persistMaintenances(
  em: EntityManager,
  records: MaintenanceRecord[],
  now: Date,
): Promise<PersistOutcome> {
  const written = {
    maintenances_inserted: 0,
    maintenances_updated: 0,
    maintenance_updates_inserted: 0,
    maintenances_completed_missing: 0,
    maintenances_removed: 0,
  };
  const ids = records.map((r) => r.id);
  const existing = new Map((await em.find(Maintenance, { id: { $in: ids } })).map((row) => [row.id, row]));
  const knownUpdateIds = new Set(
    (await em.find(MaintenanceUpdate, { maintenance: { $in: ids } }, { fields: ['id'] })).map((u) => u.id),
  );

  const newUpdates: RequiredEntityData<MaintenanceUpdate>[] = [];
  for (const record of records) {
    const next = storedFields(record);
    const row = existing.get(record.id);
    if (!row) {
      await em.insert(Maintenance, {
        id: record.id,
        ...next,
        statusChangedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      written.maintenances_inserted++;
    } else {
      // An edit of title or schedule is stored but is not a status change: it alerts nothing.
      const statusChanged = row.status !== next.status;
      const edited = changed(row, next);
      const relisted = row.missingPolls > 0 || row.removedAt != null;
      if (edited || relisted) {
        await em.nativeUpdate(
          Maintenance,
          { id: record.id },
          {
            ...(edited ? { ...next, updatedAt: now } : {}),
            ...(statusChanged ? { statusChangedAt: now } : {}),
            missingPolls: 0,
            removedAt: null,
          },
        );
        if (edited) written.maintenances_updated++;
      }
    }
    for (const row of newUpdateRows(record.updates, knownUpdateIds, now))
      newUpdates.push({ ...row, maintenance: record.id });
  }
  if (newUpdates.length > 0) {
    await em.insertMany(MaintenanceUpdate, newUpdates);
    written.maintenance_updates_inserted = newUpdates.length;
  }

  // Safety net only: the page's own status wins. A maintenance left out of VANISHED_AFTER_POLLS
  // successful responses in a row is over if its window has ended, and was removed (cancelled)
  // if it has not: that one is never announced as completed.
  const missing = await em.find(
    Maintenance,
    { id: { $nin: ids }, status: { $ne: 'completed' }, removedAt: null },
    { fields: ['id', 'missingPolls', 'scheduledUntil'] },
  );
  for (const row of missing) {
    // rare and few: one small update each, inside the cycle's transaction
    if (row.missingPolls + 1 < VANISHED_AFTER_POLLS) {
      await em.nativeUpdate(Maintenance, { id: row.id }, { missingPolls: row.missingPolls + 1 });
    } else if (row.scheduledUntil <= now) {
      await em.nativeUpdate(
        Maintenance,
        { id: row.id },
        { status: 'completed', statusChangedAt: now, missingPolls: 0, updatedAt: now },
      );
      written.maintenances_completed_missing++;
    } else {
      await em.nativeUpdate(Maintenance, { id: row.id }, { removedAt: now, missingPolls: 0, updatedAt: now });
      written.maintenances_removed++;
    }
  }

  const since = new Date(now.getTime() - CATCH_UP_WINDOW_MS);
  const recent = await em.find(
    Maintenance,
    { $or: [{ createdAt: { $gte: since } }, { statusChangedAt: { $gte: since } }] },
    { fields: ['id', 'status', 'createdAt', 'statusChangedAt', 'updatedAt', 'removedAt'] },
  );
  return {
    written: nonZero(written),
    facts: deriveMaintenanceFacts(
      recent.map((m) => ({
        id: m.id,
        status: m.status,
        createdAt: m.createdAt,
        statusChangedAt: m.statusChangedAt ?? m.updatedAt,
        removed: m.removedAt != null,
      })),
      now,
    ),
  };
}
