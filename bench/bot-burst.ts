/**
 * /report burst benchmark (bot issue): players file /report through the gateway faster and faster,
 * against VRCPulse as `npm start` runs it with a token (worker and bot in one process,
 * `node dist/src/main.js`), a Temporal dev server from the installed CLI, a migrated SQLite file,
 * and the local fake of Discord (REST + gateway). For each interaction the fake records when the
 * bot acknowledged it (the deferred reply; Discord's limit is 3 s) and when the final answer (the
 * edit with the workflow's answer) arrived, both measured from INTERACTION_CREATE.
 *
 * Rates: the 200 interactions in 10 s (20/s), then 200 in 5 s and 200 in 2 s (40/s, 100/s)
 * to see where the answers start to queue. Every interaction is from a new player, so each one is
 * accepted (no cooldown) and each is a real report workflow with its activity and threshold alert.
 *
 * Run with `npm run bench:bot` (about a minute).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedOrm } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { fakeSnowflake, type FakeDiscord } from '../test/fakes/discord-server';
import { registerRecipients } from '../test/harness/registrations';
import { startAppStack } from './lib/app-process';
import { formatMs, renderTable, summarize, type Align } from './lib/stats';

const TOKEN = 'bench-bot-token-0000000000000000000000';
const NAMESPACE = 'default';
const BURSTS = [
  { count: 200, overMs: 10_000 },
  { count: 200, overMs: 5_000 },
  { count: 200, overMs: 2_000 },
];
const ACK_LIMIT_MS = 3000;
const TYPES = ['login', 'instance', 'api', 'auth', 'download', 'other'];

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BurstResult {
  label: string;
  acks: number[];
  answers: number[];
  lateAcks: number;
  failed: number;
}

async function burst(
  discord: FakeDiscord,
  guildId: string,
  count: number,
  overMs: number,
): Promise<BurstResult> {
  const ids: string[] = [];
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    await sleep(Math.max(0, started + (i * overMs) / count - Date.now()));
    ids.push(
      discord.gateway.dispatchInteraction({
        commandName: 'report',
        place: { kind: 'guild', guildId },
        user: { id: fakeSnowflake() },
        options: { type: TYPES[i % TYPES.length]! },
      }).id,
    );
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const pending = ids.filter((id) => discord.interactionResponses(id).edits.length === 0);
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(50);
  }
  const acks: number[] = [];
  const answers: number[] = [];
  let lateAcks = 0;
  let failed = 0;
  for (const id of ids) {
    const r = discord.interactionResponses(id);
    if (r.callback && r.callback.status < 300) acks.push(r.callback.afterMs);
    else lateAcks++;
    const edit = r.edits[0];
    if (edit && /report is in/.test(r.original?.content ?? '')) answers.push(edit.afterMs);
    else failed++;
  }
  return {
    label: `${count} in ${overMs / 1000} s (${Math.round((count * 1000) / overMs)}/s)`,
    acks,
    answers,
    lateAcks,
    failed,
  };
}

function report(results: BurstResult[]): string {
  const align: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];
  const rows = results.map((r) => {
    const ack = summarize(r.acks);
    const answer = summarize(r.answers);
    return [
      r.label,
      formatMs(ack.median),
      formatMs(ack.p95),
      formatMs(ack.max),
      formatMs(answer.median),
      formatMs(answer.p95),
      formatMs(answer.max),
      `${r.lateAcks} / ${r.failed}`,
    ];
  });
  return [
    `## /report bursts through the gateway (Node ${process.version}; ack limit ${ACK_LIMIT_MS} ms)`,
    '',
    renderTable(
      [
        'burst',
        'ack median',
        'ack p95',
        'ack max',
        'answer median',
        'answer p95',
        'answer max',
        'late acks / unanswered',
      ],
      rows,
      align,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-bench-bot-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  const logger = createLogger({ level: 'warn', name: 'bench' });
  try {
    const databasePath = join(dir, 'vrcpulse.db');
    const { orm } = await openMigratedOrm(databasePath);
    const guildId = fakeSnowflake();
    await registerRecipients(orm, { guilds: [{ guildId, channelId: fakeSnowflake() }] });
    // Alerts would be posted in the fake too; keep the threshold out of reach so they do not add load.
    await orm.em
      .getConnection()
      .execute(`update bot_config set value = '100000' where key = 'report_threshold'`);
    await orm.close();

    const { discord } = await startAppStack(
      { cwd: dir, databasePath, guildIds: [guildId], token: TOKEN, namespace: NAMESPACE, logger },
      cleanups,
    );
    log('VRCPulse is up');

    // Warm-up: a few reports so bundles, JITs and connections are warm.
    await burst(discord, guildId, 20, 2_000);
    const results: BurstResult[] = [];
    for (const b of BURSTS) {
      log(`burst: ${b.count} over ${b.overMs} ms`);
      results.push(await burst(discord, guildId, b.count, b.overMs));
      await sleep(2_000);
    }
    process.stdout.write(`${report(results)}\n`);
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((err: unknown) => log(`cleanup: ${String(err)}`));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
