/**
 * Delivery under load (pacing and outage issues): Discord's global limit must hold, and official
 * alerts must come first, while the worker is busy and when several workers share one database.
 * Each scenario runs against its own Temporal dev server, SQLite file, fake VRChat and fake Discord
 * (enforcing 50 requests per rolling second), with real worker processes (`dist/src/worker-main.js`,
 * each starting its delivery process):
 *
 *   ingest      a fan-out to 2,000 recipients started at the same moment as a first metrics ingest of
 *               the eight full 24-hour feeds (11,528 rows in one transaction on the worker)
 *   catch-up    the same after a 24-hour feed outage: the database holds the day before, the feeds
 *               come back with a whole day of new points
 *   retention   the same at the same moment as a retention run over a 91-day database (one day of
 *               metrics, 11,520 rows, past the 90-day period, deleted in batches)
 *   priority    a crowd-report alert to 10,000 recipients; 10 s later a new incident to the same
 *               10,000: when it reaches its first recipient, and its wall time against its own floor
 *   two-workers two worker processes (two delivery processes) on one database and one Temporal, two
 *               incidents to 2,000 recipients each at once: one rate for both
 *
 * Targets: 0 global 429s and at most 50 requests in any rolling second at the fake in every
 * scenario; ingest, catch-up and retention within 1.05x of the floor (messages / 50 per second);
 * priority: the incident's first message within 5 s, all of it within 1.10x of its own floor;
 * two-workers within 1.10x. Every recipient holds exactly one message of each alert, every time.
 *
 * Run with `npm run bench:delivery` (options: `npm run bench:delivery -- --help`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MikroORM, SqliteConnection } from '@mikro-orm/sqlite';
import { Client, Connection } from '@temporalio/client';
import { deliveryNonce } from '../src/alerts/deliver';
import {
  type AlertFact,
  ALERT_FANOUT_WORKFLOW_TYPE,
  alertWorkflowId,
  type FanoutProgress,
} from '../src/contracts/alerts';
import { POLL_WORKFLOW_IDS, pollNowSignal } from '../src/contracts/polling';
import { thresholdReferenceId } from '../src/contracts/reference-ids';
import { RETENTION_SCHEDULE_ID } from '../src/contracts/retention';
import { openMigratedOrm } from '../src/db/migrate';
import { DISCORD_REQUESTS_PER_SECOND } from '../src/discord/rest';
import { createLogger } from '../src/logger';
import { METRIC_INTERVAL_SECONDS } from '../src/polling/persist-metrics';
import { METRIC_FEEDS, type MetricName } from '../src/vrchat';
import { startFakeDiscord, type FakeDiscord } from '../test/fakes/discord-server';
import { metricFeed } from '../test/fakes/statuspage-builders';
import type { FakeVrchat } from '../test/fakes/vrchat-server';
import { startBenchTemporal, startQuietVrchat } from './lib/bench-services';
import {
  BENCH_TOKEN,
  channelId,
  guildId,
  insertIncident,
  prefillDmChannels,
  seedRecipients,
  userId,
} from './lib/fanout-setup';
import { addStalls, type LoopStalls } from './lib/loop-stalls';
import { analyseTimeline } from './lib/request-timeline';
import { formatMs, renderTable, type Align } from './lib/stats';
import { startWorker, type WorkerProcess } from './lib/worker-process';

const NAMESPACE = 'default';
const TASK_QUEUE = 'vrcpulse-bench';
const DISCORD_PER_SECOND = 50;
const SCENARIOS = ['ingest', 'catch-up', 'retention', 'priority', 'two-workers'] as const;
type Scenario = (typeof SCENARIOS)[number];

const log = (message: string) => process.stderr.write(`[bench:delivery] ${message}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const int = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const HELP = `Usage: npm run bench:delivery -- [options]

  --scenario NAME   ${SCENARIOS.join(', ')} or all (default all)
  --recipients N    recipients of the busy-worker and two-worker scenarios (default 2000)
  --crowd N         recipients of the priority scenario (default 10000)
  --dir PATH        parent folder for the temp folders (default: the OS temp folder)
  --keep            keep the temp folders (databases, worker logs)
  --help            this text
`;

interface Options {
  scenarios: Scenario[];
  recipients: number;
  crowd: number;
  dir: string;
  keep: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'all' },
      recipients: { type: 'string', default: '2000' },
      crowd: { type: 'string', default: '10000' },
      dir: { type: 'string', default: tmpdir() },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const count = (name: string, raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 10) throw new Error(`--${name} must be an integer >= 10`);
    return n;
  };
  const scenarios =
    values.scenario === 'all' ? [...SCENARIOS] : values.scenario.split(',').map((s) => s.trim() as Scenario);
  for (const s of scenarios) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}`);
  return {
    scenarios,
    recipients: count('recipients', values.recipients),
    crowd: count('crowd', values.crowd),
    dir: values.dir,
    keep: values.keep,
  };
}

// --- metric feeds that breach nothing --------------------------------------------------------------

/** A calm value for a feed at a minute (no metric alert starts a fan-out of its own). */
function calmValue(name: MetricName, minute: number): number {
  const wave = Math.sin((2 * Math.PI * minute) / 1440);
  switch (name) {
    case 'api_latency':
      return 0.15 + 0.03 * wave; // seconds; 1,000 ms is the alert threshold
    case 'visits':
      return Math.round(50_000 + 15_000 * wave);
    case 'api_requests':
      return 2_400 + 800 * wave;
    case 'api_errors':
      return 0.004 + 0.002 * wave;
    case 'extauth_steam':
    case 'extauth_oculus':
      return 0.97 + 0.01 * wave;
    case 'extauth_steam_count':
    case 'extauth_oculus_count':
      return Math.round(600 + 150 * wave);
  }
}

/** The 24-hour window (1,441 points) ending at `endMinute` (unix minutes). */
const feedWindow = (name: MetricName, endMinute: number) =>
  metricFeed(
    (endMinute - 1440) * METRIC_INTERVAL_SECONDS,
    Array.from({ length: 1441 }, (_, i) => calmValue(name, endMinute - 1440 + i)),
  );

function serveFullFeeds(fake: FakeVrchat, endMinute: number): void {
  for (const f of METRIC_FEEDS) fake.set(f.path, JSON.stringify(feedWindow(f.name, endMinute)));
}

/** Stores metric points for the minutes [fromMinute, toMinute) directly, a day per transaction. */
async function fillMetrics(orm: MikroORM, fromMinute: number, toMinute: number): Promise<number> {
  const db = await (orm.em.getConnection() as SqliteConnection).getNativeClient();
  const insert = db.prepare(
    `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at)
     values (?, ?, ?, ?, ?, ?) on conflict (metric_name, timestamp) do nothing`,
  );
  const fill = db.transaction((from: number, to: number) => {
    for (let minute = from; minute < to; minute++) {
      const ts = minute * 60_000;
      for (const f of METRIC_FEEDS)
        insert.run(
          f.name,
          calmValue(f.name, minute) * f.scale,
          f.unit,
          METRIC_INTERVAL_SECONDS,
          ts,
          ts + 30_000,
        );
    }
  });
  for (let from = fromMinute; from < toMinute; from += 1440) {
    fill(from, Math.min(toMinute, from + 1440));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return (toMinute - fromMinute) * METRIC_FEEDS.length;
}

// --- one scenario's world -----------------------------------------------------------------------------

interface World {
  dir: string;
  orm: MikroORM;
  client: Client;
  discord: FakeDiscord;
  vrchat: FakeVrchat;
  workers: WorkerProcess[];
  close(): Promise<void>;
}

async function startWorld(
  opts: Options,
  name: string,
  setup: { guilds: number; users: number; workers: number; before?: (orm: MikroORM) => Promise<void> },
): Promise<World> {
  const dir = mkdtempSync(join(opts.dir, `vrcpulse-delivery-${name}-`));
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((err: unknown) => log(`cleanup failed: ${String(err)}`));
    }
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  };
  try {
    const databasePath = join(dir, 'vrcpulse.db');
    const { orm } = await openMigratedOrm(databasePath);
    cleanups.push(() => orm.close(true));
    await seedRecipients(orm, setup.guilds > 0 || setup.users > 0 ? setup : { guilds: 0, users: 0 });
    await setup.before?.(orm);
    const vrchat = await startQuietVrchat();
    cleanups.push(() => vrchat.close());
    const discord = await startFakeDiscord({
      token: BENCH_TOKEN,
      globalPerSecond: DISCORD_PER_SECOND,
      maxRequestLog: 1_000_000,
    });
    cleanups.push(() => discord.close());
    const server = await startBenchTemporal(NAMESPACE, createLogger({ level: 'warn', name: 'bench' }));
    cleanups.push(() => server.stop());
    const connection = await Connection.connect({ address: server.address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: NAMESPACE });
    const prefill = setup.users > 0 ? prefillDmChannels(orm, discord, setup.users) : Promise.resolve();
    const workers: WorkerProcess[] = [];
    for (let i = 0; i < setup.workers; i++) {
      const worker = await startWorker(
        {
          TEMPORAL_ADDRESS: server.address,
          TEMPORAL_NAMESPACE: NAMESPACE,
          TEMPORAL_TASK_QUEUE: TASK_QUEUE,
          DATABASE_PATH: databasePath,
          VRCHAT_STATUS_BASE_URL: vrchat.statusBaseUrl,
          VRCHAT_METRICS_BASE_URL: vrchat.metricsBaseUrl,
          DISCORD_TOKEN: BENCH_TOKEN,
          DISCORD_API_BASE_URL: discord.apiBaseUrl,
          LOG_LEVEL: 'info',
        },
        join(dir, `worker-${i + 1}.log`),
      );
      cleanups.push(() => worker.stop());
      workers.push(worker);
    }
    await prefill;
    // the poll loops' first cycles run right after start-up, and the fake's rolling second empties
    await sleep(3_000);
    for (const w of workers) {
      w.takeStalls();
      w.takeDeliveryStalls();
    }
    return { dir, orm, client, discord, vrchat, workers, close };
  } catch (err) {
    await close();
    throw err;
  }
}

// --- fan-outs and what reached the fake ---------------------------------------------------------------

interface FanoutRun {
  fact: AlertFact;
  startedAt: number;
  result: Promise<FanoutProgress>;
}

async function startFanout(world: World, fact: AlertFact): Promise<FanoutRun> {
  const startedAt = Date.now();
  const handle = await world.client.workflow.start(ALERT_FANOUT_WORKFLOW_TYPE, {
    workflowId: alertWorkflowId(fact),
    taskQueue: TASK_QUEUE,
    args: [{ fact }],
  });
  return { fact, startedAt, result: handle.result() as Promise<FanoutProgress> };
}

interface Delivered {
  fact: AlertFact;
  recipients: number;
  /** Messages of this alert at the fake (by their nonces), first and last arrival. */
  messages: number;
  firstAt: number;
  lastAt: number;
  wallMs: number;
  firstAfterMs: number;
  doneAt: number;
}

/** Checks that every recipient holds exactly one message of the alert, and when they arrived. */
async function delivered(
  world: World,
  run: FanoutRun,
  counts: { guilds: number; users: number },
): Promise<Delivered> {
  const progress = await run.result;
  const doneAt = Date.now();
  const nonces = new Map<string, string>();
  for (let i = 0; i < counts.guilds; i++)
    nonces.set(
      deliveryNonce(run.fact, {
        kind: 'guild',
        id: guildId(i),
        channelId: channelId(i),
        language: null,
        locale: null,
      }),
      `guild ${i}`,
    );
  for (let i = 0; i < counts.users; i++)
    nonces.set(
      deliveryNonce(run.fact, {
        kind: 'user',
        id: userId(i),
        dmChannelId: null,
        language: null,
        locale: null,
      }),
      `user ${i}`,
    );
  const mine = world.discord.messages.filter((m) => nonces.has(String(m.nonce)));
  const per = new Map<string, number>();
  for (const m of mine) per.set(String(m.nonce), (per.get(String(m.nonce)) ?? 0) + 1);
  const wrong = [...nonces.keys()].filter((n) => per.get(n) !== 1);
  const recipients = counts.guilds + counts.users;
  if (wrong.length > 0 || progress.delivered !== recipients || progress.phase !== 'done')
    throw new Error(
      `${alertWorkflowId(run.fact)}: ${wrong.length} recipients without exactly one message; result ${JSON.stringify({ ...progress, failures: progress.failures.length })}`,
    );
  const times = mine.map((m) => m.at).sort((a, b) => a - b);
  return {
    fact: run.fact,
    recipients,
    messages: mine.length,
    firstAt: times[0]!,
    lastAt: times.at(-1)!,
    wallMs: doneAt - run.startedAt,
    firstAfterMs: times[0]! - run.startedAt,
    doneAt,
  };
}

interface Outcome {
  scenario: Scenario;
  what: string;
  wallMs: number;
  floorMs: number;
  target: number;
  requests: number;
  global429: number;
  route429: number;
  busiestSecond: number;
  workerStalls: LoopStalls;
  deliveryStalls: LoopStalls;
  notes: string[];
}

/** Starts watching the fake Discord; `stats()` is what reached it since: requests, 429s, busiest second. */
function watchWire(world: World) {
  const { discord } = world;
  const fromRequest = discord.requests.length;
  const global = discord.count429Global;
  const route = discord.count429Route;
  return {
    stats() {
      const requests = discord.requests.slice(fromRequest);
      const timeline = analyseTimeline(
        requests.map((r) => r.at).sort((a, b) => a - b),
        1000 / DISCORD_REQUESTS_PER_SECOND,
      );
      return {
        requests: requests.length,
        busiestSecond: timeline.maxPerRollingSecond,
        global429: discord.count429Global - global,
        route429: discord.count429Route - route,
      };
    },
  };
}

const stallsOf = (world: World) => ({
  workerStalls: world.workers.map((w) => w.takeStalls()).reduce(addStalls),
  deliveryStalls: world.workers.map((w) => w.takeDeliveryStalls()).reduce(addStalls),
});

const metricRows = async (orm: MikroORM) =>
  (await orm.em.getConnection().execute<{ n: number }[]>('select count(*) as n from metric_logs'))[0]!.n;

// --- the scenarios ------------------------------------------------------------------------------------

/** A 2,000-recipient incident fan-out started at the same moment as `busyWork`. */
async function busyWorker(
  opts: Options,
  scenario: Scenario,
  what: string,
  prepare: (orm: MikroORM) => Promise<void>,
  busyWork: (world: World) => Promise<string>,
): Promise<Outcome> {
  const counts = {
    guilds: Math.round(opts.recipients * 0.9),
    users: opts.recipients - Math.round(opts.recipients * 0.9),
  };
  const world = await startWorld(opts, scenario, { ...counts, workers: 1, before: prepare });
  try {
    await insertIncident(world.orm, 'benchbusy0001');
    await sleep(1_500);
    const wire = watchWire(world);
    log(`${scenario}: fan-out to ${int(opts.recipients)} and ${what}, at once`);
    const [run, busy] = await Promise.all([
      startFanout(world, {
        type: 'incident',
        referenceId: 'benchbusy0001',
        observedAt: new Date().toISOString(),
      }),
      busyWork(world),
    ]);
    const done = await delivered(world, run, counts);
    await sleep(1_100); // the stall reports covering the end of the run
    return {
      scenario,
      what,
      wallMs: done.wallMs,
      floorMs: (opts.recipients / DISCORD_PER_SECOND) * 1000,
      target: 1.05,
      ...wire.stats(),
      ...stallsOf(world),
      notes: [busy, `first message ${formatMs(done.firstAfterMs)} after the start`],
    };
  } finally {
    await world.close();
  }
}

const nowMinute = () => Math.floor(Date.now() / 60_000);

/** Triggers the metrics poll loop now and waits until the feeds' rows are stored. */
async function ingestNow(world: World, expectRows: number): Promise<string> {
  const started = Date.now();
  await world.client.workflow.getHandle(POLL_WORKFLOW_IDS.metrics).signal(pollNowSignal);
  for (;;) {
    const rows = await metricRows(world.orm);
    if (rows >= expectRows)
      return `${int(rows)} metric rows stored ${formatMs(Date.now() - started)} after the start`;
    if (Date.now() - started > 60_000) throw new Error(`metrics not ingested: ${rows} rows`);
    await sleep(200);
  }
}

async function ingest(opts: Options): Promise<Outcome> {
  return busyWorker(
    opts,
    'ingest',
    'the first metrics ingest',
    async () => undefined,
    async (world) => {
      serveFullFeeds(world.vrchat, nowMinute());
      return ingestNow(world, 1441 * METRIC_FEEDS.length);
    },
  );
}

async function catchUp(opts: Options): Promise<Outcome> {
  const end = nowMinute();
  let stored = 0;
  return busyWorker(
    opts,
    'catch-up',
    'the catch-up after a 24-hour feed outage',
    async (orm) => {
      // the day before the outage
      stored = await fillMetrics(orm, end - 2 * 1440, end - 1440);
    },
    async (world) => {
      serveFullFeeds(world.vrchat, end);
      return ingestNow(world, stored + 1440 * METRIC_FEEDS.length);
    },
  );
}

async function retention(opts: Options): Promise<Outcome> {
  const end = nowMinute();
  return busyWorker(
    opts,
    'retention',
    'a retention run over a 91-day database',
    async (orm) => {
      const rows = await fillMetrics(orm, end - 91 * 1440, end);
      log(`retention: ${int(rows)} metric rows over 91 days`);
    },
    async (world) => {
      const before = await metricRows(world.orm);
      const started = Date.now();
      await world.client.schedule.getHandle(RETENTION_SCHEDULE_ID).trigger();
      for (;;) {
        const rows = await metricRows(world.orm);
        // 90 days kept: one day (a little less, by the time the run starts) deleted
        if (before - rows >= 1430 * METRIC_FEEDS.length)
          return `retention deleted ${int(before - rows)} metric rows in ${formatMs(Date.now() - started)}`;
        if (Date.now() - started > 120_000) throw new Error(`retention deleted only ${before - rows} rows`);
        await sleep(200);
      }
    },
  );
}

async function priority(opts: Options): Promise<Outcome> {
  const counts = { guilds: Math.round(opts.crowd * 0.9), users: opts.crowd - Math.round(opts.crowd * 0.9) };
  const world = await startWorld(opts, 'priority', { ...counts, workers: 1 });
  try {
    await insertIncident(world.orm, 'benchurgent01');
    await sleep(1_500);
    const wire = watchWire(world);
    const crowdFact: AlertFact = {
      type: 'threshold',
      referenceId: thresholdReferenceId('login', new Date()),
      observedAt: new Date().toISOString(),
    };
    log(`priority: crowd-report alert to ${int(opts.crowd)}; the incident follows in 10 s`);
    const crowd = await startFanout(world, crowdFact);
    await sleep(10_000);
    const crowdBefore = world.discord.messages.length;
    const incident = await startFanout(world, {
      type: 'incident',
      referenceId: 'benchurgent01',
      observedAt: new Date().toISOString(),
    });
    const urgent = await delivered(world, incident, counts);
    log(`priority: incident done in ${seconds(urgent.wallMs)}; the crowd-report alert continues`);
    const crowdDone = await delivered(world, crowd, counts);
    await sleep(1_100);
    const crowdDuring = world.discord.messages.filter(
      (m) => m.at > urgent.firstAt && m.at < urgent.lastAt && !m.embeds[0]?.title?.includes('Instance joins'),
    ).length;
    return {
      scenario: 'priority',
      what: `incident to ${int(opts.crowd)} during a crowd-report alert to ${int(opts.crowd)}`,
      wallMs: urgent.wallMs,
      floorMs: (opts.crowd / DISCORD_PER_SECOND) * 1000,
      target: 1.1,
      ...wire.stats(),
      ...stallsOf(world),
      notes: [
        `incident: first message ${formatMs(urgent.firstAfterMs)} after its start (target 5 s)`,
        `crowd-report messages while the incident was sent: ${int(crowdDuring)}; before it: ${int(crowdBefore)}`,
        `crowd-report alert done ${seconds(crowdDone.wallMs)} after its start (floor of both: ${seconds((2 * opts.crowd * 1000) / DISCORD_PER_SECOND)})`,
      ],
    };
  } finally {
    await world.close();
  }
}

async function twoWorkers(opts: Options): Promise<Outcome> {
  const counts = {
    guilds: Math.round(opts.recipients * 0.9),
    users: opts.recipients - Math.round(opts.recipients * 0.9),
  };
  const world = await startWorld(opts, 'two-workers', { ...counts, workers: 2 });
  try {
    await insertIncident(world.orm, 'benchtwo00001');
    await insertIncident(world.orm, 'benchtwo00002');
    await sleep(1_500);
    const wire = watchWire(world);
    log(`two-workers: two incidents to ${int(opts.recipients)} each, at once, two workers`);
    const observedAt = new Date().toISOString();
    const runs = await Promise.all(
      ['benchtwo00001', 'benchtwo00002'].map((referenceId) =>
        startFanout(world, { type: 'incident', referenceId, observedAt }),
      ),
    );
    const done = await Promise.all(runs.map((r) => delivered(world, r, counts)));
    await sleep(1_100);
    const startedAt = Math.min(...runs.map((r) => r.startedAt));
    const stalls = stallsOf(world);
    return {
      scenario: 'two-workers',
      what: `two incidents to ${int(opts.recipients)} each, two workers`,
      wallMs: Math.max(...done.map((d) => d.doneAt)) - startedAt,
      floorMs: ((2 * opts.recipients) / DISCORD_PER_SECOND) * 1000,
      target: 1.1,
      ...wire.stats(),
      ...stalls,
      notes: [`pages served by: ${await pagesByWorker(world, runs)}`],
    };
  } finally {
    await world.close();
  }
}

/** Which delivery process (worker identity) ran each fan-out's pages, from their histories. */
async function pagesByWorker(world: World, runs: FanoutRun[]): Promise<string> {
  const by = new Map<string, number>();
  for (const run of runs) {
    const history = await world.client.workflow.getHandle(alertWorkflowId(run.fact)).fetchHistory();
    for (const e of history.events ?? []) {
      const identity = e.activityTaskStartedEventAttributes?.identity;
      if (identity) by.set(identity, (by.get(identity) ?? 0) + 1);
    }
  }
  return [...by].map(([identity, n]) => `${identity}: ${n} activities`).join(', ');
}

// --- report ---------------------------------------------------------------------------------------------

function report(outcomes: Outcome[]): string {
  const rows = outcomes.map((o) => {
    const ratio = o.wallMs / o.floorMs;
    const met = ratio <= o.target && o.global429 === 0 && o.busiestSecond <= DISCORD_PER_SECOND;
    return [
      o.scenario,
      seconds(o.wallMs),
      seconds(o.floorMs),
      `${ratio.toFixed(3)}x (target ${o.target.toFixed(2)}x)`,
      int(o.requests),
      String(o.global429),
      String(o.route429),
      String(o.busiestSecond),
      `${o.workerStalls.stalls} / ${formatMs(o.workerStalls.maxMs)}`,
      `${o.deliveryStalls.stalls} / ${formatMs(o.deliveryStalls.maxMs)}`,
      met ? 'yes' : 'no',
    ];
  });
  const right: Align[] = ['left', ...Array<Align>(10).fill('right')];
  return [
    `## Delivery under load — Node ${process.version}, fake Discord at ${DISCORD_PER_SECOND} requests/s`,
    '',
    renderTable(
      [
        'scenario',
        'wall time',
        'floor',
        'vs floor',
        'requests',
        'global 429',
        'route 429',
        'busiest second',
        'worker stalls ≥40 ms / longest',
        'delivery stalls ≥40 ms / longest',
        'met',
      ],
      rows,
      right,
    ),
    '',
    ...outcomes.map((o) => `- ${o.scenario} (${o.what}): ${o.notes.join('; ')}`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const opts = parseOptions();
  const run: Record<Scenario, (o: Options) => Promise<Outcome>> = {
    ingest,
    'catch-up': catchUp,
    retention,
    priority,
    'two-workers': twoWorkers,
  };
  const outcomes: Outcome[] = [];
  for (const scenario of opts.scenarios) {
    outcomes.push(await run[scenario](opts));
    log(`${scenario}: ${report(outcomes.slice(-1)).split('\n').slice(4, 5).join('')}`);
  }
  process.stdout.write(`${report(outcomes)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
