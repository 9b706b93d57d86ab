/**
 * Metrics-ingest benchmark (collection issue): how long the metrics cycle takes and how fast
 * metric_logs grows, against real SQLite files (WAL, as createOrm configures them) in a temp folder
 * and, end to end, real HTTP from the local fake of VRChat's CloudFront host.
 *
 *   a. first ingest: 8 feeds x 1441 points into an empty, freshly migrated database
 *   b. steady state: every point already stored except the newest one per feed (the feeds move on
 *      by one minute per cycle, like the real 24 h windows)
 *   c. growth: 24 h of 1-minute points for all 8 feeds, as 1440 steady-state cycles; bytes per row
 *      and per day, extrapolated to the 90-day retention and checked against a database filled to
 *      90 days in the same insertion order
 *
 * "database time" is the transaction collectMetrics runs, `orm.em.fork().transactional((em) =>
 * persistMetrics(em, fetched, now))`, on feeds parsed beforehand. "end to end" runs the collectMetrics
 * activity itself (createCollectActivities, in Temporal's MockActivityEnvironment so its heartbeat has
 * a Context): 8 concurrent GETs to the fake server, parsing, the same transaction.
 *
 * Run with `npm run bench` (options: `npm run bench -- --help`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MikroORM, SqliteConnection } from '@mikro-orm/sqlite';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createCollectActivities } from '../src/polling/activities';
import { METRIC_INTERVAL_SECONDS, persistMetrics, type FetchedFeed } from '../src/polling/persist-metrics';
import { openMigratedOrm } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { METRIC_FEEDS, createVrchatClient, parseMetricFeed, type MetricName } from '../src/vrchat';
import { metricFeed } from '../test/fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../test/fakes/vrchat-server';
import { measureDatabase, type DatabaseSize } from './lib/sqlite-size';
import {
  formatBytes,
  formatMs,
  formatRatio,
  renderTable,
  summarize,
  timed,
  type Align,
  type Summary,
} from './lib/stats';
import {
  preparedStatementInsert,
  queryBuilderInsert,
  rawSqlInsert,
  type PersistFn,
} from './metrics-ingest-variants';

// --- targets from the collection issue -------------------------------------------------------------

const TARGET_FIRST_INGEST_MS = 500;
const TARGET_STEADY_STATE_MS = 50;
const RETENTION_DAYS = 90;

// --- the simulated feeds ---------------------------------------------------------------------------

/** Points per feed and poll: 24 h of minutes, both ends included, like the real feeds. */
const WINDOW_POINTS = 1441;
const MINUTES_PER_DAY = 1440;
/**
 * Start of the first window (unix seconds, on a minute): 90 days and 2 hours ago, so the database
 * filled to 90 days ends 2 hours before the real "now" the collect activity uses, and its ~100
 * steady-state cycles (one minute each) then bring it up to now. So the 90-day steady state also
 * derives metric facts from the last hours of data, as in production; the earlier phases' data is
 * older than the facts' lookback, so they measure storage alone.
 */
const T0 = Math.floor(Date.now() / 60_000) * 60 - 90 * 86_400 - 2 * 3600;

/** Deterministic noise in [0, 1) per feed and minute (a 32-bit integer hash), so overlapping windows agree. */
function noise(feed: number, minute: number): number {
  let h = Math.imul(feed + 1, 0x9e3779b1) ^ Math.imul(minute + 0x632be5ab, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
}

/**
 * A plausible value as the feed would send it (latency in seconds, visits and counts as integers,
 * request level and ratios as fractions), with a daily cycle. Integer-valued doubles take less room in
 * SQLite than fractional ones, so the mix matters for the growth numbers.
 */
function feedValue(name: MetricName, feed: number, minute: number): number {
  const day = Math.sin((2 * Math.PI * minute) / MINUTES_PER_DAY);
  const n = noise(feed, minute);
  switch (name) {
    case 'api_latency':
      return 0.12 + 0.04 * day + 0.05 * n;
    case 'visits':
      return Math.round(52_000 + 18_000 * day + 3_000 * n);
    case 'api_requests':
      return 2_400 + 900 * day + 250 * n;
    case 'extauth_steam_count':
    case 'extauth_oculus_count':
      return Math.round(600 + 200 * day + 80 * n);
    case 'api_errors':
    case 'extauth_steam':
    case 'extauth_oculus':
      return 0.002 + 0.004 * n;
  }
}

/** Cycle k's window: minutes k .. k+1440 after T0. */
function feedPayload(feed: number, cycle: number): [number, number][] {
  const { name } = METRIC_FEEDS[feed] as (typeof METRIC_FEEDS)[number];
  const values = Array.from({ length: WINDOW_POINTS }, (_, i) => feedValue(name, feed, cycle + i));
  return metricFeed(T0 + cycle * METRIC_INTERVAL_SECONDS, values);
}

/** What collectMetrics hands to persistMetrics for cycle k, parsed by the real parser. */
function fetchedFeeds(cycle: number): FetchedFeed[] {
  return METRIC_FEEDS.map((f, i) => ({
    name: f.name,
    points: parseMetricFeed(feedPayload(i, cycle), `GET ${f.path}`).points,
  }));
}

/**
 * Scripts the fake CloudFront host with cycle k's eight feeds. The bodies are serialised here, once,
 * so the in-process server's JSON.stringify is not billed to the cycle (CloudFront does that work in
 * reality); the client ignores Content-Type, so the text/plain the fake then sends changes nothing.
 */
function serveCycle(fake: FakeVrchat, cycle: number): void {
  METRIC_FEEDS.forEach((f, i) => fake.set(f.path, JSON.stringify(feedPayload(i, cycle))));
}

// --- plumbing ---------------------------------------------------------------------------------------

interface BenchDb {
  orm: MikroORM;
  path: string;
  close(): Promise<void>;
}

async function openBenchDb(parent: string): Promise<BenchDb> {
  const dir = mkdtempSync(join(parent, 'vrcpulse-bench-'));
  const path = join(dir, 'vrcpulse.db');
  const { orm } = await openMigratedOrm(path);
  return {
    orm,
    path,
    close: async () => {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The database part of collectMetrics, with the insert strategy as a parameter. */
function dbCycle(orm: MikroORM, persist: PersistFn, feeds: FetchedFeed[]): Promise<Record<string, number>> {
  const now = new Date();
  return orm.em
    .fork()
    .transactional((em) => persist(em, feeds, now))
    .then((persisted) => persisted.written);
}

function expectWritten(label: string, written: Record<string, number>, perFeed: number): void {
  const expected = Object.fromEntries(METRIC_FEEDS.map((f) => [`metric_logs_inserted.${f.name}`, perFeed]));
  if (JSON.stringify(written) !== JSON.stringify(expected)) {
    throw new Error(`${label}: wrote ${JSON.stringify(written)}, expected ${perFeed} row(s) per feed`);
  }
}

/** A fingerprint of metric_logs minus created_at, to prove every variant stores the same rows. */
async function fingerprint(orm: MikroORM): Promise<string> {
  const rows = await orm.em.getConnection().execute<Record<string, unknown>[]>(
    `select count(*) as n, count(distinct metric_name) as feeds, sum(value) as v, sum(timestamp) as t,
              group_concat(distinct unit) as units, sum(interval_sec) as iv from metric_logs`,
  );
  return JSON.stringify(rows[0]);
}

async function countRows(orm: MikroORM): Promise<number> {
  const rows = await orm.em.getConnection().execute<{ n: number }[]>('select count(*) as n from metric_logs');
  return rows[0]?.n ?? 0;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

interface Variant {
  label: string;
  persist: PersistFn;
}

/** The current code first: every ratio in the comparison is relative to it. */
const VARIANTS: Variant[] = [
  { label: 'persistMetrics (query builder, 1000 rows/INSERT)', persist: persistMetrics },
  { label: 'query builder, 250 rows/INSERT', persist: queryBuilderInsert(250) },
  { label: 'query builder, 4000 rows/INSERT', persist: queryBuilderInsert(4000) },
  { label: 'raw SQL via em connection, 1000 rows/INSERT', persist: rawSqlInsert(1000) },
  { label: 'prepared statement (better-sqlite3), 1 row/run', persist: preparedStatementInsert() },
];

interface Activity {
  run(): Promise<{ written: Record<string, number>; warnings: string[] }>;
}

function collectMetricsActivity(orm: MikroORM, fake: FakeVrchat): Activity {
  const logger = createLogger({ level: 'warn', destination: process.stderr, name: 'bench' });
  const vrchat = createVrchatClient({
    statusBaseUrl: fake.statusBaseUrl,
    metricsBaseUrl: fake.metricsBaseUrl,
  });
  const { collectMetrics } = createCollectActivities({ orm, vrchat, logger });
  const env = new MockActivityEnvironment();
  return { run: () => env.run(collectMetrics) };
}

async function e2eCycle(activity: Activity, perFeed: number): Promise<number> {
  const { ms, result } = await timed(() => activity.run());
  if (result.warnings.length > 0) throw new Error(`collectMetrics warned: ${result.warnings.join('; ')}`);
  expectWritten('collectMetrics', result.written, perFeed);
  return ms;
}

// --- a. first ingest --------------------------------------------------------------------------------

async function firstIngest(
  opts: Options,
  fake: FakeVrchat,
): Promise<{ db: Map<string, number[]>; e2e: number[] }> {
  const feeds = fetchedFeeds(0);
  const db = new Map<string, number[]>(VARIANTS.map((v) => [v.label, []]));
  const e2e: number[] = [];
  let reference: string | undefined;
  serveCycle(fake, 0);
  for (let run = -opts.warmup; run < opts.runs; run++) {
    // rotate the order so no variant always runs first (or right after the end-to-end run)
    const order = VARIANTS.map((_, i) => VARIANTS[(i + run + opts.warmup) % VARIANTS.length] as Variant);
    for (const variant of order) {
      const bench = await openBenchDb(opts.dir);
      try {
        const { ms, result } = await timed(() => dbCycle(bench.orm, variant.persist, feeds));
        expectWritten(variant.label, result, WINDOW_POINTS);
        const print = await fingerprint(bench.orm);
        reference ??= print;
        if (print !== reference)
          throw new Error(`${variant.label} stored different rows: ${print} vs ${reference}`);
        if (run >= 0) db.get(variant.label)?.push(ms);
      } finally {
        await bench.close();
      }
    }
    const bench = await openBenchDb(opts.dir);
    try {
      const activity = collectMetricsActivity(bench.orm, fake);
      const ms = await e2eCycle(activity, WINDOW_POINTS);
      if ((await fingerprint(bench.orm)) !== reference)
        throw new Error('collectMetrics stored different rows');
      if (run >= 0) e2e.push(ms);
    } finally {
      await bench.close();
    }
    log(
      run < 0
        ? `first ingest: warm-up ${run + opts.warmup + 1}/${opts.warmup}`
        : `first ingest: run ${run + 1}/${opts.runs}`,
    );
  }
  return { db, e2e };
}

// --- b. steady state --------------------------------------------------------------------------------

async function steadyState(
  opts: Options,
  fake: FakeVrchat,
): Promise<{ db: Map<string, number[]>; e2e: number[] }> {
  const initial = fetchedFeeds(0);
  const dbs = new Map<string, BenchDb>();
  const db = new Map<string, number[]>(VARIANTS.map((v) => [v.label, []]));
  const e2e: number[] = [];
  const e2eDb = await openBenchDb(opts.dir);
  try {
    for (const variant of VARIANTS) {
      const bench = await openBenchDb(opts.dir);
      dbs.set(variant.label, bench);
      await dbCycle(bench.orm, persistMetrics, initial);
    }
    await dbCycle(e2eDb.orm, persistMetrics, initial);
    const activity = collectMetricsActivity(e2eDb.orm, fake);
    for (let cycle = 1; cycle <= opts.warmup + opts.cycles; cycle++) {
      const measured = cycle > opts.warmup;
      const feeds = fetchedFeeds(cycle);
      const order = VARIANTS.map((_, i) => VARIANTS[(i + cycle) % VARIANTS.length] as Variant);
      for (const variant of order) {
        const bench = dbs.get(variant.label) as BenchDb;
        const { ms, result } = await timed(() => dbCycle(bench.orm, variant.persist, feeds));
        expectWritten(variant.label, result, 1);
        if (measured) db.get(variant.label)?.push(ms);
      }
      serveCycle(fake, cycle);
      const ms = await e2eCycle(activity, 1);
      if (measured) e2e.push(ms);
    }
    const reference = await fingerprint(e2eDb.orm);
    for (const [label, bench] of dbs) {
      if ((await fingerprint(bench.orm)) !== reference) throw new Error(`${label} stored different rows`);
    }
    log(`steady state: ${opts.cycles} cycles (+${opts.warmup} warm-up) per variant`);
  } finally {
    await e2eDb.close();
    for (const bench of dbs.values()) await bench.close();
  }
  return { db, e2e };
}

// --- c. growth --------------------------------------------------------------------------------------

interface GrowthResult {
  start: DatabaseSize;
  startRows: number;
  days: { size: DatabaseSize; rows: number; cycleMs: Summary }[];
  full?: { size: DatabaseSize; rows: number; days: number; steady: Summary; e2e: Summary };
}

async function growth(opts: Options, fake: FakeVrchat): Promise<GrowthResult> {
  const bench = await openBenchDb(opts.dir);
  try {
    await dbCycle(bench.orm, persistMetrics, fetchedFeeds(0));
    const start = await measureDatabase(bench.orm, bench.path);
    const startRows = await countRows(bench.orm);
    const days: GrowthResult['days'] = [];
    let cycle = 0;
    for (let day = 1; day <= opts.growthDays; day++) {
      const samples: number[] = [];
      for (let i = 0; i < MINUTES_PER_DAY; i++) {
        cycle++;
        const feeds = fetchedFeeds(cycle);
        const { ms, result } = await timed(() => dbCycle(bench.orm, persistMetrics, feeds));
        expectWritten('growth', result, 1);
        samples.push(ms);
      }
      days.push({
        size: await measureDatabase(bench.orm, bench.path),
        rows: await countRows(bench.orm),
        cycleMs: summarize(samples),
      });
      log(`growth: day ${day}/${opts.growthDays}`);
    }
    const result: GrowthResult = { start, startRows, days };
    if (opts.full) result.full = await fillToRetention(opts, fake, bench, cycle);
    return result;
  } finally {
    await bench.close();
  }
}

/**
 * Continues the growth database up to RETENTION_DAYS of history, writing the rows persistMetrics
 * would write in the same order (minute by minute, the eight feeds in turn, so the index pages split
 * the same way) but through one prepared statement per day instead of 1440 cycles; then measures the
 * size and runs steady-state cycles, database-only and end to end, on the full database.
 */
async function fillToRetention(
  opts: Options,
  fake: FakeVrchat,
  bench: BenchDb,
  lastCycle: number,
): Promise<NonNullable<GrowthResult['full']>> {
  const db = await (bench.orm.em.getConnection() as SqliteConnection).getNativeClient();
  const insert = db.prepare(
    `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at)
     values (?, ?, ?, ?, ?, ?) on conflict (metric_name, timestamp) do nothing`,
  );
  // the newest stored minute is lastCycle + 1440; the database is full once it spans RETENTION_DAYS
  const targetCycle = RETENTION_DAYS * MINUTES_PER_DAY - WINDOW_POINTS;
  const fillDay = db.transaction((from: number, to: number) => {
    for (let cycle = from; cycle <= to; cycle++) {
      const minute = cycle + WINDOW_POINTS - 1;
      const ts = (T0 + minute * METRIC_INTERVAL_SECONDS) * 1000;
      METRIC_FEEDS.forEach((f, i) => {
        insert.run(
          f.name,
          feedValue(f.name, i, minute) * f.scale,
          f.unit,
          METRIC_INTERVAL_SECONDS,
          ts,
          ts + 30_000,
        );
      });
    }
  });
  for (let from = lastCycle + 1; from <= targetCycle; from += MINUTES_PER_DAY) {
    fillDay(from, Math.min(targetCycle, from + MINUTES_PER_DAY - 1));
    // let timers run: a long-blocked loop races the fake server's keep-alive timeout against the
    // client's next request on the same socket (ECONNRESET)
    await new Promise((resolve) => setImmediate(resolve));
  }
  const size = await measureDatabase(bench.orm, bench.path);
  const rows = await countRows(bench.orm);
  const steady: number[] = [];
  const e2e: number[] = [];
  const activity = collectMetricsActivity(bench.orm, fake);
  let cycle = targetCycle;
  for (let i = 0; i < opts.warmup + opts.cycles; i++) {
    const measured = i >= opts.warmup;
    cycle++;
    const { ms, result } = await timed(() => dbCycle(bench.orm, persistMetrics, fetchedFeeds(cycle)));
    expectWritten('steady state at 90 days', result, 1);
    if (measured) steady.push(ms);
    cycle++;
    serveCycle(fake, cycle);
    const e2eMs = await e2eCycle(activity, 1);
    if (measured) e2e.push(e2eMs);
  }
  log(`growth: filled to ${RETENTION_DAYS} days (${rows} rows) and ran ${opts.cycles} cycles on it`);
  return { size, rows, days: RETENTION_DAYS, steady: summarize(steady), e2e: summarize(e2e) };
}

// --- report -----------------------------------------------------------------------------------------

const RIGHT: Align[] = ['left', 'right', 'right', 'right', 'right', 'right'];

function timingRow(label: string, s: Summary, target?: number): string[] {
  return [
    label,
    String(s.n),
    formatMs(s.median),
    formatMs(s.p95),
    target === undefined ? '' : `${formatRatio(s.median, target)} of ${target} ms`,
    target === undefined ? '' : `${formatRatio(s.p95, target)} of ${target} ms`,
  ];
}

function report(
  opts: Options,
  first: { db: Map<string, number[]>; e2e: number[] },
  steady: { db: Map<string, number[]>; e2e: number[] },
  grown: GrowthResult,
): string {
  const out: string[] = [];
  const current = VARIANTS[0] as Variant;
  const firstDb = summarize(first.db.get(current.label) ?? []);
  const steadyDb = summarize(steady.db.get(current.label) ?? []);
  out.push(
    `## Metrics ingest (${METRIC_FEEDS.length} feeds x ${WINDOW_POINTS} points) — Node ${process.version}, ${opts.runs} first-ingest runs, ${opts.cycles} steady-state cycles`,
    '',
    renderTable(
      ['scenario', 'n', 'median', 'p95', 'median vs target', 'p95 vs target'],
      [
        timingRow('a. first ingest, database time', firstDb, TARGET_FIRST_INGEST_MS),
        timingRow('a. first ingest, end to end', summarize(first.e2e), TARGET_FIRST_INGEST_MS),
        timingRow('b. steady state, database time', steadyDb, TARGET_STEADY_STATE_MS),
        timingRow('b. steady state, end to end', summarize(steady.e2e), TARGET_STEADY_STATE_MS),
        ...(grown.days[0]
          ? [
              timingRow(
                'c. steady state during day 1 of growth, database time',
                grown.days[0].cycleMs,
                TARGET_STEADY_STATE_MS,
              ),
            ]
          : []),
        ...(grown.full
          ? [
              timingRow(
                `b'. steady state on a ${grown.full.days}-day database, database time`,
                grown.full.steady,
                TARGET_STEADY_STATE_MS,
              ),
              timingRow(
                `b'. steady state on a ${grown.full.days}-day database, end to end`,
                grown.full.e2e,
                TARGET_STEADY_STATE_MS,
              ),
            ]
          : []),
      ],
      RIGHT,
    ),
    '',
  );

  const compare = (title: string, samples: Map<string, number[]>) => {
    const base = summarize(samples.get(current.label) ?? []);
    return [
      title,
      '',
      renderTable(
        ['insert strategy', 'n', 'median', 'p95', 'median vs current', 'p95 vs current'],
        VARIANTS.map((v) => {
          const s = summarize(samples.get(v.label) ?? []);
          return [
            v.label,
            String(s.n),
            formatMs(s.median),
            formatMs(s.p95),
            formatRatio(s.median, base.median),
            formatRatio(s.p95, base.p95),
          ];
        }),
        RIGHT,
      ),
      '',
    ];
  };
  out.push(
    ...compare(
      '### Insert strategies: first ingest, database time (same run, fresh database each)',
      first.db,
    ),
    ...compare('### Insert strategies: steady state, database time (same run, one database each)', steady.db),
  );

  const rowsPerDay = METRIC_FEEDS.length * MINUTES_PER_DAY;
  const growthRows: string[][] = [];
  let prev = { size: grown.start, rows: grown.startRows };
  grown.days.forEach((d, i) => {
    const rows = d.rows - prev.rows;
    const file = d.size.fileBytes - prev.size.fileBytes;
    const pages = d.size.pageBytes - prev.size.pageBytes;
    growthRows.push([
      `day ${i + 1}`,
      rows.toLocaleString('en-US'),
      formatBytes(file),
      formatBytes(pages),
      `${(pages / rows).toFixed(1)} B`,
      formatBytes(d.size.fileBytes),
    ]);
    prev = d;
  });
  const last = grown.days[grown.days.length - 1];
  out.push(
    `### c. Growth (${rowsPerDay.toLocaleString('en-US')} rows a day; sizes after a TRUNCATE checkpoint, so the WAL is empty)`,
    '',
    `After the first ingest: ${grown.startRows.toLocaleString('en-US')} rows, file ${formatBytes(grown.start.fileBytes)} (page_count*page_size ${formatBytes(grown.start.pageBytes)}, page size ${grown.start.pageSize} B).`,
    '',
    renderTable(
      ['period', 'rows added', 'file growth', 'page growth', 'bytes/row', 'file size after'],
      growthRows,
      RIGHT,
    ),
    '',
  );
  if (last) {
    const rows = last.rows - grown.startRows;
    const perRow = (last.size.pageBytes - grown.start.pageBytes) / rows;
    const perDay = perRow * rowsPerDay;
    const projected = grown.start.pageBytes + perRow * (RETENTION_DAYS * rowsPerDay - grown.startRows);
    out.push(
      `Per day: ${formatBytes(perDay)} (${perRow.toFixed(1)} B/row over ${rows.toLocaleString('en-US')} rows). ` +
        `Extrapolated to ${RETENTION_DAYS} days (${(RETENTION_DAYS * rowsPerDay).toLocaleString('en-US')} rows): ${formatBytes(projected)}.`,
    );
    if (grown.full) {
      out.push(
        '',
        `Measured at ${grown.full.days} days (${grown.full.rows.toLocaleString('en-US')} rows, filled in ingestion order): ` +
          `file ${formatBytes(grown.full.size.fileBytes)}, page_count*page_size ${formatBytes(grown.full.size.pageBytes)} ` +
          `(${(grown.full.size.pageBytes / grown.full.rows).toFixed(1)} B/row; ${formatRatio(grown.full.size.pageBytes, projected)} of the extrapolation).`,
      );
      const objects = grown.full.size.byObject;
      if (objects) {
        out.push(
          '',
          `Where it goes at ${grown.full.days} days: ` +
            Object.entries(objects)
              .filter(([, bytes]) => bytes >= 64 * 1024)
              .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
              .join(', ') +
            '.',
        );
      }
    }
  }
  return out.join('\n');
}

// --- main -------------------------------------------------------------------------------------------

interface Options {
  runs: number;
  cycles: number;
  warmup: number;
  growthDays: number;
  full: boolean;
  dir: string;
}

const USAGE = `npm run bench -- [options]
  --runs N         first-ingest runs per variant, each on a fresh database (default 15)
  --cycles N       steady-state cycles per variant (default 50)
  --warmup N       unmeasured runs/cycles before each series (default 2)
  --growth-days N  simulated days of 1440 steady-state cycles (default 1)
  --no-full        skip filling the database to ${RETENTION_DAYS} days
  --dir PATH       parent folder of the temp databases (default: the OS temp folder)`;

function options(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '15' },
      cycles: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '2' },
      'growth-days': { type: 'string', default: '1' },
      'no-full': { type: 'boolean', default: false },
      dir: { type: 'string', default: tmpdir() },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const int = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min)
      throw new RangeError(`--${name} must be an integer >= ${min}, got ${value}`);
    return n;
  };
  return {
    runs: int('runs', values.runs, 1),
    cycles: int('cycles', values.cycles, 1),
    warmup: int('warmup', values.warmup, 0),
    growthDays: int('growth-days', values['growth-days'], 1),
    full: !values['no-full'],
    dir: values.dir,
  };
}

async function main(): Promise<void> {
  const opts = options();
  const fake = await startFakeVrchat();
  try {
    const started = performance.now();
    const first = await firstIngest(opts, fake);
    const steady = await steadyState(opts, fake);
    const grown = await growth(opts, fake);
    process.stdout.write(`${report(opts, first, steady, grown)}\n`);
    log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await fake.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
