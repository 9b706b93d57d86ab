/** The status loop end to end: fake Statuspage -> real loop on Temporal -> real SQLite rows + facts. */
import { summary, vrchatComponents, COMPONENT_IDS } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { rows, snapshotTables } from '../harness/db-rows';
import { withPollLoop } from '../harness/poll-loop';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal } from '../harness/temporal';

const ms = (iso: string) => Date.parse(iso);

describe('status loop', () => {
  let temporal: TestTemporal;
  let fake: FakeVrchat;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    temporal = await connectClient();
    fake = await startFakeVrchat();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await temporal.close();
    await fake.close();
    await db.cleanup();
  });

  it('stores snapshots and components once, and reports indicator changes after the baseline', async () => {
    await withPollLoop({ client: temporal.client, orm: db.orm, fake, source: 'status' }, async (loop) => {
      fake.set('/api/v2/summary.json', summary({ updatedAt: '2026-11-25T10:00:00.000Z', indicator: 'none' }));
      const first = await loop.firstCycle();
      expect(first.lastError).toBeNull();
      expect(first.lastResult).toEqual({
        facts: [],
        written: { status_logs_inserted: 1, component_logs_inserted: 10 },
        warnings: [],
      });
      expect(await rows(db.orm, 'select indicator, description, source_timestamp from status_logs')).toEqual([
        {
          indicator: 'none',
          description: 'All Systems Operational',
          source_timestamp: ms('2026-11-25T10:00:00.000Z'),
        },
      ]);
      const components = await rows<{
        component_id: string;
        name: string;
        status: string;
        source_timestamp: number;
      }>(db.orm, 'select component_id, name, status, source_timestamp from component_logs order by id');
      expect(components).toHaveLength(10);
      expect(components.map((c) => c.component_id).sort()).toEqual(Object.values(COMPONENT_IDS).sort());
      expect(components.find((c) => c.component_id === COMPONENT_IDS.saoPaulo)).toEqual({
        component_id: COMPONENT_IDS.saoPaulo,
        name: 'Brazil (São Paulo)',
        status: 'operational',
        source_timestamp: ms('2026-11-25T10:00:00.000Z'),
      });

      // the same payload again writes nothing
      const before = await snapshotTables(db.orm);
      const again = await loop.cycle();
      expect(again.lastResult).toEqual({ facts: [], written: {}, warnings: [] });
      expect(await snapshotTables(db.orm)).toEqual(before);

      // a status change, in the page's own time zone (offset timestamps are stored as UTC)
      fake.set(
        '/api/v2/summary.json',
        summary({
          updatedAt: '2026-11-25T03:05:00.000-08:00',
          indicator: 'minor',
          components: vrchatComponents({ login: 'degraded_performance', apiGroup: 'degraded_performance' }),
        }),
      );
      const changed = await loop.cycle();
      expect(changed.lastResult?.written).toEqual({ status_logs_inserted: 1, component_logs_inserted: 10 });
      expect(changed.lastResult?.facts).toEqual([
        { type: 'status', referenceId: 'minor_2026-11-25T11:05:00.000Z', observedAt: expect.any(String) },
      ]);
      expect(
        await rows(
          db.orm,
          'select status from component_logs where component_id = ? and source_timestamp = ?',
          [COMPONENT_IDS.login, ms('2026-11-25T11:05:00.000Z')],
        ),
      ).toEqual([{ status: 'degraded_performance' }]);

      // level-triggered: the same fact again, nothing written
      const repeat = await loop.cycle();
      expect(repeat.lastResult?.facts).toEqual(changed.lastResult?.facts);
      expect(repeat.lastResult?.written).toEqual({});
      expect(await rows(db.orm, 'select count(*) as n from status_logs')).toEqual([{ n: 2 }]);
      expect(await rows(db.orm, 'select count(*) as n from component_logs')).toEqual([{ n: 20 }]);
    });
  });
});
