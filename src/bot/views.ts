/**
 * What the bot reads from SQLite for its views (the bot never writes: writes go through workflows).
 * Every read is a handful of indexed queries; the database is in WAL mode, so reads do not wait for
 * the worker's writes.
 */
import { REPORT_TYPES, type ReportType } from '../contracts/reports';
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

export interface ReportCount {
  type: ReportType;
  /** Distinct players who reported it. */
  players: number;
}

/** Distinct players per report type in the hour before `now`; types nobody reported are left out. */
export async function readReportCounts(em: EntityManager, now: Date): Promise<ReportCount[]> {
  const rows = await em.getConnection().execute<{ type: string; players: number }[]>(
    `select incident_type as type, count(distinct user_id) as players from user_reports
       where status = 'active' and created_at > ? and created_at <= ? group by incident_type`,
    [now.getTime() - 60 * 60_000, now.getTime()],
  );
  const byType = new Map(rows.map((r) => [r.type, r.players]));
  return REPORT_TYPES.filter((type) => (byType.get(type) ?? 0) > 0).map((type) => ({
    type,
    players: byType.get(type)!,
  }));
}
