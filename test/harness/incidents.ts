/** An open incident stored as the incidents loop would have stored it, for fan-outs to alert about. */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/sqlite';

/**
 * Stores an open major incident "Login failures" (a fresh id) and, with `update`, one update
 * published a second after it. Resolves with the incident's id and the update's (`<id>u1`).
 */
export async function storeOpenIncident(
  orm: MikroORM,
  options: { update?: boolean } = {},
): Promise<{ incidentId: string; updateId: string }> {
  const incidentId = randomUUID().replace(/-/g, '').slice(0, 12);
  const updateId = `${incidentId}u1`;
  const now = Date.now();
  const conn = orm.em.getConnection();
  await conn.execute(
    `insert into incidents (id, title, impact, status, started_at, resolved_at, created_at, updated_at)
     values (?, 'Login failures', 'major', 'investigating', ?, null, ?, ?)`,
    [incidentId, now, now, now],
  );
  if (options.update)
    await conn.execute(
      `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
       values (?, ?, 'Still looking', 'investigating', ?, ?, ?)`,
      [updateId, incidentId, now + 1000, now, now],
    );
  return { incidentId, updateId };
}
