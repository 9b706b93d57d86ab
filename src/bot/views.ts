/**
 * What the bot reads from SQLite for its views (the bot never writes: writes go through workflows).
 * Every read is a handful of indexed queries; the database is in WAL mode, so reads do not wait for
 * the worker's writes.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { BotConfig, ComponentLog, StatusLog } from '../db/entities';
import { readRegistration } from '../commands/registrations';
import type { Recipient, RegistrationView } from '../shared/commands';

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

export interface MetricSummary {
  /** Online users over the last 12 hours. */
  onlineUsers: { average: number; peak: number } | null;
  /** Averages of the newest 5 minutes of data (within the last 12 hours); ratios 0..1. */
  apiErrorRate: number | null;
  steamAuthSuccess: number | null;
  metaAuthSuccess: number | null;
}

const TWELVE_HOURS_MS = 12 * 3_600_000;
const FIVE_MINUTES_MS = 5 * 60_000;

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

export async function readMetricSummary(em: EntityManager, now: Date): Promise<MetricSummary> {
  const connection = em.getConnection();
  const since = now.getTime() - TWELVE_HOURS_MS;
  const [users] = await connection.execute<{ average: number | null; peak: number | null }[]>(
    `select avg(value) as average, max(value) as peak from metric_logs
     where metric_name = 'visits' and timestamp > ? and timestamp <= ?`,
    [since, now.getTime()],
  );
  const recent = async (metric: string): Promise<number | null> => {
    const [row] = await connection.execute<{ average: number | null }[]>(
      `select avg(value) as average from metric_logs
       where metric_name = ? and timestamp <= ? and timestamp > (
         select max(timestamp) from metric_logs where metric_name = ? and timestamp > ? and timestamp <= ?
       ) - ?`,
      [metric, now.getTime(), metric, since, now.getTime(), FIVE_MINUTES_MS],
    );
    return row?.average ?? null;
  };
  return {
    onlineUsers:
      users?.average != null && users.peak != null ? { average: users.average, peak: users.peak } : null,
    apiErrorRate: await recent('api_errors'),
    steamAuthSuccess: await recent('extauth_steam'),
    metaAuthSuccess: await recent('extauth_oculus'),
  };
}

export { readRegistration };
export type { Recipient, RegistrationView };

/** Every global setting as stored (absent keys are not listed). */
export async function readSettings(em: EntityManager): Promise<Map<string, string>> {
  const rows = await em.find(BotConfig, {});
  return new Map(rows.map((row) => [row.key, row.value]));
}
