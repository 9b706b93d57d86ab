import type { MikroORM } from '@mikro-orm/sqlite';

export const DOMAIN_TABLES = [
  'status_logs',
  'component_logs',
  'incidents',
  'incident_updates',
  'maintenances',
  'metric_logs',
] as const;

export async function rows<T = Record<string, unknown>>(
  orm: MikroORM,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return (await orm.em.getConnection().execute(sql, params)) as T[];
}

/** Row count of every collected table: equal counts before and after prove a cycle wrote nothing. */
export async function rowCounts(orm: MikroORM): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DOMAIN_TABLES) {
    const [row] = await rows<{ n: number }>(orm, `select count(*) as n from ${table}`);
    counts[table] = row!.n;
  }
  return counts;
}

/** Full contents of the collected tables (ids and timestamps included), for "nothing changed" checks. */
export async function snapshotTables(orm: MikroORM): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of DOMAIN_TABLES) result[table] = await rows(orm, `select * from ${table} order by 1`);
  return result;
}
