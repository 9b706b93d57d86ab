/**
 * The worker's weight and start-up (hardening issue: a lighter, faster worker). Against a Temporal dev
 * server, a quiet fake VRChat and a fake Discord, it starts the real worker process
 * (`node dist/src/worker-main.js`, with a Discord token, so with its delivery process) several
 * times and measures, per start:
 *
 *   start to polling   from the spawn to the worker's "worker polling" line (its task queue polled),
 *                      and to "ready" (the poll loops running and the delivery process polling)
 *   idle RSS           the worker's VmRSS 20 s after it is ready (its first poll cycles done), and
 *                      the delivery process's
 *
 * then, in the last start, a fan-out to 2,000 recipients: the worker's and the delivery process's
 * highest RSS meanwhile (VmHWM reset at the start, VmRSS sampled every 200 ms).
 *
 * Targets: the worker's idle RSS under 250 MiB, its RSS during the fan-out under 300 MiB, start to
 * polling under 3 s (medians).
 *
 * Run with `npm run bench:worker` (options: `npm run bench:worker -- --help`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import {
  ALERT_FANOUT_WORKFLOW_TYPE,
  type AlertFanoutInput,
  alertWorkflowId,
  type FanoutProgress,
} from '../src/contracts/alerts';
import { openMigratedOrm } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { startFakeDiscord } from '../test/fakes/discord-server';
import { descendantsOf } from '../test/harness/processes';
import { startBenchTemporal, startQuietVrchat } from './lib/bench-services';
import { BENCH_TOKEN, insertIncident, prefillDmChannels, seedRecipients } from './lib/fanout-setup';
import { readProcessMemory, resetPeakRss, sampleRss } from './lib/process-memory';
import { formatBytes, formatMs, median, renderTable } from './lib/stats';
import { startWorker, type WorkerProcess } from './lib/worker-process';

const NAMESPACE = 'default';
const TASK_QUEUE = 'vrcpulse-bench';
const MIB = 1024 * 1024;
const TARGETS = { idleRssMiB: 250, fanoutRssMiB: 300, pollingMs: 3_000 };

const log = (message: string) => process.stderr.write(`[bench:worker] ${message}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const HELP = `Usage: npm run bench:worker -- [options]

  --starts N        worker starts measured (default 5); the last one also runs the fan-out
  --idle S          seconds after ready before the idle RSS is read (default 20)
  --recipients N    recipients of the fan-out (default 2000: 1,600 servers, 400 DMs)
  --keep            keep the temp folder afterwards (database, worker logs)
  --help            this text
`;

interface StartResult {
  pollingMs: number;
  readyMs: number;
  idleRssBytes: number;
  deliveryIdleRssBytes: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      starts: { type: 'string', default: '5' },
      idle: { type: 'string', default: '20' },
      recipients: { type: 'string', default: '2000' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(HELP);
  const starts = Number(values.starts);
  const idleMs = Number(values.idle) * 1000;
  const recipients = Number(values.recipients);
  const users = Math.round(recipients / 5);
  const guilds = recipients - users;

  const logger = createLogger({ level: 'warn', name: 'bench' });
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-bench-worker-'));
  const temporal = await startBenchTemporal(NAMESPACE, logger);
  const vrchat = await startQuietVrchat();
  const discord = await startFakeDiscord({ token: BENCH_TOKEN, globalPerSecond: 50 });
  const databasePath = join(dir, 'vrcpulse.db');
  const { orm } = await openMigratedOrm(databasePath);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: NAMESPACE });
  const env = {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    DATABASE_PATH: databasePath,
    VRCHAT_STATUS_BASE_URL: vrchat.statusBaseUrl,
    VRCHAT_METRICS_BASE_URL: vrchat.metricsBaseUrl,
    DISCORD_TOKEN: BENCH_TOKEN,
    DISCORD_API_BASE_URL: discord.apiBaseUrl,
    LOG_LEVEL: 'info',
  };
  try {
    await seedRecipients(orm, { guilds, users });
    await prefillDmChannels(orm, discord, users);

    const results: StartResult[] = [];
    let fanout: { worker: number; delivery: number; wallMs: number; delivered: number } | undefined;
    for (let i = 1; i <= starts; i++) {
      const worker = await startWorker(env, join(dir, `worker-${i}.log`));
      try {
        await sleep(idleMs);
        const delivery = deliveryPid(worker);
        const result: StartResult = {
          pollingMs: worker.pollingAfterMs,
          readyMs: worker.readyAfterMs,
          idleRssBytes: readProcessMemory(worker.pid).rssBytes,
          deliveryIdleRssBytes: readProcessMemory(delivery).rssBytes,
        };
        results.push(result);
        log(
          `start ${i}: polling after ${formatMs(result.pollingMs)}, ready after ${formatMs(result.readyMs)}, ` +
            `idle RSS ${formatBytes(result.idleRssBytes)} (delivery ${formatBytes(result.deliveryIdleRssBytes)})`,
        );
        if (i === starts) fanout = await runFanout(client, orm, worker, delivery, recipients);
      } finally {
        await worker.stop();
      }
    }
    report(results, fanout!, recipients);
  } finally {
    await connection.close();
    await orm.close();
    await discord.close();
    await vrchat.close();
    await temporal.stop();
    if (values.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function deliveryPid(worker: WorkerProcess): number {
  const [pid, ...others] = descendantsOf(worker.pid);
  if (pid === undefined || others.length > 0) throw new Error('expected exactly one delivery process');
  return pid;
}

async function runFanout(
  client: Client,
  orm: Awaited<ReturnType<typeof openMigratedOrm>>['orm'],
  worker: WorkerProcess,
  delivery: number,
  recipients: number,
) {
  const incidentId = 'benchwork0001';
  await insertIncident(orm, incidentId);
  const samplers = [worker.pid, delivery].map((pid) => {
    resetPeakRss(pid);
    return sampleRss(pid);
  });
  const fact = { type: 'incident' as const, referenceId: incidentId, observedAt: new Date().toISOString() };
  log(`fan-out to ${recipients.toLocaleString('en-US')} recipients`);
  const t0 = performance.now();
  const handle = await client.workflow.start(ALERT_FANOUT_WORKFLOW_TYPE, {
    workflowId: alertWorkflowId(fact),
    taskQueue: TASK_QUEUE,
    args: [{ fact } satisfies AlertFanoutInput],
  });
  const progress = (await handle.result()) as FanoutProgress;
  const wallMs = performance.now() - t0;
  const [workerPeak, deliveryPeak] = samplers.map((sampler) => {
    const s = sampler.stop();
    return Math.max(s.maxRssBytes, s.hwmBytes);
  });
  log(`fan-out done in ${formatMs(wallMs)}: ${progress.delivered} delivered`);
  return { worker: workerPeak!, delivery: deliveryPeak!, wallMs, delivered: progress.delivered };
}

function report(
  results: StartResult[],
  fanout: { worker: number; delivery: number; wallMs: number; delivered: number },
  recipients: number,
): void {
  const med = (pick: (r: StartResult) => number) => median(results.map(pick));
  const range = (pick: (r: StartResult) => number) => {
    const values = results.map(pick);
    return [Math.min(...values), Math.max(...values)] as const;
  };
  const ms = (pick: (r: StartResult) => number) => {
    const [lo, hi] = range(pick);
    return `${formatMs(med(pick))} (${formatMs(lo)}-${formatMs(hi)})`;
  };
  const mib = (pick: (r: StartResult) => number) => {
    const [lo, hi] = range(pick);
    return `${formatBytes(med(pick))} (${formatBytes(lo)}-${formatBytes(hi)})`;
  };
  const met = (ok: boolean) => (ok ? 'yes' : '**no**');
  const rows: string[][] = [
    [
      'start to polling',
      ms((r) => r.pollingMs),
      `< ${formatMs(TARGETS.pollingMs)}`,
      met(med((r) => r.pollingMs) < TARGETS.pollingMs),
    ],
    ['start to ready (loops, delivery process)', ms((r) => r.readyMs), '—', '—'],
    [
      'worker RSS, idle',
      mib((r) => r.idleRssBytes),
      `< ${TARGETS.idleRssMiB} MiB`,
      met(med((r) => r.idleRssBytes) < TARGETS.idleRssMiB * MIB),
    ],
    ['delivery process RSS, idle', mib((r) => r.deliveryIdleRssBytes), '—', '—'],
    [
      `worker RSS, peak during a ${recipients.toLocaleString('en-US')}-recipient fan-out`,
      formatBytes(fanout.worker),
      `< ${TARGETS.fanoutRssMiB} MiB`,
      met(fanout.worker < TARGETS.fanoutRssMiB * MIB),
    ],
    ['delivery process RSS, peak during the fan-out', formatBytes(fanout.delivery), '—', '—'],
  ];
  process.stdout.write(
    `## Worker weight and start-up (${results.length} starts; median (min-max))\n\n` +
      renderTable(['measure', 'result', 'target', 'met'], rows, ['left', 'right', 'right', 'left']) +
      `\nThe fan-out: ${fanout.delivered.toLocaleString('en-US')} delivered in ${formatMs(fanout.wallMs)}.\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err instanceof Error ? (err.stack ?? err.message) : err)}\n`);
  process.exit(1);
});
