/**
 * Dashboard render benchmark: the /status picture for the full 12-hour fixture, uncached and cached,
 * with the PNG's size.
 *
 * - canvas: `renderDashboard` (src/dashboard/dashboard.ts), Skia via @napi-rs/canvas; drawing on the
 *   calling thread, PNG encoding on libuv's thread pool (`canvas.encode`).
 * - cached: `createDashboardRenderer().render` for a key it already holds.
 *
 * The comparison with ECharts + resvg that chose the canvas renderer is recorded in
 * docs/benchmarks.md; its code left the repository with those two packages (they served nothing else).
 *
 * "Blocking" is the part of a render that runs on the calling thread (until the call returns its
 * promise): what a /status render costs the bot's event loop, which also serves the Discord gateway. The variants take turns (the order rotates
 * every round) so that drift on the machine hits them alike. Every output is decoded with pngjs and
 * must be DASHBOARD_WIDTH x DASHBOARD_HEIGHT, or the benchmark fails instead of timing it.
 *
 * Also measured: loadDashboardSeries on a real migrated SQLite file holding 24 h of all eight feeds
 * written by persistMetrics (the window's 12 h are half of it).
 *
 * Run with `npm run bench:render` (options: `npm run bench:render -- --help`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { persistMetrics } from '../src/polling/persist-metrics';
import { openMigratedOrm } from '../src/db/migrate';
import {
  createDashboardRenderer,
  DASHBOARD_HEIGHT,
  DASHBOARD_WIDTH,
  loadDashboardSeries,
} from '../src/dashboard/index';
import { renderDashboard } from '../src/dashboard/dashboard';
import type { DashboardInput } from '../src/dashboard/types';
import { METRIC_FEEDS } from '../src/vrchat';
import { FIXTURE_NOW, fixtureSeries, fixtureValue, HOUR_MS, MINUTE_MS } from '../test/dashboard/fixtures';
import {
  formatBytes,
  formatMs,
  formatRatio,
  renderTable,
  summarize,
  type Align,
  type Summary,
} from './lib/stats';

const TARGET_MEDIAN_MS = 150;
const TARGET_PNG_BYTES = 1024 * 1024;

const USAGE = `Usage: npm run bench:render -- [options]
  --runs N        measured renders per variant (default 50)
  --warmup N      unmeasured renders per variant first (default 5)
  --save FILE     also write the canvas render of the full fixture (English) to FILE`;

interface Variant {
  name: string;
  /** Starts a render; `blocking` is the calling-thread time until it handed off. */
  run(): Promise<{ png: Buffer; blocking: number }>;
}

function checkPng(name: string, png: Buffer): void {
  const decoded = PNG.sync.read(png);
  if (decoded.width !== DASHBOARD_WIDTH || decoded.height !== DASHBOARD_HEIGHT) {
    throw new Error(`${name}: PNG is ${decoded.width}x${decoded.height}`);
  }
}

/** `1.19x`, or `1/970` for a cache hit, where two decimals would print 0.00x. */
function vsCanvas(value: number, canvas: number): string {
  const r = value / canvas;
  return r >= 0.01 ? formatRatio(value, canvas) : `1/${Math.round(1 / r)}`;
}

async function measure(variants: Variant[], runs: number, warmup: number) {
  const samples = new Map(
    variants.map((v) => [v.name, { total: [] as number[], blocking: [] as number[], bytes: 0 }]),
  );
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length] as Variant;
      const start = performance.now();
      const { png, blocking } = await variant.run();
      const total = performance.now() - start;
      if (round === 0) checkPng(variant.name, png);
      if (round < warmup) continue;
      const s = samples.get(variant.name)!;
      s.total.push(total);
      s.blocking.push(blocking);
      s.bytes = png.length;
    }
  }
  return new Map(
    [...samples].map(([name, s]) => [
      name,
      { total: summarize(s.total), blocking: summarize(s.blocking), bytes: s.bytes },
    ]),
  );
}

async function measureQuery(runs: number, warmup: number): Promise<{ summary: Summary; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-bench-render-'));
  const { orm } = await openMigratedOrm(join(dir, 'bench.db'));
  try {
    const now = FIXTURE_NOW.getTime();
    const feeds = METRIC_FEEDS.map((feed) => {
      const points = [];
      for (let t = now - 24 * HOUR_MS + MINUTE_MS; t <= now; t += MINUTE_MS) {
        points.push({ timestamp: new Date(t), value: fixtureValue(feed.name, t) / feed.scale });
      }
      return { name: feed.name, points };
    });
    await orm.em.fork().transactional((em) => persistMetrics(em, feeds, FIXTURE_NOW));
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < warmup + runs; i++) {
      const start = performance.now();
      const data = await loadDashboardSeries(orm.em.fork(), FIXTURE_NOW);
      const ms = performance.now() - start;
      rows = Object.values(data.series).reduce((n, s) => n + s.length, 0);
      if (rows !== 8 * 720) throw new Error(`loadDashboardSeries read ${rows} rows, expected ${8 * 720}`);
      if (i >= warmup) times.push(ms);
    }
    return { summary: summarize(times), rows };
  } finally {
    await orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '5' },
      save: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new RangeError(`--runs must be >= 1, got ${values.runs}`);
  if (!Number.isSafeInteger(warmup) || warmup < 0) throw new RangeError(`--warmup must be >= 0`);

  // a new object per render, as /status gets from loadDashboardSeries each time
  const input = (): DashboardInput => ({ now: FIXTURE_NOW, language: 'en', series: fixtureSeries() });
  const points = Object.values(input().series).reduce((n, s) => n + s.length, 0);
  const cache = createDashboardRenderer();
  const cachedRequest = { ...input(), dataVersion: 'bench' };
  await cache.render(cachedRequest);

  const variants: Variant[] = [
    {
      name: 'canvas (@napi-rs/canvas)',
      async run() {
        const start = performance.now();
        const pending = renderDashboard(input());
        const blocking = performance.now() - start;
        return { png: await pending, blocking };
      },
    },
    {
      name: 'canvas, cached (hit)',
      async run() {
        const start = performance.now();
        const pending = cache.render(cachedRequest);
        const blocking = performance.now() - start;
        return { png: await pending, blocking };
      },
    },
  ];

  process.stderr.write(
    `rendering ${points} points, ${warmup} + ${runs} rounds of ${variants.length} variants\n`,
  );
  const results = await measure(variants, runs, warmup);
  const stats = cache.stats();
  if (stats.renders !== 1) throw new Error(`cache rendered ${stats.renders} times, expected 1`);

  const base = results.get('canvas (@napi-rs/canvas)')!;
  const align: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];
  const rows = [...results].map(([name, r]) => [
    name,
    String(r.total.n),
    formatMs(r.total.median),
    formatMs(r.total.p95),
    formatMs(r.blocking.median),
    formatBytes(r.bytes),
    vsCanvas(r.total.median, base.total.median),
    `${formatRatio(r.total.median, TARGET_MEDIAN_MS)} of ${TARGET_MEDIAN_MS} ms`,
  ]);
  process.stdout.write(
    `\n### Render, full 12 h fixture (${points} points, ${DASHBOARD_WIDTH}x${DASHBOARD_HEIGHT})\n\n` +
      renderTable(
        ['variant', 'n', 'median', 'p95', 'blocking (median)', 'PNG', 'median vs canvas', 'median vs target'],
        rows,
        align,
      ) +
      '\n',
  );
  const oversize = [...results].filter(([, r]) => r.bytes > TARGET_PNG_BYTES).map(([n]) => n);
  process.stdout.write(
    `\nPNG target (< ${formatBytes(TARGET_PNG_BYTES)}): ${oversize.length === 0 ? 'met by all' : `missed by ${oversize.join(', ')}`}\n`,
  );

  const query = await measureQuery(runs, warmup);
  process.stdout.write(
    `\n### loadDashboardSeries (24 h in the table, ${query.rows} rows in the window)\n\n` +
      renderTable(
        ['query', 'n', 'median', 'p95'],
        [
          [
            'loadDashboardSeries',
            String(query.summary.n),
            formatMs(query.summary.median),
            formatMs(query.summary.p95),
          ],
        ],
        ['left', 'right', 'right', 'right'],
      ) +
      '\n',
  );

  if (values.save) writeFileSync(values.save, await renderDashboard(input()));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
