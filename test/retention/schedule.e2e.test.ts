/**
 * The real worker process (`npm run worker`) creates the `retention-daily` schedule at boot, exactly
 * once: two workers booting at the same moment race for it (one creates, one finds it), and two
 * restarts after that find it too. A run triggered from the schedule (what the UI's "Trigger" button
 * does) is served by the worker and reports per table what it removed.
 */
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { POLL_SOURCES, POLL_WORKFLOW_IDS } from '../../src/contracts/polling';
import {
  RETENTION_SCHEDULE_ID,
  RETENTION_TABLES,
  RETENTION_WORKFLOW_TYPE,
  type RetentionReport,
} from '../../src/contracts/retention';
import { VRCPULSE_SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';
import { exitOf, waitForOutput, spawnEntryPoint, workerEnv } from '../harness/processes';
import { createTestDatabase } from '../harness/sqlite';
import { harnessInfo } from '../harness/temporal';

const NAMESPACE = 'vrcpulse-retention';
const READY = /"msg":"retention schedule ready"/;

function startWorker(databasePath: string): ChildProcess {
  return spawnEntryPoint(
    'worker-main.js',
    workerEnv(NAMESPACE, databasePath, {
      // nothing answers there: the poll loops fail their cycles, which does not matter here
      VRCHAT_STATUS_BASE_URL: 'http://127.0.0.1:9/api/v2',
      VRCHAT_METRICS_BASE_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'info',
    }),
  );
}

/** Boots a worker and returns what it did with the schedule (`created`, `exists` or `updated`). */
async function boot(worker: ChildProcess): Promise<string> {
  const output = await waitForOutput(worker, READY, 120_000);
  const line = output.split('\n').find((l) => READY.test(l));
  return (JSON.parse(line!) as { outcome: string }).outcome;
}

/** Stopped hard, as a crash or a killed container would (and at any point of its boot). */
async function stop(worker: ChildProcess): Promise<void> {
  worker.kill('SIGKILL');
  await exitOf(worker);
}

describe('retention schedule', () => {
  let connection: Connection;
  let client: Client;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    connection = await Connection.connect({ address: harnessInfo().address });
    client = new Client({ connection, namespace: NAMESPACE });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const worker of workers)
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    await client.schedule
      .getHandle(RETENTION_SCHEDULE_ID)
      .delete()
      .catch(() => undefined);
    for (const source of POLL_SOURCES) {
      await client.workflow
        .getHandle(POLL_WORKFLOW_IDS[source])
        .terminate('test finished')
        .catch(() => undefined);
    }
    await connection.close();
    await db.cleanup();
  });

  it('exists exactly once after a racing first boot and two restarts, and its runs purge', async () => {
    const spawnWorker = () => {
      const worker = startWorker(db.path);
      workers.push(worker);
      return worker;
    };

    // two workers boot at once on a namespace without the schedule
    const first = [spawnWorker(), spawnWorker()];
    expect((await Promise.all(first.map(boot))).sort()).toEqual(['created', 'exists']);
    await Promise.all(first.map(stop));

    // restart
    const second = spawnWorker();
    expect(await boot(second)).toBe('exists');
    await stop(second);

    // and restart again; this one stays up to serve the triggered run
    const third = spawnWorker();
    expect(await boot(third)).toBe('exists');

    const schedules: string[] = [];
    for (let attempt = 0; attempt < 100 && schedules.length === 0; attempt++) {
      for await (const schedule of client.schedule.list()) schedules.push(schedule.scheduleId);
      if (schedules.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(schedules).toEqual([RETENTION_SCHEDULE_ID]);

    const handle = client.schedule.getHandle(RETENTION_SCHEDULE_ID);
    const description = await handle.describe();
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: RETENTION_WORKFLOW_TYPE,
      taskQueue: 'vrcpulse',
      workflowId: 'retention',
      args: [{}],
    });
    expect(description.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 24 * 60 * 60 * 1000 });
    expect(description.spec.calendars).toMatchObject([
      {
        hour: [{ start: 4, end: 4 }],
        minute: [{ start: 17, end: 17 }],
        comment: 'daily retention, 04:17 UTC',
      },
    ]);
    expect(description.state.paused).toBe(false);

    // what the UI's "Trigger" does: a run now, served by the worker that is up
    await handle.trigger();
    let runId: string | undefined;
    for (let attempt = 0; attempt < 100 && !runId; attempt++) {
      runId = (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId;
      if (!runId) await new Promise((r) => setTimeout(r, 200));
    }
    expect(runId).toMatch(/^retention-\d{4}-\d\d-\d\dT/);
    const run = client.workflow.getHandle<() => Promise<RetentionReport>>(runId!);
    const report = await run.result();
    expect(Object.keys(report.tables)).toEqual([...RETENTION_TABLES]);
    expect(report.phase).toBe('done');
    const runDescription = await run.describe();
    expect(await runDescription.staticSummary()).toMatch(/^Retention: delete rows past their period/);
    expect(runDescription.typedSearchAttributes.get(VRCPULSE_SEARCH_ATTRIBUTES.source)).toBe('retention');

    await stop(third);
  }, 300_000);
});
