/** The maintenance and metrics loops end to end. */
import { maintenance, maintenancesPayload, metricFeed, type UpdateSpec } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { rows, snapshotTables } from '../harness/db-rows';
import { withPollLoop } from '../harness/poll-loop';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal } from '../harness/temporal';
import { METRIC_FEEDS } from '../../src/vrchat/index';

const ms = (iso: string) => Date.parse(iso);
const factIds = (facts: { type: string; referenceId: string }[] | undefined) =>
  (facts ?? []).map((f) => `${f.type}:${f.referenceId}`).sort();

describe('maintenance loop', () => {
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

  const PATH = '/api/v2/scheduled-maintenances.json';
  const HISTORY = maintenance({
    id: 'past0mainten',
    name: 'Database upgrade',
    status: 'completed',
    scheduledFor: '2026-09-01T01:00:00.000-07:00',
    scheduledUntil: '2026-09-01T03:00:00.000-07:00',
    createdAt: '2026-08-25T12:00:00.000-07:00',
    updates: [
      {
        id: 'past0upd0001',
        status: 'scheduled',
        body: 'Planned.',
        createdAt: '2026-08-25T12:00:00.000-07:00',
      },
      { id: 'past0upd0002', status: 'completed', body: 'Done.', createdAt: '2026-09-01T02:40:00.000-07:00' },
    ],
  });
  const steps: UpdateSpec[] = [
    {
      id: 'next0upd0001',
      status: 'scheduled',
      body: 'Servers will restart.',
      createdAt: '2026-11-25T10:00:00.000Z',
    },
    { id: 'next0upd0002', status: 'in_progress', body: 'Started.', createdAt: '2026-11-26T08:00:00.000Z' },
    { id: 'next0upd0003', status: 'verifying', body: 'Checking.', createdAt: '2026-11-26T09:00:00.000Z' },
    { id: 'next0upd0004', status: 'completed', body: 'Complete.', createdAt: '2026-11-26T09:20:00.000Z' },
  ];
  const next = (status: string, count: number, scheduledUntil = '2026-11-26T10:00:00.000Z') =>
    maintenance({
      id: 'next0mainten',
      name: 'Server maintenance',
      status,
      scheduledFor: '2026-11-26T08:00:00.000Z',
      scheduledUntil,
      createdAt: '2026-11-25T10:00:00.000Z',
      updates: steps.slice(0, count),
    });

  it('follows a maintenance from scheduled through in_progress and verifying to completed', async () => {
    const db = await createTestDatabase();
    try {
      await withPollLoop(
        { client: temporal.client, orm: db.orm, fake, source: 'maintenance' },
        async (loop) => {
          fake.set(PATH, maintenancesPayload([HISTORY]));
          expect((await loop.firstCycle()).lastResult).toEqual({
            facts: [],
            written: { maintenances_inserted: 1, maintenance_updates_inserted: 2 },
            warnings: [],
            upcomingMaintenances: [],
          });

          const expectations: [string, number, string[]][] = [
            ['scheduled', 1, ['maintenance:next0mainten']],
            ['in_progress', 2, ['maintenance_started:next0mainten']],
            ['verifying', 3, ['maintenance_started:next0mainten']],
            ['completed', 4, ['maintenance_completed:next0mainten']],
          ];
          for (const [status, count, facts] of expectations) {
            fake.set(PATH, maintenancesPayload([next(status, count), HISTORY]));
            const state = await loop.cycle();
            expect(factIds(state.lastResult?.facts)).toEqual(facts);
            expect(
              await rows(
                db.orm,
                'select id, title, status, scheduled_for, scheduled_until from maintenances order by id',
              ),
            ).toEqual([
              {
                id: 'next0mainten',
                title: 'Server maintenance',
                status,
                scheduled_for: ms('2026-11-26T08:00:00.000Z'),
                scheduled_until: ms('2026-11-26T10:00:00.000Z'),
              },
              {
                id: 'past0mainten',
                title: 'Database upgrade',
                status: 'completed',
                scheduled_for: ms('2026-09-01T08:00:00.000Z'),
                scheduled_until: ms('2026-09-01T10:00:00.000Z'),
              },
            ]);
          }

          const before = await snapshotTables(db.orm);
          const repeat = await loop.cycle();
          expect(repeat.lastResult?.written).toEqual({});
          expect(await snapshotTables(db.orm)).toEqual(before);
        },
      );
    } finally {
      await db.cleanup();
    }
  });

  it('completes a maintenance that vanished after its window, and removes (never completes) one whose window is still open', async () => {
    const db = await createTestDatabase();
    try {
      await withPollLoop(
        { client: temporal.client, orm: db.orm, fake, source: 'maintenance' },
        async (loop) => {
          const past = next('in_progress', 2, '2020-01-01T00:00:00.000Z');
          const future = maintenance({
            id: 'futu0mainten',
            name: 'Future work',
            status: 'in_progress',
            scheduledFor: '2026-11-25T00:00:00.000Z',
            scheduledUntil: '2099-01-01T00:00:00.000Z',
            createdAt: '2026-11-24T00:00:00.000Z',
            updates: [
              {
                id: 'futu0upd0001',
                status: 'in_progress',
                body: 'Going.',
                createdAt: '2026-11-25T00:00:00.000Z',
              },
            ],
          });
          fake.set(PATH, maintenancesPayload([past, future]));
          expect(factIds((await loop.firstCycle()).lastResult?.facts)).toEqual([
            'maintenance_started:futu0mainten',
            'maintenance_started:next0mainten',
          ]);
          // left out three polls in a row before it is believed gone
          fake.set(PATH, maintenancesPayload([]));
          await loop.cycle();
          await loop.cycle();
          const state = await loop.cycle();
          expect(state.lastResult?.written).toEqual({
            maintenances_completed_missing: 1,
            maintenances_removed: 1,
          });
          expect(
            await rows(
              db.orm,
              'select id, status, removed_at is not null as removed from maintenances order by id',
            ),
          ).toEqual([
            { id: 'futu0mainten', status: 'in_progress', removed: 1 },
            { id: 'next0mainten', status: 'completed', removed: 0 },
          ]);
          expect(factIds(state.lastResult?.facts)).toEqual(['maintenance_completed:next0mainten']);
        },
      );
    } finally {
      await db.cleanup();
    }
  });
});

describe('metrics loop', () => {
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

  const START = Date.UTC(2026, 10, 25, 12, 0) / 1000;
  const values = (feed: number, count: number) => Array.from({ length: count }, (_, i) => feed + i / 100);

  it('stores only new points, converts latency to ms, and survives one feed failing', async () => {
    const db = await createTestDatabase();
    try {
      await withPollLoop({ client: temporal.client, orm: db.orm, fake, source: 'metrics' }, async (loop) => {
        METRIC_FEEDS.forEach((feed, i) => fake.set(feed.path, metricFeed(START, values(i, 5))));
        const first = await loop.firstCycle();
        expect(first.lastResult?.warnings).toEqual([]);
        expect(Object.values(first.lastResult?.written ?? {})).toEqual(METRIC_FEEDS.map(() => 5));
        expect(await rows(db.orm, 'select count(*) as n from metric_logs')).toEqual([{ n: 40 }]);
        expect(
          await rows(
            db.orm,
            `select value, unit, interval_sec, timestamp from metric_logs where metric_name = 'api_latency' order by timestamp limit 2`,
          ),
        ).toEqual([
          { value: 0, unit: 'ms', interval_sec: 60, timestamp: START * 1000 },
          { value: 10, unit: 'ms', interval_sec: 60, timestamp: (START + 60) * 1000 },
        ]);
        expect(
          await rows(db.orm, `select unit from metric_logs where metric_name = 'api_errors' limit 1`),
        ).toEqual([{ unit: 'ratio' }]);

        // the feeds move on by one point (overlapping the rest); visits is down, and one
        // element of api_errors is malformed
        METRIC_FEEDS.forEach((feed, i) => fake.set(feed.path, metricFeed(START + 60, values(i, 5))));
        fake.set('/visits.json', { fault: 'status', status: 503 });
        fake.set('/apierrors.json', [...metricFeed(START + 60, values(3, 5)), ['bad', null]]);
        const second = await loop.cycle();
        expect(second.lastError).toBeNull();
        expect(second.lastResult?.written).toEqual(
          Object.fromEntries(
            METRIC_FEEDS.filter((f) => f.name !== 'visits').map((f) => [`metric_logs_inserted.${f.name}`, 1]),
          ),
        );
        expect(second.lastResult?.warnings).toEqual([
          expect.stringMatching(/^GET \/visits\.json: .*503/),
          'api_errors: skipped 1 malformed point(s)',
        ]);
        expect(await rows(db.orm, 'select count(*) as n from metric_logs')).toEqual([{ n: 47 }]);

        // visits is back: it catches up from the 24-hour window
        fake.set('/visits.json', metricFeed(START + 60, values(1, 5)));
        const third = await loop.cycle();
        expect(third.lastResult?.written).toEqual({ 'metric_logs_inserted.visits': 1 });
        expect(await rows(db.orm, 'select count(*) as n from metric_logs')).toEqual([{ n: 48 }]);
        expect(
          await rows(
            db.orm,
            'select metric_name, timestamp, count(*) as n from metric_logs group by 1, 2 having n > 1',
          ),
        ).toEqual([]);
      });
    } finally {
      await db.cleanup();
    }
  });
});
