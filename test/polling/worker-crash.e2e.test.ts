/**
 * The real worker process (`npm run worker`) killed with SIGKILL in the middle of cycles, several
 * times, then started again: the loops it started are the same four workflows (started
 * idempotently), every source ends up stored exactly once, and nothing is lost or duplicated.
 */
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import {
  POLL_SOURCES,
  POLL_WORKFLOW_IDS,
  type PollLoopState,
  pollStateQuery,
} from '../../src/contracts/polling';
import { METRIC_FEEDS } from '../../src/vrchat/index';
import {
  incident,
  incidentsPayload,
  maintenance,
  maintenancesPayload,
  metricFeed,
  summary,
} from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { rows } from '../harness/db-rows';
import { exitOf, spawnEntryPoint, workerEnv } from '../harness/processes';
import { createTestDatabase } from '../harness/sqlite';
import { waitFor } from '../harness/wait';
import { harnessInfo } from '../harness/temporal';

const NAMESPACE = 'vrcpulse-crash';
const POINTS = 1441;
const START = Date.UTC(2026, 10, 24, 12, 0) / 1000;

function scriptSources(fake: FakeVrchat, slow: boolean) {
  const delay = <T>(payload: T) => (slow ? { fault: 'slow', delayMs: 1_500, then: payload } : payload);
  fake.set(
    '/api/v2/summary.json',
    delay(summary({ updatedAt: '2026-11-25T10:00:00.000Z', indicator: 'minor' })),
  );
  fake.set(
    '/api/v2/incidents.json',
    delay(
      incidentsPayload(
        Array.from({ length: 20 }, (_, i) =>
          incident({
            id: `crash${String(i).padStart(7, '0')}`,
            name: `Incident ${i}`,
            status: i === 0 ? 'investigating' : 'resolved',
            impact: 'minor',
            createdAt: `2026-11-${String(1 + i).padStart(2, '0')}T10:00:00.000Z`,
            updates: [
              {
                id: `crash${i}u1`,
                status: 'investigating',
                body: 'Looking.',
                createdAt: `2026-11-${String(1 + i).padStart(2, '0')}T10:00:00.000Z`,
              },
              ...(i === 0
                ? []
                : [
                    {
                      id: `crash${i}u2`,
                      status: 'resolved',
                      body: 'Done.',
                      createdAt: `2026-11-${String(1 + i).padStart(2, '0')}T11:00:00.000Z`,
                    },
                  ]),
            ],
          }),
        ),
      ),
    ),
  );
  fake.set(
    '/api/v2/scheduled-maintenances.json',
    delay(
      maintenancesPayload([
        maintenance({
          id: 'crashmainten',
          name: 'Planned work',
          status: 'scheduled',
          scheduledFor: '2026-12-01T08:00:00.000Z',
          scheduledUntil: '2026-12-01T10:00:00.000Z',
          createdAt: '2026-11-25T08:00:00.000Z',
          updates: [
            { id: 'crashmntupd1', status: 'scheduled', body: 'Soon.', createdAt: '2026-11-25T08:00:00.000Z' },
          ],
        }),
      ]),
    ),
  );
  METRIC_FEEDS.forEach((feed, i) =>
    fake.set(
      feed.path,
      delay(
        metricFeed(
          START,
          Array.from({ length: POINTS }, (_, j) => i + j / 10_000),
        ),
      ),
    ),
  );
}

function startWorker(fake: FakeVrchat, databasePath: string): ChildProcess {
  return spawnEntryPoint(
    'worker-main.js',
    workerEnv(NAMESPACE, databasePath, {
      VRCHAT_STATUS_BASE_URL: fake.statusBaseUrl,
      VRCHAT_METRICS_BASE_URL: fake.metricsBaseUrl,
      VRCHAT_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'error',
    }),
    { stdout: 'ignore' },
  );
}

async function killHard(worker: ChildProcess): Promise<void> {
  worker.kill('SIGKILL');
  await exitOf(worker);
}

describe('worker killed mid-cycle', () => {
  let fake: FakeVrchat;
  let connection: Connection;
  let client: Client;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    fake = await startFakeVrchat();
    connection = await Connection.connect({ address: harnessInfo().address });
    client = new Client({ connection, namespace: NAMESPACE });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const source of POLL_SOURCES) {
      await client.workflow
        .getHandle(POLL_WORKFLOW_IDS[source])
        .terminate('test finished')
        .catch(() => undefined);
    }
    await connection.close();
    await fake.close();
    await db.cleanup();
  });

  it('loses nothing and duplicates nothing across three SIGKILLs and restarts', async () => {
    scriptSources(fake, true);
    const requestsSoFar = () => fake.requests.length;

    // three workers, each killed while requests of a cycle are in flight (slow responses)
    for (let kill = 0; kill < 3; kill++) {
      const before = requestsSoFar();
      const worker = startWorker(fake, db.path);
      await waitFor(
        async () => (requestsSoFar() > before + 2 ? true : undefined),
        30_000,
        'a cycle to be in flight',
      );
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1_000)));
      await killHard(worker);
    }

    // a fourth worker, with the sources answering at once, brings every loop to a successful cycle
    scriptSources(fake, false);
    const survivor = startWorker(fake, db.path);
    try {
      const states = await waitFor(
        async () => {
          const all = await Promise.all(
            POLL_SOURCES.map((s) => client.workflow.getHandle(POLL_WORKFLOW_IDS[s]).query(pollStateQuery)),
          );
          return all.every((s: PollLoopState) => s.lastSuccessAt !== null) ? all : undefined;
        },
        60_000,
        'every loop to succeed',
      );
      expect(states.map((s) => s.source)).toEqual([...POLL_SOURCES]);

      // the same four loops: started once, whatever the number of worker starts
      const executions: string[] = [];
      for await (const e of client.workflow.list({ query: `WorkflowType = 'pollLoopWorkflow'` })) {
        executions.push(`${e.workflowId}:${e.status.name}`);
      }
      expect(executions.sort()).toEqual(
        Object.values(POLL_WORKFLOW_IDS)
          .map((id) => `${id}:RUNNING`)
          .sort(),
      );

      // exactly the source data, once
      expect(await rows(db.orm, 'select count(*) as n from status_logs')).toEqual([{ n: 1 }]);
      expect(await rows(db.orm, 'select count(*) as n from component_logs')).toEqual([{ n: 10 }]);
      expect(
        await rows(
          db.orm,
          'select component_id, source_timestamp from component_logs group by 1, 2 having count(*) > 1',
        ),
      ).toEqual([]);
      expect(await rows(db.orm, 'select count(*) as n from incidents')).toEqual([{ n: 20 }]);
      expect(await rows(db.orm, 'select count(*) as n from incident_updates')).toEqual([{ n: 39 }]);
      expect(await rows(db.orm, 'select count(*) as n from maintenances')).toEqual([{ n: 1 }]);
      expect(
        await rows(db.orm, 'select metric_name, count(*) as n from metric_logs group by 1 order by 1'),
      ).toEqual(
        METRIC_FEEDS.map((f) => ({ metric_name: f.name, n: POINTS })).sort((a, b) =>
          a.metric_name.localeCompare(b.metric_name),
        ),
      );
      // and the first start's facts are still there to be alerted: the open incident and the announced maintenance
      const incidentFacts = states.find((s) => s.source === 'incident')!.lastResult!.facts;
      expect(incidentFacts.map((f) => `${f.type}:${f.referenceId}`)).toEqual(['incident:crash0000000']);
      const maintenanceFacts = states.find((s) => s.source === 'maintenance')!.lastResult!.facts;
      expect(maintenanceFacts.map((f) => `${f.type}:${f.referenceId}`)).toEqual(['maintenance:crashmainten']);
    } finally {
      survivor.kill('SIGTERM');
      expect((await exitOf(survivor)).code).toBe(0);
    }
  }, 150_000);
});
