/** Writes one validated /summary.json snapshot and reads back the facts. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { ComponentLog, StatusLog } from '../db/entities/index';
import type { StatusSnapshot } from '../vrchat/types';
import { CATCH_UP_WINDOW_MS, deriveStatusFacts } from './facts';
import { nonZero, type PersistOutcome } from './persist-incidents';

export async function persistStatus(
  em: EntityManager,
  snapshot: StatusSnapshot,
  now: Date,
): Promise<PersistOutcome> {
  const written = { status_logs_inserted: 0, component_logs_inserted: 0 };
  const at = snapshot.pageUpdatedAt;

  if (!(await em.findOne(StatusLog, { sourceTimestamp: at }, { fields: ['id'] }))) {
    await em.insert(StatusLog, {
      indicator: snapshot.indicator,
      description: snapshot.description,
      sourceTimestamp: at,
      createdAt: now,
    });
    written.status_logs_inserted = 1;
  }

  const stored = new Set(
    (await em.find(ComponentLog, { sourceTimestamp: at }, { fields: ['componentId'] })).map(
      (c) => c.componentId,
    ),
  );
  const missing = snapshot.components.filter((c) => !stored.has(c.id));
  if (missing.length > 0) {
    await em.insertMany(
      ComponentLog,
      missing.map((c) => ({
        componentId: c.id,
        name: c.name,
        status: c.status,
        groupId: c.groupId,
        isGroup: c.isGroup,
        sourceTimestamp: at,
        createdAt: now,
      })),
    );
    written.component_logs_inserted = missing.length;
  }

  return { written: nonZero(written), facts: await readStatusFacts(em, now) };
}

async function readStatusFacts(em: EntityManager, now: Date) {
  const since = new Date(now.getTime() - CATCH_UP_WINDOW_MS);
  const fields = ['indicator', 'sourceTimestamp', 'createdAt'] as const;
  const inWindow = await em.find(
    StatusLog,
    { createdAt: { $gte: since } },
    { fields, orderBy: { sourceTimestamp: 'asc' } },
  );
  if (inWindow.length === 0) return [];
  const before = await em.findOne(
    StatusLog,
    { sourceTimestamp: { $lt: inWindow[0]!.sourceTimestamp } },
    { fields, orderBy: { sourceTimestamp: 'desc' } },
  );
  return deriveStatusFacts(before ? [before, ...inWindow] : inWindow, now);
}
