/** The maintenances whose reminders are still ahead, as the database holds them. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { CurrentMaintenanceSchedule, MaintenanceSchedule } from '../contracts/reminders';
import { Maintenance } from '../db/entities';

/** VRChat's status for a maintenance announced and not begun. */
const UPCOMING_STATUS = 'scheduled';

/**
 * Every maintenance announced (status `scheduled`, still listed) whose window starts after `now`,
 * soonest first. Read from the table, not from the cycle's payload: a blip of an empty payload
 * leaves the rows as they are (a maintenance is removed only after several polls without it), so it
 * never cancels a reminder.
 */
export async function readUpcomingMaintenances(em: EntityManager, now: Date): Promise<MaintenanceSchedule[]> {
  const rows = await em.find(
    Maintenance,
    { status: UPCOMING_STATUS, removedAt: null, scheduledFor: { $gt: now } },
    { fields: ['id', 'scheduledFor', 'createdAt'], orderBy: { scheduledFor: 'asc', id: 'asc' } },
  );
  return rows.map((row) => ({
    maintenanceId: row.id,
    scheduledFor: row.scheduledFor.toISOString(),
    announcedAt: row.createdAt.toISOString(),
  }));
}

/** The maintenance's window as stored now, and whether it is still to come; null when unknown. */
export async function readCurrentSchedule(
  em: EntityManager,
  maintenanceId: string,
): Promise<CurrentMaintenanceSchedule | null> {
  const row = await em.findOne(
    Maintenance,
    { id: maintenanceId },
    { fields: ['status', 'scheduledFor', 'removedAt'] },
  );
  if (!row) return null;
  return {
    upcoming: row.status.trim().toLowerCase() === UPCOMING_STATUS && row.removedAt == null,
    scheduledFor: row.scheduledFor.toISOString(),
  };
}
