/** A maintenance alert's content, with VRChat's words for the status it announces. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { AlertContent, MaintenanceAlertContent } from '../../contracts/alert-content';
import { Maintenance, MaintenanceUpdate } from '../../db/entities';
import { ACTIVE_MAINTENANCE_STATUSES } from '../../polling/facts';
import { parseReminderReferenceId } from '../../contracts/reminders';
import { readCurrentSchedule } from '../../reminders/upcoming';

/** Which update each maintenance alert shows: the one that brought the status it announces. */
const MAINTENANCE_UPDATE_STATUSES: Record<MaintenanceAlertContent['type'], readonly string[]> = {
  maintenance: ['scheduled'],
  maintenance_started: [...ACTIVE_MAINTENANCE_STATUSES],
  maintenance_completed: ['completed'],
  maintenance_reminder: ['scheduled'],
};

/**
 * The maintenance with VRChat's own words: the first update that brought the status the alert is
 * about (for "started", the update that started it), else the newest update. A reminder's
 * `referenceId` is its own; it has nothing to say (null) once the maintenance is no longer to come
 * in the window it was made for.
 */
export async function maintenanceContent(
  em: EntityManager,
  type: MaintenanceAlertContent['type'],
  referenceId: string,
  pageUrl: string | null,
): Promise<AlertContent | null> {
  let id = referenceId;
  if (type === 'maintenance_reminder') {
    const reminder = parseReminderReferenceId(referenceId);
    if (!reminder) return null;
    const current = await readCurrentSchedule(em, reminder.maintenanceId);
    const sameWindow =
      current?.scheduledFor.slice(0, 16) === reminder.scheduledFor.toISOString().slice(0, 16);
    if (!current?.upcoming || !sameWindow) return null;
    id = reminder.maintenanceId;
  }
  const m = await em.findOne(Maintenance, { id });
  if (!m) return null;
  const updates = await em.find(
    MaintenanceUpdate,
    { maintenance: id },
    { orderBy: { publishedAt: 'asc', createdAt: 'asc', id: 'asc' } },
  );
  const shown =
    updates.find((u) => MAINTENANCE_UPDATE_STATUSES[type].includes(u.status.trim().toLowerCase())) ??
    updates.at(-1);
  return {
    type,
    referenceId,
    maintenanceId: m.id,
    title: m.title,
    status: m.status,
    scheduledFor: m.scheduledFor.toISOString(),
    scheduledUntil: m.scheduledUntil.toISOString(),
    url: pageUrl ? `${pageUrl}/incidents/${m.id}` : null,
    latestUpdate: shown
      ? { status: shown.status, body: shown.body, publishedAt: shown.publishedAt.toISOString() }
      : null,
  };
}
