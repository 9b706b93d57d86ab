/**
 * The order of an incident's alerts, read from a real SQLite file: its updates in the order VRChat
 * posted them, those up to the resolution before it, and one posted after the resolution (a
 * postmortem) after it. An order, so no two fan-outs can wait for each other.
 */
import { earlierAlertWorkflowIds } from '../../src/alerts/earlier-alerts';
import type { AlertFact } from '../../src/contracts/alerts';
import { storeOpenIncident } from '../harness/incidents';
import { createTestDatabase } from '../harness/sqlite';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.cleanup();
});

it("puts an incident's updates in order, and a postmortem after the resolution", async () => {
  const { incidentId, updateId: first } = await storeOpenIncident(db.orm, { update: true });
  const conn = db.orm.em.getConnection();
  const [row] = await conn.execute<{ published: number }[]>(
    'select published_at as published from incident_updates where id = ?',
    [first],
  );
  const published = row!.published;
  const addUpdate = (suffix: string, at: number, status: string) =>
    conn.execute(
      `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
       values (?, ?, 'text', ?, ?, ?, ?)`,
      [`${incidentId}${suffix}`, incidentId, status, at, at, at],
    );
  await addUpdate('u2', published + 60_000, 'identified');
  await addUpdate('u3', published + 120_000, 'resolved');
  await conn.execute('update incidents set status = ?, resolved_at = ? where id = ?', [
    'resolved',
    published + 120_000,
    incidentId,
  ]);
  await addUpdate('u4', published + 86_400_000, 'postmortem');

  const earlier = (type: AlertFact['type'], referenceId: string) =>
    earlierAlertWorkflowIds(db.orm.em.fork(), { type, referenceId, observedAt: new Date().toISOString() });
  const open = `alert-incident-${incidentId}`;
  const update = (suffix: string) => `alert-incident_update-${incidentId}${suffix}`;
  const resolution = `alert-incident_resolved-${incidentId}`;

  expect(await earlier('incident', incidentId)).toEqual([]);
  expect(await earlier('incident_update', `${incidentId}u2`)).toEqual([open, update('u1')]);
  expect((await earlier('incident_resolved', incidentId)).sort()).toEqual(
    [open, update('u1'), update('u2'), update('u3')].sort(),
  );
  expect((await earlier('incident_update', `${incidentId}u4`)).sort()).toEqual(
    [open, update('u1'), update('u2'), update('u3'), resolution].sort(),
  );
  // never both ways: the resolution does not wait for the postmortem that waits for it
  expect(await earlier('incident_resolved', incidentId)).not.toContain(update('u4'));
});
