/**
 * The lifecycle style under Discord's rate limit (incident lifecycle issue): an incident to 10,000
 * recipients (9,000 servers, 1,000 DMs) posts one message each; its update then edits every one
 * of them and posts a reply under each: 20,000 requests. Against a Temporal dev server, a fake
 * Discord enforcing 50 requests per rolling second and the real worker process (with its delivery
 * process), it measures each fan-out's wall time against its own floor (its requests / 50 per
 * second), 429s and the busiest rolling second, and checks every recipient: one incident message,
 * edited once, with exactly one reply under it.
 *
 * Target: the update within 1.10x of its floor, 0 global 429s.
 *
 * Run with `npm run bench:lifecycle` (options: `npm run bench:lifecycle -- --help`).
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
  type AlertType,
  type FanoutProgress,
} from '../src/contracts/alerts';
import { openMigratedOrm } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { startFakeDiscord, type FakeDiscord } from '../test/fakes/discord-server';
import { busiestSecond } from '../test/harness/rolling-window';
import { startBenchTemporal, startQuietVrchat } from './lib/bench-services';
import {
  BENCH_TOKEN,
  channelId,
  insertIncident,
  prefillDmChannels,
  seedRecipients,
  userId,
} from './lib/fanout-setup';
import { renderTable } from './lib/stats';
import { startWorker } from './lib/worker-process';

const NAMESPACE = 'default';
const TASK_QUEUE = 'vrcpulse-bench';
const PER_SECOND = 50;
const TARGET_RATIO = 1.1;

const log = (message: string) => process.stderr.write(`[bench:lifecycle] ${message}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const int = (n: number) => n.toLocaleString('en-US');

const HELP = `Usage: npm run bench:lifecycle -- [options]

  --guilds N   server recipients (default 9000)
  --users N    DM recipients (default 1000)
  --keep       keep the temp folder afterwards (database, worker log)
  --help       this text
`;

interface Run {
  label: string;
  wallMs: number;
  requests: { total: number; posts: number; edits: number };
  global429: number;
  route429: number;
  busiest: number;
}

async function fanOut(
  client: Client,
  discord: FakeDiscord,
  type: AlertType,
  referenceId: string,
  label: string,
): Promise<Run> {
  await sleep(1_500); // the fake's rolling second empties
  const before = {
    requests: discord.requests.length,
    global: discord.count429Global,
    route: discord.count429Route,
  };
  const fact = { type, referenceId, observedAt: new Date().toISOString() };
  log(`${label}: starting ${alertWorkflowId(fact)}`);
  const t0 = performance.now();
  const handle = await client.workflow.start(ALERT_FANOUT_WORKFLOW_TYPE, {
    workflowId: alertWorkflowId(fact),
    taskQueue: TASK_QUEUE,
    args: [{ fact } satisfies AlertFanoutInput],
  });
  const progress = (await handle.result()) as FanoutProgress;
  const wallMs = performance.now() - t0;
  const requests = discord.requests.slice(before.requests).filter((r) => r.path.includes('/channels/'));
  log(
    `${label}: ${progress.delivered} delivered in ${(wallMs / 1000).toFixed(1)} s, ${requests.length} requests`,
  );
  return {
    label,
    wallMs,
    requests: {
      total: requests.length,
      posts: requests.filter((r) => r.method === 'POST').length,
      edits: requests.filter((r) => r.method === 'PATCH').length,
    },
    global429: discord.count429Global - before.global,
    route429: discord.count429Route - before.route,
    busiest: busiestSecond(
      requests.map((r) => r.at),
      1000,
    ),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      guilds: { type: 'string', default: '9000' },
      users: { type: 'string', default: '1000' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(HELP);
  const guilds = Number(values.guilds);
  const users = Number(values.users);
  const recipients = guilds + users;

  const logger = createLogger({ level: 'warn', name: 'bench' });
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-bench-lifecycle-'));
  const temporal = await startBenchTemporal(NAMESPACE, logger);
  const vrchat = await startQuietVrchat();
  const discord = await startFakeDiscord({ token: BENCH_TOKEN, globalPerSecond: PER_SECOND });
  const databasePath = join(dir, 'vrcpulse.db');
  const { orm } = await openMigratedOrm(databasePath);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: NAMESPACE });
  let stopWorker: () => Promise<void> = async () => undefined;
  try {
    await seedRecipients(orm, { guilds, users });
    await prefillDmChannels(orm, discord, users);
    const incidentId = 'benchlife001';
    await insertIncident(orm, incidentId);
    const worker = await startWorker(
      {
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: NAMESPACE,
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        DATABASE_PATH: databasePath,
        VRCHAT_STATUS_BASE_URL: vrchat.statusBaseUrl,
        VRCHAT_METRICS_BASE_URL: vrchat.metricsBaseUrl,
        DISCORD_TOKEN: BENCH_TOKEN,
        DISCORD_API_BASE_URL: discord.apiBaseUrl,
        LOG_LEVEL: 'info',
      },
      join(dir, 'worker.log'),
    );
    stopWorker = worker.stop;

    const runs = [
      await fanOut(client, discord, 'incident', incidentId, 'incident (one post each)'),
      await fanOut(client, discord, 'incident_update', `${incidentId}u1`, 'update (edit + reply each)'),
    ];

    // every recipient: one incident message, edited once, one reply under it
    const problems: string[] = [];
    const targets = [
      ...Array.from({ length: guilds }, (_, i) => channelId(i)),
      ...Array.from({ length: users }, (_, i) => userId(i)),
    ];
    for (const target of targets) {
      const [first, ...rest] = discord.messagesTo(target);
      if (!first || first.edits < 1 || rest.length !== 1 || rest[0]!.referencedMessageId !== first.id)
        problems.push(`${target}: ${discord.messagesTo(target).length} messages, ${first?.edits ?? 0} edits`);
    }
    if (problems.length > 0)
      throw new Error(`delivery wrong: ${problems.slice(0, 5).join('; ')} (${problems.length} problems)`);

    const rows = runs.map((run) => {
      const floorMs = (run.requests.total / PER_SECOND) * 1000;
      const ratio = run.wallMs / floorMs;
      return [
        run.label,
        `${(run.wallMs / 1000).toFixed(1)} s`,
        `${(floorMs / 1000).toFixed(1)} s`,
        `${ratio.toFixed(3)}x`,
        ratio <= TARGET_RATIO ? 'yes' : '**no**',
        `${int(run.requests.total)} (${int(run.requests.posts)} posts, ${int(run.requests.edits)} edits)`,
        String(run.global429),
        String(run.route429),
        String(run.busiest),
      ];
    });
    process.stdout.write(
      `## Lifecycle style: ${int(recipients)} recipients (${int(guilds)} servers + ${int(users)} DMs), fake Discord at ${PER_SECOND}/s\n\n` +
        renderTable(
          [
            'fan-out',
            'wall time',
            'floor',
            'vs floor',
            `within ${TARGET_RATIO}x`,
            'requests',
            'global 429',
            'route 429',
            'busiest second',
          ],
          rows,
          ['left', 'right', 'right', 'right', 'left', 'right', 'right', 'right', 'right'],
        ) +
        `\nEvery recipient: one incident message, edited, with one reply under it (${int(targets.length)} checked).\n`,
    );
  } finally {
    await stopWorker();
    await connection.close();
    await orm.close();
    await discord.close();
    await vrchat.close();
    await temporal.stop();
    if (values.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err instanceof Error ? (err.stack ?? err.message) : err)}\n`);
  process.exit(1);
});
