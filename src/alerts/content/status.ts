/** A status alert's content: the snapshot, the one before it, and its affected components. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { AlertComponent, AlertContent } from '../../contracts/alert-content';
import { parseStatusReferenceId } from '../../contracts/reference-ids';
import { ComponentLog, StatusLog } from '../../db/entities';

export async function statusContent(em: EntityManager, referenceId: string): Promise<AlertContent | null> {
  const parsed = parseStatusReferenceId(referenceId);
  if (!parsed) return null;
  const at = parsed.sourceTimestamp;
  const snapshot = await em.findOne(StatusLog, { sourceTimestamp: at });
  if (!snapshot) return null;
  const [previous] = await em.find(
    StatusLog,
    { sourceTimestamp: { $lt: at } },
    { orderBy: { sourceTimestamp: 'desc' }, limit: 1, fields: ['indicator'] },
  );
  const components = await em.find(ComponentLog, { sourceTimestamp: at }, { orderBy: { id: 'asc' } });
  return {
    type: 'status',
    referenceId,
    indicator: snapshot.indicator,
    description: snapshot.description,
    previousIndicator: previous?.indicator ?? null,
    changedAt: at.toISOString(),
    components: affectedComponents(components),
  };
}

/**
 * The components that are not operational, each under its group's name, as /status groups them.
 * A group's own row only repeats the worst of its children, so it is listed only when none of its
 * children is in the snapshot.
 */
export function affectedComponents(
  snapshot: readonly Pick<ComponentLog, 'componentId' | 'name' | 'status' | 'groupId' | 'isGroup'>[],
): AlertComponent[] {
  const groupNames = new Map(snapshot.filter((c) => c.isGroup).map((g) => [g.componentId, g.name]));
  const withChildren = new Set(snapshot.filter((c) => !c.isGroup && c.groupId).map((c) => c.groupId));
  return snapshot
    .filter((c) => c.status !== 'operational' && !(c.isGroup && withChildren.has(c.componentId)))
    .map((c) => ({
      name: c.name,
      status: c.status,
      group: c.isGroup || !c.groupId ? null : (groupNames.get(c.groupId) ?? null),
    }));
}
