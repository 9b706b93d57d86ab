/** Writes one validated /scheduled-maintenances.json response. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { Maintenance } from '../db/entities/index';
import type { MaintenanceRecord } from '../vrchat/types';
import { CATCH_UP_WINDOW_MS, deriveMaintenanceFacts } from './facts';
import { nonZero, type PersistOutcome } from './persist-incidents';

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
  const written = { maintenances_inserted: 0, maintenances_updated: 0, maintenances_completed_missing: 0 };
  const ids = records.map((r) => r.id);
  const existing = new Map((await em.find(Maintenance, { id: { $in: ids } })).map((row) => [row.id, row]));

  for (const record of records) {
    const next = storedFields(record);
    const row = existing.get(record.id);
    if (!row) {
      await em.insert(Maintenance, { id: record.id, ...next, createdAt: now, updatedAt: now });
      written.maintenances_inserted++;
    } else if (changed(row, next)) {
      await em.nativeUpdate(Maintenance, { id: record.id }, { ...next, updatedAt: now });
      written.maintenances_updated++;
    }
  }

  // Safety net only: the page's own status wins; a maintenance that vanished after its window is over.
  const vanished = await em.find(
    Maintenance,
    { id: { $nin: ids }, status: { $ne: 'completed' }, scheduledUntil: { $lt: now } },
    { fields: ['id'] },
  );
  if (vanished.length > 0) {
    await em.nativeUpdate(
      Maintenance,
      { id: { $in: vanished.map((v) => v.id) } },
      { status: 'completed', updatedAt: now },
    );
    written.maintenances_completed_missing = vanished.length;
  }

  const since = new Date(now.getTime() - CATCH_UP_WINDOW_MS);
  const recent = await em.find(
    Maintenance,
    { $or: [{ createdAt: { $gte: since } }, { updatedAt: { $gte: since } }] },
    { fields: ['id', 'status', 'createdAt', 'updatedAt'] },
  );
  return { written: nonZero(written), facts: deriveMaintenanceFacts(recent, now) };
}
