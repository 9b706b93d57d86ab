/**
 * Can Temporal's server-side task-queue rate limit (`maxTaskQueueActivitiesPerSecond`) hold
 * Discord's global limit for several workers (outage issue, point 8)? If it could, one Discord
 * request per activity on a rate-limited delivery queue would pace every worker together. This
 * probe measures it on the Temporal dev server VRCPulse embeds: a workflow schedules N trivial
 * activities at once on a queue limited to 49 per second, served by two workers; each activity
 * notes when it started. Reported: the busiest rolling second of starts (Discord allows 50), the
 * busiest 1020 ms, and the mean rate.
 *
 * Run with `npm run bench:task-queue-rate` (options: --activities N, --rate R).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createLogger } from '../src/logger';
import { busiestSecond } from '../test/harness/rolling-window';
import { startBenchTemporal } from './lib/bench-services';

const NAMESPACE = 'default';
const TASK_QUEUE = 'rate-probe';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { activities: { type: 'string', default: '1000' }, rate: { type: 'string', default: '49' } },
  });
  const count = Number(values.activities);
  const rate = Number(values.rate);
  const logger = createLogger({ level: 'warn', name: 'bench' });
  Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  const server = await startBenchTemporal(NAMESPACE, logger);
  const starts: number[] = [];
  try {
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: join(__dirname, 'task-queue-rate', 'workflow.js'),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    const connection = await NativeConnection.connect({ address: server.address });
    const workers = await Promise.all(
      [1, 2].map(() =>
        Worker.create({
          connection,
          namespace: NAMESPACE,
          taskQueue: TASK_QUEUE,
          workflowBundle,
          maxTaskQueueActivitiesPerSecond: rate,
          maxConcurrentActivityTaskExecutions: 200,
          activities: {
            probe: async () => {
              starts.push(Date.now());
            },
          },
        }),
      ),
    );
    const client = new Client({
      connection: await Connection.connect({ address: server.address }),
      namespace: NAMESPACE,
    });
    const run = async () => {
      // the queue has been idle: what a fan-out starting after a quiet hour meets
      await client.workflow.execute('rateProbeWorkflow', {
        taskQueue: TASK_QUEUE,
        workflowId: `rate-probe-${Date.now()}`,
        args: [count],
      });
    };
    await workers[0]!.runUntil(workers[1]!.runUntil(run()));
    await connection.close();
  } finally {
    await server.stop();
  }
  starts.sort((a, b) => a - b);
  const spanS = (starts.at(-1)! - starts[0]!) / 1000;
  process.stdout.write(
    `${count} activities on a queue limited to ${rate}/s, two workers: ` +
      `busiest second ${busiestSecond(starts)}, busiest 1020 ms ${busiestSecond(starts, 1020)}, ` +
      `first second ${starts.filter((t) => t < starts[0]! + 1000).length}, ` +
      `mean ${((count - 1) / spanS).toFixed(1)}/s over ${spanS.toFixed(1)} s\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
