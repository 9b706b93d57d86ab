/** The incident loop end to end, through an incident's whole life and the missing-incident safety net. */
import { VANISHED_AFTER_POLLS } from '../../src/polling/persist-incidents';
import { incident, incidentsPayload, type UpdateSpec } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { rows, snapshotTables } from '../harness/db-rows';
import { withPollLoop } from '../harness/poll-loop';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal } from '../harness/temporal';

const ms = (iso: string) => Date.parse(iso);
const PATH = '/api/v2/incidents.json';
const factIds = (facts: { type: string; referenceId: string }[] | undefined) =>
  (facts ?? []).map((f) => `${f.type}:${f.referenceId}`).sort();

const OLD = incident({
  id: 'old0incident',
  name: 'Login failures',
  status: 'resolved',
  impact: 'major',
  createdAt: '2026-10-01T08:00:00.000-07:00',
  updates: [
    {
      id: 'old0upd00001',
      status: 'investigating',
      body: 'Looking into it.',
      createdAt: '2026-10-01T08:00:00.000-07:00',
    },
    { id: 'old0upd00002', status: 'resolved', body: 'Fixed.', createdAt: '2026-10-01T09:30:00.000-07:00' },
  ],
});

const u = (id: string, status: string, createdAt: string, body = `${status} update`): UpdateSpec => ({
  id,
  status,
  body,
  createdAt,
});

function live(status: string, updates: UpdateSpec[]) {
  return incident({
    id: 'live0incidnt',
    name: 'Instances failing to load in São Paulo',
    status,
    impact: 'minor',
    createdAt: '2026-11-25T10:00:00.000Z',
    updates,
  });
}

describe('incident loop', () => {
  let temporal: TestTemporal;
  let fake: FakeVrchat;

  beforeAll(async () => {
    temporal = await connectClient();
    fake = await startFakeVrchat();
  });
  afterAll(async () => {
    await temporal.close();
    await fake.close();
  });

  it('follows an incident from appearance through updates and resolution to postmortem', async () => {
    const db = await createTestDatabase();
    try {
      await withPollLoop({ client: temporal.client, orm: db.orm, fake, source: 'incident' }, async (loop) => {
        // first start: resolved history is stored without alerting
        fake.set(PATH, incidentsPayload([OLD]));
        const baseline = await loop.firstCycle();
        expect(baseline.lastResult).toEqual({
          facts: [],
          written: { incidents_inserted: 1, incident_updates_inserted: 2 },
          warnings: [],
        });
        expect(
          await rows(db.orm, 'select id, title, impact, status, started_at, resolved_at from incidents'),
        ).toEqual([
          {
            id: 'old0incident',
            title: 'Login failures',
            impact: 'major',
            status: 'resolved',
            started_at: ms('2026-10-01T15:00:00.000Z'),
            resolved_at: ms('2026-10-01T16:30:00.000Z'),
          },
        ]);

        // a new incident appears
        const u1 = u(
          'live0upd0001',
          'investigating',
          '2026-11-25T10:00:00.000Z',
          'We are investigating <b>reports</b>.\r\nMore soon.',
        );
        fake.set(PATH, incidentsPayload([live('investigating', [u1]), OLD]));
        const appeared = await loop.cycle();
        expect(appeared.lastResult?.written).toEqual({ incidents_inserted: 1, incident_updates_inserted: 1 });
        expect(factIds(appeared.lastResult?.facts)).toEqual(['incident:live0incidnt']);
        expect(
          await rows(
            db.orm,
            `select id, incident_id, body, status, published_at from incident_updates where incident_id = ?`,
            ['live0incidnt'],
          ),
        ).toEqual([
          {
            id: 'live0upd0001',
            incident_id: 'live0incidnt',
            body: 'We are investigating <b>reports</b>.\r\nMore soon.',
            status: 'investigating',
            published_at: ms('2026-11-25T10:00:00.000Z'),
          },
        ]);

        // it gains an update
        const u2 = u('live0upd0002', 'identified', '2026-11-25T10:20:00.000Z');
        fake.set(PATH, incidentsPayload([live('identified', [u1, u2]), OLD]));
        const updated = await loop.cycle();
        expect(updated.lastResult?.written).toEqual({ incidents_updated: 1, incident_updates_inserted: 1 });
        expect(factIds(updated.lastResult?.facts)).toEqual([
          'incident:live0incidnt',
          'incident_update:live0upd0002',
        ]);

        // it is resolved
        const u3 = u('live0upd0003', 'resolved', '2026-11-25T11:00:00.000Z');
        fake.set(PATH, incidentsPayload([live('resolved', [u1, u2, u3]), OLD]));
        const resolved = await loop.cycle();
        expect(factIds(resolved.lastResult?.facts)).toEqual([
          'incident:live0incidnt',
          'incident_resolved:live0incidnt',
          'incident_update:live0upd0002',
        ]);
        expect(
          await rows(db.orm, `select status, resolved_at from incidents where id = 'live0incidnt'`),
        ).toEqual([{ status: 'resolved', resolved_at: ms('2026-11-25T11:00:00.000Z') }]);

        // a postmortem is published: stored as reported, still resolved, reported as an update
        const u4 = u('live0upd0004', 'postmortem', '2026-11-26T09:00:00.000Z');
        fake.set(PATH, incidentsPayload([live('postmortem', [u1, u2, u3, u4]), OLD]));
        const postmortem = await loop.cycle();
        expect(factIds(postmortem.lastResult?.facts)).toEqual([
          'incident:live0incidnt',
          'incident_resolved:live0incidnt',
          'incident_update:live0upd0002',
          'incident_update:live0upd0004',
        ]);
        expect(
          await rows(db.orm, `select status, resolved_at from incidents where id = 'live0incidnt'`),
        ).toEqual([{ status: 'postmortem', resolved_at: ms('2026-11-25T11:00:00.000Z') }]);

        // re-running with the same payload writes nothing and repeats the same facts
        const before = await snapshotTables(db.orm);
        const repeat = await loop.cycle();
        expect(repeat.lastResult?.written).toEqual({});
        expect(repeat.lastResult?.facts).toEqual(postmortem.lastResult?.facts);
        expect(await snapshotTables(db.orm)).toEqual(before);
        expect(await rows(db.orm, 'select count(*) as n from incident_updates')).toEqual([{ n: 6 }]);
      });
    } finally {
      await db.cleanup();
    }
  });

  it('alerts incidents open at first start, and resolves one that successful responses stop listing', async () => {
    const db = await createTestDatabase();
    try {
      await withPollLoop({ client: temporal.client, orm: db.orm, fake, source: 'incident' }, async (loop) => {
        const open = incident({
          id: 'open0incidnt',
          name: 'API errors',
          status: 'monitoring',
          impact: 'minor',
          createdAt: '2026-11-25T09:00:00.000Z',
          updates: [
            u('open0upd0001', 'investigating', '2026-11-25T09:00:00.000Z'),
            u('open0upd0002', 'monitoring', '2026-11-25T09:30:00.000Z'),
          ],
        });
        fake.set(PATH, incidentsPayload([open, OLD]));
        const first = await loop.firstCycle();
        expect(factIds(first.lastResult?.facts)).toEqual(['incident:open0incidnt']);

        // one empty list is a blip: nothing changes, nothing is resolved
        fake.set(PATH, incidentsPayload([]));
        const blip = await loop.cycle();
        expect(blip.lastResult?.written).toEqual({});
        expect(factIds(blip.lastResult?.facts)).not.toContain('incident_resolved:open0incidnt');
        fake.set(PATH, incidentsPayload([open, OLD]));
        await loop.cycle();

        // left out by three successful responses in a row: it is over
        fake.set(PATH, incidentsPayload([]));
        for (let poll = 1; poll < VANISHED_AFTER_POLLS; poll++) {
          const waiting = await loop.cycle();
          expect(waiting.lastResult?.written).toEqual({});
        }
        const gone = await loop.cycle();
        expect(gone.lastResult?.written).toEqual({ incidents_resolved_missing: 1 });
        expect(factIds(gone.lastResult?.facts)).toEqual(['incident_resolved:open0incidnt']);
        const [row] = await rows<{ status: string; resolved_at: number }>(
          db.orm,
          `select status, resolved_at from incidents where id = 'open0incidnt'`,
        );
        expect(row!.status).toBe('resolved');
        expect(Math.abs(row!.resolved_at - Date.now())).toBeLessThan(60_000);
        // the resolved history is untouched
        expect(await rows(db.orm, `select status from incidents where id = 'old0incident'`)).toEqual([
          { status: 'resolved' },
        ]);
      });
    } finally {
      await db.cleanup();
    }
  });
});
