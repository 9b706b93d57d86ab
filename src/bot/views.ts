/**
 * What the bot reads from SQLite for its views (the bot never writes: writes go through workflows).
 * Every read is a handful of indexed queries; the database is in WAL mode, so reads do not wait for
 * the worker's writes.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { BotConfig, ComponentLog, StatusLog } from '../db/entities';
import { readRegistration } from '../interactions/registrations';
import type { RegistrationTarget, RegistrationView } from '../contracts/commands';

export interface ComponentView {
  id: string;
  name: string;
  status: string;
  groupId: string | null;
  isGroup: boolean;
}

export interface StatusView {
  indicator: string;
  description: string;
  /** The status page's own update time. */
  updatedAt: Date;
  components: ComponentView[];
}

export async function readStatusView(em: EntityManager): Promise<StatusView | null> {
  const [latest] = await em.find(StatusLog, {}, { orderBy: { sourceTimestamp: 'desc' }, limit: 1 });
  if (!latest) return null;
  const components = await em.find(
    ComponentLog,
    { sourceTimestamp: latest.sourceTimestamp },
    { orderBy: { id: 'asc' } },
  );
  return {
    indicator: latest.indicator,
    description: latest.description,
    updatedAt: latest.sourceTimestamp,
    components: components.map((c) => ({
      id: c.componentId,
      name: c.name,
      status: c.status,
      groupId: c.groupId ?? null,
      isGroup: c.isGroup,
    })),
  };
}

export { readRegistration };
export type { RegistrationTarget, RegistrationView };

/** Every global setting as stored (absent keys are not listed). */
export async function readSettings(em: EntityManager): Promise<Map<string, string>> {
  const rows = await em.find(BotConfig, {});
  return new Map(rows.map((row) => [row.key, row.value]));
}
