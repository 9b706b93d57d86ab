/**
 * /report under load: 1,000 players each file one /report through the gateway, paced evenly over
 * 60 s across the six types (every 10th from the bot's DMs), against VRCPulse as `npm start` runs it
 * with a token (worker and bot in one process), a Temporal dev server, a migrated SQLite file and
 * the local fake of Discord (REST + gateway). The real bot-to-Temporal path end to end:
 * INTERACTION_CREATE → deferred reply → Update-with-Start of `report-<id>` → activity → SQLite →
 * the answer edited into the reply.
 *
 * Measured from INTERACTION_CREATE: the acknowledgement (Discord's limit is 3 s) and the answer.
 * Checked afterwards: every report answered and stored once, and every 15-minute threshold block
 * that the stored reports reached alerted exactly once, to every recipient.
 *
 * `--during-fanout N`: the same while an incident alert goes out to N more servers (10,000: about
 * 200 s of sending, which covers the whole minute), started just before the first report. The
 * threshold is then out of reach, so only the answers are measured.
 *
 * Run with `npm run bench:reports` (about 90 s). The wall-clock figures belong here and not in the
 * test suite: they depend on what else the machine is doing.
 */
import { thresholdReferenceId } from '../src/contracts/reference-ids';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import {
  ALERT_FANOUT_WORKFLOW_TYPE,
  type FanoutProgress,
  fanoutProgressQuery,
} from '../src/contracts/alerts';
import type { MikroORM } from '@mikro-orm/sqlite';
import { openMigratedOrm } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { REPORT_TYPES, type ReportType } from '../src/contracts/reports';
import { fakeSnowflake, type FakeDiscord } from '../test/fakes/discord-server';
import { registerRecipients } from '../test/harness/registrations';
import { startAppStack } from './lib/app-process';
import { insertIncident, seedRecipients } from './lib/fanout-setup';
import { formatMs, percentile, renderTable, summarize } from './lib/stats';

const TOKEN = 'bench-bot-token-0000000000000000000000';
const NAMESPACE = 'default';
const REPORTS = 1_000;
const DURATION_MS = 60_000;
const DURING_FANOUT = Number(
  parseArgs({ options: { 'during-fanout': { type: 'string', default: '0' } } }).values['during-fanout'],
);
/** Reporters of one type within the window that start its block's alert (out of reach during a fan-out). */
const THRESHOLD = DURING_FANOUT > 0 ? REPORTS + 1 : 50;
const WINDOW_MS = 60 * 60_000;
/** Every 10th reporter files from the bot's DMs (and is registered for DM alerts). */
const DM_EVERY = 10;
const ANSWER_DEADLINE_MS = 120_000;
const ALERT_DEADLINE_MS = 120_000;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Reporter {
  userId: string;
  type: ReportType;
  fromDm: boolean;
}

interface StoredReport {
  id: number;
  user_id: string;
  incident_type: ReportType;
  created_at: number;
}

const reporters: Reporter[] = Array.from({ length: REPORTS }, (_, i) => ({
  userId: fakeSnowflake(),
  type: REPORT_TYPES[i % REPORT_TYPES.length]!,
  fromDm: i % DM_EVERY === 0,
}));

/** Dispatches every report on its slot of the even schedule; returns the interaction ids in order. */
async function fileReports(discord: FakeDiscord, guildId: string): Promise<string[]> {
  const ids: string[] = [];
  const started = Date.now();
  for (const [i, r] of reporters.entries()) {
    await sleep(Math.max(0, started + (i * DURATION_MS) / REPORTS - Date.now()));
    ids.push(
      discord.gateway.dispatchInteraction({
        commandName: 'report',
        place: r.fromDm ? { kind: 'dm' } : { kind: 'guild', guildId },
        user: { id: r.userId },
        options: { type: r.type },
      }).id,
    );
  }
  return ids;
}

async function waitUntil(check: () => boolean | Promise<boolean>, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

/**
 * The threshold alerts the stored reports should have made: per type, the block of the first report
 * (in commit order) whose distinct reporters of its type within the window (itself included) reach
 * the threshold. Later blocks of the type are held back by the one-alert-per-type-an-hour limit.
 */
function reachedBlocks(stored: StoredReport[]): string[] {
  const firstPerType = new Map<string, string>();
  for (const row of stored) {
    if (firstPerType.has(row.incident_type)) continue;
    const reporters = new Set(
      stored
        .filter(
          (other) =>
            other.incident_type === row.incident_type &&
            other.id <= row.id &&
            other.created_at <= row.created_at &&
            other.created_at > row.created_at - WINDOW_MS,
        )
        .map((other) => other.user_id),
    );
    if (reporters.size >= THRESHOLD)
      firstPerType.set(row.incident_type, thresholdReferenceId(row.incident_type, new Date(row.created_at)));
  }
  return [...firstPerType.values()].sort();
}

const query = async <T>(orm: MikroORM, sql: string): Promise<T[]> =>
  (await orm.em.fork().getConnection().execute(sql)) as T[];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-bench-reports-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  const logger = createLogger({ level: 'warn', name: 'bench' });
  try {
    const databasePath = join(dir, 'vrcpulse.db');
    const { orm } = await openMigratedOrm(databasePath);
    cleanups.push(() => orm.close());
    const guildId = fakeSnowflake();
    const channelId = fakeSnowflake();
    const dmUsers = reporters.filter((r) => r.fromDm).map((r) => r.userId);
    await registerRecipients(orm, {
      guilds: [{ guildId, channelId }],
      users: dmUsers.map((userId) => ({ userId })),
    });
    const conn = orm.em.getConnection();
    await conn.execute(`update bot_config set value = ? where key = 'report_threshold'`, [String(THRESHOLD)]);
    // Every reporter counts here (the counting rules have their own tests): DM registrations from
    // before the window, one place enough, and room for every type's alert within the hour.
    await conn.execute(`update user_configs set created_at = ?`, [Date.now() - 2 * WINDOW_MS]);
    await conn.execute(`update bot_config set value = '1' where key = 'report_min_sources'`);
    await conn.execute(
      `insert into bot_config (key, value, updated_at) values ('report_alerts_per_hour', '60', ?)`,
      [Date.now()],
    );

    if (DURING_FANOUT > 0) {
      await seedRecipients(orm, { guilds: DURING_FANOUT, users: 0 });
      await insertIncident(orm, 'benchreports1');
    }
    const { discord, temporalAddress } = await startAppStack(
      { cwd: dir, databasePath, guildIds: [guildId], token: TOKEN, namespace: NAMESPACE, logger },
      cleanups,
    );
    let fanout: { progress(): Promise<FanoutProgress> } | undefined;
    if (DURING_FANOUT > 0) {
      const connection = await Connection.connect({ address: temporalAddress });
      cleanups.push(() => connection.close());
      const handle = await new Client({ connection, namespace: NAMESPACE }).workflow.start(
        ALERT_FANOUT_WORKFLOW_TYPE,
        {
          taskQueue: 'vrcpulse',
          workflowId: 'alert-incident-benchreports1',
          args: [
            {
              fact: { type: 'incident', referenceId: 'benchreports1', observedAt: new Date().toISOString() },
            },
          ],
        },
      );
      fanout = { progress: () => handle.query(fanoutProgressQuery) };
      log(`an incident alert to ${DURING_FANOUT + 1 + dmUsers.length} recipients is going out meanwhile`);
    }
    log(`VRCPulse is up; filing ${REPORTS} reports over ${DURATION_MS / 1000} s`);

    const started = Date.now();
    const ids = await fileReports(discord, guildId);
    const answered = (id: string) =>
      /report is in/.test(discord.interactionResponses(id).original?.content ?? '');
    await waitUntil(() => ids.every(answered), ANSWER_DEADLINE_MS);
    const elapsed = Date.now() - started;
    const fanoutDelivered = fanout ? (await fanout.progress()).delivered : 0;

    const acks: number[] = [];
    const answers: number[] = [];
    for (const id of ids) {
      const r = discord.interactionResponses(id);
      if (r.callback && r.callback.status < 300) acks.push(r.callback.afterMs);
      const edit = r.edits[0];
      if (edit && answered(id)) answers.push(edit.afterMs);
    }

    const stored = await query<StoredReport>(
      orm,
      'select id, user_id, incident_type, created_at from user_reports order by id',
    );
    const storedUsers = new Set(stored.map((row) => row.user_id));
    const blocks = reachedBlocks(stored);
    const recipients = 1 + dmUsers.length + DURING_FANOUT;
    // Each block's fan-out delivers to the channel and every DM user; wait for them to finish.
    const sentPerBlock = async () =>
      new Map(
        (
          await query<{ reference_id: string; n: number }>(
            orm,
            `select reference_id, count(*) as n from sent_alerts where alert_type = 'threshold' group by reference_id`,
          )
        ).map((row) => [row.reference_id, row.n]),
      );
    await waitUntil(async () => {
      const sent = await sentPerBlock();
      return blocks.every((block) => sent.get(block) === recipients);
    }, ALERT_DEADLINE_MS);
    const sent = await sentPerBlock();
    // threshold alerts only (during a fan-out the incident alert reaches them too)
    const thresholdAlerts = (target: string) =>
      discord.messagesTo(target).filter((m) => !m.embeds[0]?.title?.includes('Instance joins')).length;
    const channelAlerts = thresholdAlerts(channelId);
    const dmAlertCounts = dmUsers.map(thresholdAlerts);
    const exactlyOnce =
      [...sent.keys()].sort().join() === blocks.join() &&
      blocks.every((block) => sent.get(block) === recipients) &&
      channelAlerts === blocks.length &&
      dmAlertCounts.every((n) => n === blocks.length);

    if (acks.length === 0 || answers.length === 0) throw new Error('no report was acknowledged or answered');
    const ack = summarize(acks);
    const answer = summarize(answers);
    const table = renderTable(
      ['measure', 'value'],
      [
        ['reports filed (users, over)', `${REPORTS} (${REPORTS}, ${formatMs(DURATION_MS)})`],
        ['all answered after', formatMs(elapsed)],
        ['ack p50 / p95 / max', `${formatMs(ack.median)} / ${formatMs(ack.p95)} / ${formatMs(ack.max)}`],
        [
          'answer p50 / p95 / p99 / max',
          `${formatMs(answer.median)} / ${formatMs(answer.p95)} / ${formatMs(percentile(answers, 99))} / ${formatMs(answer.max)}`,
        ],
        ['answered', `${answers.length} / ${REPORTS}`],
        ['stored (distinct users)', `${stored.length} (${storedUsers.size})`],
        ['threshold blocks reached', String(blocks.length)],
        ['alerts in the channel', String(channelAlerts)],
        ['alerts per DM user (min..max)', `${Math.min(...dmAlertCounts)}..${Math.max(...dmAlertCounts)}`],
        ['each block alerted once to every recipient', exactlyOnce ? 'yes' : 'NO'],
        ...(fanout
          ? [['incident alert messages sent while the reports were answered', String(fanoutDelivered)]]
          : []),
      ],
      ['left', 'right'],
    );
    process.stdout.write(
      `## /report load through the gateway (Node ${process.version}, threshold ${THRESHOLD}, ${recipients} recipients${DURING_FANOUT > 0 ? `, during a fan-out to ${recipients}` : ''})\n\n${table}\n`,
    );
    const complete = answers.length === REPORTS && stored.length === REPORTS && storedUsers.size === REPORTS;
    if (!complete || !exactlyOnce) {
      log('FAILED: not every report was answered and stored, or a block did not alert exactly once');
      process.exitCode = 1;
    }
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
