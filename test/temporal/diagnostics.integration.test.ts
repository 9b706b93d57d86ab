import { readlinkSync } from 'node:fs';
import { createActivities } from '../../src/activities/index';
import { createLogger } from '../../src/logger';
import { createVrchatClient } from '../../src/vrchat/index';
import { diagnosticsWorkflowId } from '../../src/contracts/diagnostics';
import { findTemporalCli } from '../../src/temporal/cli';
import { diagnosticsWorkflow } from '../../src/workflows/index';
import { testActivityDeps } from '../harness/deps';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';

const logger = createLogger({ level: 'silent' });
// The diagnostics workflow never calls the sources; the client only completes the dependencies.
const vrchat = createVrchatClient({
  statusBaseUrl: 'http://127.0.0.1:9/api/v2',
  metricsBaseUrl: 'http://127.0.0.1:9',
});

describe('Temporal harness and diagnostics round trip', () => {
  let temporal: TestTemporal;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    temporal = await connectClient();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await temporal?.close();
    await db?.cleanup();
  });

  it('runs the suite against a dev server started from the installed CLI', () => {
    const { serverPid } = temporal.info;
    expect(serverPid).toEqual(expect.any(Number));
    expect(readlinkSync(`/proc/${serverPid}/exe`)).toBe(
      findTemporalCli({ explicitPath: process.env.TEMPORAL_CLI_PATH }),
    );
  });

  it('reads bot_config through a real activity and returns it to the client', async () => {
    const taskQueue = uniqueTaskQueue('diagnostics');
    await db.orm.em
      .getConnection()
      .execute(`update bot_config set value = '7' where key = 'report_threshold'`);

    const result = await withWorker(
      {
        taskQueue,
        activities: createActivities({
          ...testActivityDeps({ orm: db.orm, client: temporal.client, taskQueue }),
          logger,
          vrchat,
        }),
      },
      () =>
        temporal.client.workflow.execute(diagnosticsWorkflow, {
          taskQueue,
          workflowId: diagnosticsWorkflowId(taskQueue),
          args: [{ requestedBy: 'jest' }],
        }),
    );

    expect(result).toEqual({
      workflowId: diagnosticsWorkflowId(taskQueue),
      requestedBy: 'jest',
      botConfig: {
        'polling.incident': '60',
        'polling.maintenance': '60',
        'polling.metrics': '60',
        'polling.status': '60',
        report_interval: '60',
        report_min_sources: '2',
        report_threshold: '7',
      },
    });
    const history = await temporal.client.workflow.getHandle(diagnosticsWorkflowId(taskQueue)).fetchHistory();
    const scheduled = history.events?.filter((e) => e.activityTaskScheduledEventAttributes) ?? [];
    expect(scheduled.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)).toEqual([
      'readBotConfig',
    ]);
  });
});
