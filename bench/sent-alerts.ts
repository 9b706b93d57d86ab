/**
 * The already-sent lookup of one fan-out page (200 recipients: 150 servers, 50 DM users) against
 * a sent_alerts table that is empty and one that holds 1,000,000 rows (30 days of alerts to a large
 * install), on real migrated SQLite files. The page's alert has rows for half its recipients, so the
 * lookup returns 100 rows in both cases. Then the same against the big table without
 * idx_sent_alerts_alert, to show what the index saves.
 *
 * Run with `npm run bench:sent-alerts` (about a minute).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { alreadySentQuery } from '../src/alerts/deliver';
import type { Recipient } from '../src/contracts/alerts';
import { openMigratedOrm } from '../src/db/migrate';
import { formatMs, formatRatio, renderTable, summarize, type Summary } from './lib/stats';

const BIG_TABLE_ROWS = 1_000_000;
const RUNS = 200;
const WARMUP = 20;
const ALERT = { type: 'incident', referenceId: 'bench-incident' } as const;

const id = (n: number) => String(100000000000000000n + BigInt(n));
const page: Recipient[] = [
  ...Array.from({ length: 150 }, (_, i): Recipient => ({
    kind: 'guild',
    id: id(i),
    channelId: id(500_000 + i),
    language: null,
    locale: null,
  })),
  ...Array.from({ length: 50 }, (_, i): Recipient => ({
    kind: 'user',
    id: id(900_000 + i),
    dmChannelId: null,
    language: null,
    locale: null,
  })),
];

const exec = (orm: MikroORM, sql: string, params: unknown[] = []) =>
  orm.em.getConnection().execute(sql, params, 'run');

/** Half the page already holds the alert: every other recipient. */
async function insertPageRows(orm: MikroORM): Promise<void> {
  const now = Date.now();
  for (const [i, r] of page.entries()) {
    if (i % 2 !== 0) continue;
    await exec(
      orm,
      'insert into sent_alerts (guild_id, user_id, alert_type, reference_id, notified_at, created_at) values (?, ?, ?, ?, ?, ?)',
      [
        r.kind === 'guild' ? r.id : null,
        r.kind === 'user' ? r.id : null,
        ALERT.type,
        ALERT.referenceId,
        now,
        now,
      ],
    );
  }
}

/** 1,000,000 rows of other alerts: 100 alerts (5 types) to 10,000 recipients each (8,000 servers, 2,000 users). */
async function fillTable(orm: MikroORM): Promise<void> {
  const now = Date.now();
  await exec(
    orm,
    `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${BIG_TABLE_ROWS - 1})
     insert into sent_alerts (guild_id, user_id, alert_type, reference_id, notified_at, created_at)
     select case when i % 10000 < 8000 then cast(100000000000000000 + (i % 10000) as text) end,
            case when i % 10000 >= 8000 then cast(100000000000900000 + (i % 10000) as text) end,
            case (i / 10000) % 5 when 0 then 'incident' when 1 then 'incident_update' when 2 then 'status'
                               when 3 then 'metric' else 'threshold' end,
            'ref-' || (i / 10000), ?, ?
     from n`,
    [now, now],
  );
}

async function measure(orm: MikroORM): Promise<{ summary: Summary; plan: string }> {
  const plan = (await orm.em
    .getConnection()
    .execute(`explain query plan ${alreadySentQuery(orm.em.fork(), ALERT, page).getFormattedQuery()}`)) as {
    detail: string;
  }[];
  const times: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const started = performance.now();
    const found = await alreadySentQuery(orm.em.fork(), ALERT, page).getResultList();
    const ms = performance.now() - started;
    if (found.length !== page.length / 2)
      throw new Error(`lookup found ${found.length}, expected ${page.length / 2}`);
    if (run >= WARMUP) times.push(ms);
  }
  return { summary: summarize(times), plan: plan.map((row) => row.detail).join('; ') };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-bench-sent-'));
  try {
    const empty = (await openMigratedOrm(join(dir, 'empty.db'))).orm;
    await insertPageRows(empty);
    const big = (await openMigratedOrm(join(dir, 'big.db'))).orm;
    process.stderr.write(`filling sent_alerts with ${BIG_TABLE_ROWS.toLocaleString('en')} rows\n`);
    await fillTable(big);
    await insertPageRows(big);
    // No ANALYZE: VRCPulse never runs it, so the planner works without statistics, as in production.
    const [count] = (await big.em.getConnection().execute('select count(*) as n from sent_alerts')) as {
      n: number;
    }[];
    if (count?.n !== BIG_TABLE_ROWS + page.length / 2) throw new Error(`sent_alerts holds ${count?.n} rows`);

    const results: [string, { summary: Summary; plan: string }][] = [];
    results.push(['page lookup, empty table', await measure(empty)]);
    results.push([`page lookup, ${BIG_TABLE_ROWS.toLocaleString('en')} rows`, await measure(big)]);
    await exec(big, 'drop index idx_sent_alerts_alert');
    results.push([`same, without idx_sent_alerts_alert`, await measure(big)]);
    await empty.close();
    await big.close();

    const base = results[0]![1].summary.median;
    process.stdout.write(
      `## sent_alerts lookup of one 200-recipient page (Node ${process.version}; ${RUNS} runs after ${WARMUP} warm-up)\n\n` +
        renderTable(
          ['lookup', 'median', 'p95', 'median vs empty table', "SQLite's plan"],
          results.map(([name, { summary: s, plan }]) => [
            name,
            formatMs(s.median),
            formatMs(s.p95),
            formatRatio(s.median, base),
            plan,
          ]),
          ['left', 'right', 'right', 'right', 'left'],
        ) +
        '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
