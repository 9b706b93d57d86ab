/**
 * Can Temporal's server-side task-queue rate limit (`maxTaskQueueActivitiesPerSecond`) hold
 * Discord's global limit for several workers (outage issue, point 8)? If it could, one Discord
 * request per activity on a rate-limited delivery queue would pace every worker together. This
 * probe measures it on the Temporal dev server VRCPulse embeds: a workflow schedules N trivial
 * activities at once on a queue limited to 49 per second, served by two worker processes; each activity
 * notes when it started. Reported: the busiest rolling second of starts (Discord allows 50), the
 * busiest 1020 ms, and the mean rate.
 *
 * Run with `npm run bench:task-queue-rate` (options: --activities N, --rate R).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createLogger } from '../src/logger';
import { busiestSecond } from '../test/harness/rolling-window';
import { startBenchTemporal } from './lib/bench-services';

const NAMESPACE = 'default';
const TASK_QUEUE = 'rate-probe';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** One of the two worker processes: serves the queue, printing each probe's start time. */
async function serve(address: string, rate: number): Promise<void> {
  Runtime.install({ logger: quiet });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: NAMESPACE,
    taskQueue: TASK_QUEUE,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: join(__dirname, 'task-queue-rate', 'workflow.js'),
      logger: quiet,
    }),
    maxTaskQueueActivitiesPerSecond: rate,
    maxConcurrentActivityTaskExecutions: 200,
    activities: {
      probe: async () => {
        process.stdout.write(`start ${Date.now()}\n`);
      },
    },
  });
  process.once('SIGTERM', () => worker.shutdown());
  process.stdout.write('ready\n');
  await worker.run();
  await connection.close();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      activities: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '49' },
      serve: { type: 'string' },
    },
  });
  const count = Number(values.activities);
  const rate = Number(values.rate);
  if (values.serve) return serve(values.serve, rate);
  const server = await startBenchTemporal(NAMESPACE, createLogger({ level: 'warn', name: 'bench' }));
  const starts: number[] = [];
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, [__filename, '--serve', server.address, '--rate', String(rate)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      workers.push(child);
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (line === 'ready') resolve();
          else if (line.startsWith('start ')) starts.push(Number(line.slice(6)));
        });
        child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
      });
    }
    const connection = await Connection.connect({ address: server.address });
    // the queue has been idle: what a fan-out starting after a quiet hour meets
    await new Client({ connection, namespace: NAMESPACE }).workflow.execute('rateProbeWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: `rate-probe-${Date.now()}`,
      args: [count],
    });
    await connection.close();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the last lines
  } finally {
    for (const child of workers) child.kill('SIGTERM');
    await server.stop();
  }
  starts.sort((a, b) => a - b);
  const spanS = (starts.at(-1)! - starts[0]!) / 1000;
  process.stdout.write(
    `${count} activities on a queue limited to ${rate}/s, two worker processes: ` +
      `busiest second ${busiestSecond(starts)}, busiest 1020 ms ${busiestSecond(starts, 1020)}, ` +
      `first second ${starts.filter((t) => t < starts[0]! + 1000).length}, ` +
      `mean ${((count - 1) / spanS).toFixed(1)}/s over ${spanS.toFixed(1)} s\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
