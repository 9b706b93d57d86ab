/**
 * The 72-hour catch-up window limits how old an update may be to alert, not how old its incident
 * is: an incident VRCPulse stored five days ago that gets a new update, or its resolution, today
 * still alerts. Through the collector's own persistIncidents on a real SQLite file; the incident's
 * rows are written as they were five days ago (the entities stamp their own times with the clock).
 */
import { persistIncidents } from '../../src/polling/persist-incidents';
import { parseIncidents } from '../../src/vrchat';
import { incident, incidentsPayload, type UpdateSpec } from '../fakes/statuspage-builders';
import { createTestDatabase } from '../harness/sqlite';

const DAY = 24 * 60 * 60_000;
const NOW = Date.now();
const OPENED = NOW - 5 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.cleanup());

const first: UpdateSpec = { id: 'lr-u1', status: 'investigating', body: 'Looking.', createdAt: iso(OPENED) };

/** What VRCPulse stored when it saw the incident five days ago. */
async function storedFiveDaysAgo(): Promise<void> {
  const conn = db.orm.em.getConnection();
  await conn.execute(
    `insert into incidents (id, title, impact, status, started_at, resolved_at, created_at, updated_at) values ('longrunning1', 'Uploads failing', 'major', 'investigating', ?, null, ?, ?)`,
    [OPENED, OPENED, OPENED],
  );
  await conn.execute(
    `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at) values ('lr-u1', 'longrunning1', 'Looking.', 'investigating', ?, ?, ?)`,
    [OPENED, OPENED, OPENED],
  );
}

const poll = (updates: UpdateSpec[], status: string) =>
  db.orm.em.fork().transactional(async (em) => {
    const payload = incidentsPayload([
      incident({
        id: 'longrunning1',
        name: 'Uploads failing',
        status,
        impact: 'major',
        createdAt: iso(OPENED),
        updates,
      }),
    ]);
    const { facts } = await persistIncidents(em, parseIncidents(payload), new Date());
    return facts.map((f) => `${f.type}:${f.referenceId}`);
  });

it('alerts a new update and the resolution of an incident stored five days ago', async () => {
  await storedFiveDaysAgo();
  // nothing new: the incident is past the window and alerts nothing
  expect(await poll([first], 'investigating')).toEqual([]);

  // an update that changes nothing on the incident itself (same status), so its row stays as it was
  const update: UpdateSpec = {
    id: 'lr-u2',
    status: 'investigating',
    body: 'Still looking.',
    createdAt: iso(NOW),
  };
  expect(await poll([first, update], 'investigating')).toEqual(['incident_update:lr-u2']);

  const resolved: UpdateSpec = {
    id: 'lr-u3',
    status: 'resolved',
    body: 'Fixed.',
    createdAt: iso(NOW + 1000),
  };
  expect((await poll([first, update, resolved], 'resolved')).sort()).toEqual([
    'incident_resolved:longrunning1',
    'incident_update:lr-u2',
  ]);
});
