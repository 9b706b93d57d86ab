/** A maintenance alert's content, with VRChat's words for the status it announces. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { AlertContent, MaintenanceAlertContent } from '../../contracts/alert-content';
import { Maintenance, MaintenanceUpdate } from '../../db/entities';
import { ACTIVE_MAINTENANCE_STATUSES } from '../../polling/facts';

/** Which update each maintenance alert shows: the one that brought the status it announces. */
const MAINTENANCE_UPDATE_STATUSES: Record<MaintenanceAlertContent['type'], readonly string[]> = {
  maintenance: ['scheduled'],
  maintenance_started: [...ACTIVE_MAINTENANCE_STATUSES],
  maintenance_completed: ['completed'],
};

/**
 * The maintenance with VRChat's own words: the first update that brought the status the alert is
 * about (for "started", the update that started it), else the newest update.
 */
export async function maintenanceContent(
  em: EntityManager,
  type: MaintenanceAlertContent['type'],
  id: string,
  pageUrl: string | null,
): Promise<AlertContent | null> {
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
    referenceId: id,
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
