/**
 * Acceptance: one alert fanned out to 500 recipients (400 guild channels, 100 DMs) by the real worker
 * process (`npm run worker`) and the delivery process it runs, which are SIGKILLed at least four
 * times at random points of the delivery. Afterwards every recipient holds exactly one message and
 * sent_alerts holds exactly one row per recipient: the sent_alerts skip, the deterministic nonce with
 * enforce_nonce, and Temporal's retry of the interrupted page together make delivery exactly-once.
 *
 * Three kills come at random message counts while a page is being sent: the first and third take
 * the worker and its delivery process together (a test then starts a new worker), the second the
 * delivery process alone (its worker starts it again). One more comes a moment after a restart. The fake Discord enforces the global 50 requests/s, so the sends take ~11 s; each kill
 * while a page is in flight costs the 30 s heartbeat timeout before the page is retried on the next
 * worker, so the test takes ~110 s. It prints a report: kill points, send requests vs messages
 * (the difference is what enforce_nonce deduplicated), timings.
 *
 * Kill points are random; set ALERT_CHAOS_KILLS="35,210,470:1" (three message counts, and after
 * which of the three restarts the extra quick kill comes) to replay a run that failed.
 */
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import {
  alertWorkflowId,
  ALERT_FANOUT_WORKFLOW_TYPE,
  type FanoutProgress,
  fanoutProgressQuery,
} from '../../src/contracts/alerts';
import { POLL_SOURCES, POLL_WORKFLOW_IDS, pollNowSignal, pollStateQuery } from '../../src/contracts/polling';
import { DEFAULTS } from '../../src/config';
import { METRIC_FEEDS } from '../../src/vrchat/index';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import {
  incident,
  incidentsPayload,
  maintenancesPayload,
  summary,
  type JsonObject,
} from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { rows } from '../harness/db-rows';
import { TEST_BOT_TOKEN } from '../harness/deps';
import { descendantsOf, exitOf, isAlive, spawnEntryPoint, workerEnv } from '../harness/processes';
import { registerRecipients, snowflake } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { busiestSecond } from '../harness/rolling-window';
import { waitFor } from '../harness/wait';
import { harnessInfo } from '../harness/temporal';

const NAMESPACE = 'vrcpulse-spare';
const GUILDS = 400;
const USERS = 100;
const TOTAL = GUILDS + USERS;

// 18-digit ids in three disjoint ranges (the fake's DM channels are 19-digit snowflakes).
const guildId = (i: number) => snowflake(10_000 + i);
const channelId = (i: number) => snowflake(20_000 + i);
const userId = (i: number) => snowflake(30_000 + i);
const GUILD_IDS = Array.from({ length: GUILDS }, (_, i) => guildId(i));
const CHANNEL_IDS = Array.from({ length: GUILDS }, (_, i) => channelId(i));
const USER_IDS = Array.from({ length: USERS }, (_, i) => userId(i));

const BASELINE_INCIDENT = 'chaosbase001';
const NEW_INCIDENT = 'chaosnew0001';
const NEW_INCIDENT_NAME = 'Chaos: logins failing';
const FANOUT_ID = alertWorkflowId({ type: 'incident', referenceId: NEW_INCIDENT });

/** How long the fake holds its answer to a guild message (the message exists at once). */
const ANSWER_DELAY_MS = 150;
const MESSAGES_PATH = /^\/api\/v10\/channels\/\d+\/messages$/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

function baselineIncident(): JsonObject {
  return incident({
    id: BASELINE_INCIDENT,
    name: 'Old trouble',
    status: 'resolved',
    impact: 'minor',
    createdAt: '2026-11-20T10:00:00.000Z',
    updates: [
      {
        id: 'chaosbaseu01',
        status: 'investigating',
        body: 'Looking.',
        createdAt: '2026-11-20T10:00:00.000Z',
      },
      { id: 'chaosbaseu02', status: 'resolved', body: 'Fixed.', createdAt: '2026-11-20T11:00:00.000Z' },
    ],
  });
}

function newIncident(): JsonObject {
  const at = new Date(Date.now() - 60_000).toISOString();
  return incident({
    id: NEW_INCIDENT,
    name: NEW_INCIDENT_NAME,
    status: 'investigating',
    impact: 'major',
    createdAt: at,
    updates: [
      { id: 'chaosnewu001', status: 'investigating', body: 'We are looking into it.', createdAt: at },
    ],
  });
}

function scriptBaseline(fake: FakeVrchat): void {
  fake.set('/api/v2/summary.json', summary({ updatedAt: '2026-11-25T10:00:00.000Z', indicator: 'none' }));
  fake.set('/api/v2/incidents.json', incidentsPayload([baselineIncident()]));
  fake.set('/api/v2/scheduled-maintenances.json', maintenancesPayload([], '2026-11-25T10:00:00.000Z'));
  for (const feed of METRIC_FEEDS) fake.set(feed.path, []);
}

interface RunningWorker {
  child: ChildProcess;
  /** Resolves when the worker logged "worker polling"; never rejects. */
  polling: Promise<boolean>;
  output(): string;
}

function startWorker(vrchat: FakeVrchat, discord: FakeDiscord, databasePath: string): RunningWorker {
  const child = spawnEntryPoint(
    'worker-main.js',
    workerEnv(NAMESPACE, databasePath, {
      VRCHAT_STATUS_BASE_URL: vrchat.statusBaseUrl,
      VRCHAT_METRICS_BASE_URL: vrchat.metricsBaseUrl,
      VRCHAT_TIMEOUT_MS: '5000',
      DISCORD_TOKEN: TEST_BOT_TOKEN,
      DISCORD_API_BASE_URL: discord.apiBaseUrl,
      // info, so the test sees "worker polling"; per-recipient lines are only logged on failures
      LOG_LEVEL: 'info',
    }),
  );
  let output = '';
  let markReady: (ready: boolean) => void = () => undefined;
  const polling = new Promise<boolean>((resolve) => (markReady = resolve));
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    if (text.includes('worker polling')) markReady(true);
    output = (output + text).slice(-200_000);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.once('exit', () => markReady(false));
  return { child, polling, output: () => output };
}

interface KillRecord {
  /** mid-send: worker and delivery process; delivery-only: the delivery process, the worker lives on. */
  kind: 'mid-send' | 'delivery-only' | 'after-restart';
  /** The message count that armed the kill (mid-send), or the delay after "worker polling". */
  armedAt: number;
  /** fake.messages.length when SIGKILL was sent, and once the process was gone. */
  messagesAtKill: number;
  messagesAfterExit: number;
  /** Seconds since the fan-out was triggered. */
  atSeconds: number;
  signal: NodeJS.Signals | null;
}

/** SIGKILL to the worker and its delivery process at once: the container or machine died. */
async function killHard(worker: RunningWorker): Promise<NodeJS.Signals | null> {
  const tree = descendantsOf(worker.child.pid!);
  worker.child.kill('SIGKILL');
  for (const pid of tree) process.kill(pid, 'SIGKILL');
  return (await exitOf(worker.child)).signal;
}

/**
 * SIGKILL to the delivery process alone (the one sending), while its worker lives on and starts
 * it again. Resolves once it is gone, with SIGKILL.
 */
async function killDelivery(worker: RunningWorker): Promise<NodeJS.Signals | null> {
  const [pid, ...others] = descendantsOf(worker.child.pid!);
  if (pid === undefined || others.length > 0) throw new Error('expected exactly one delivery process');
  process.kill(pid, 'SIGKILL');
  await waitFor(() => (isAlive(pid) ? undefined : true), 10_000, 'the delivery process to be gone');
  return 'SIGKILL';
}

/** Three message counts in [20, 480], ascending, at least 25 apart, and the quick-kill slot. */
function killSchedule(): { counts: number[]; quickAfter: number } {
  const replay = process.env.ALERT_CHAOS_KILLS;
  if (replay) {
    const [list = '', quick = '0'] = replay.split(':');
    return { counts: list.split(',').map(Number), quickAfter: Number(quick) };
  }
  for (;;) {
    const counts = [randomInt(20, 480), randomInt(20, 480), randomInt(20, 480)].sort((a, b) => a - b);
    if (counts[1]! - counts[0]! >= 25 && counts[2]! - counts[1]! >= 25) {
      return { counts, quickAfter: randomInt(0, 2) };
    }
  }
}

describe('alert fan-out under worker chaos', () => {
  let vrchat: FakeVrchat;
  let discord: FakeDiscord;
  let connection: Connection;
  let client: Client;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    vrchat = await startFakeVrchat();
    discord = await startFakeDiscord({ token: TEST_BOT_TOKEN, globalPerSecond: 50 });
    // Discord answers after a while, as the real one does: at any moment a few messages exist whose
    // answer (and so whose sent_alerts row) has not arrived yet, which is what enforce_nonce is for.
    for (const c of CHANNEL_IDS) discord.delayChannel(c, ANSWER_DELAY_MS);
    connection = await Connection.connect({ address: harnessInfo().address });
    client = new Client({ connection, namespace: NAMESPACE });
    db = await createTestDatabase();
    await registerRecipients(db.orm, {
      guilds: GUILD_IDS.map((id, i) => ({ guildId: id, channelId: CHANNEL_IDS[i]! })),
      users: USER_IDS.map((id) => ({ userId: id })),
    });
  });
  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      await killHard(worker);
    }
    for (const id of [...POLL_SOURCES.map((s) => POLL_WORKFLOW_IDS[s]), FANOUT_ID]) {
      await client.workflow
        .getHandle(id)
        .terminate('test finished')
        .catch(() => undefined);
    }
    await connection.close();
    await vrchat.close();
    await discord.close();
    await db.cleanup();
  });

  it('delivers exactly one message per recipient across four SIGKILLs and restarts', async () => {
    const testStart = Date.now();
    const schedule = killSchedule();
    const count = () => discord.messages.length;
    const spawnWorker = () => (worker = startWorker(vrchat, discord, db.path));

    // 1. the first worker stores the baseline (one resolved incident: history, no alert)
    scriptBaseline(vrchat);
    spawnWorker();
    await waitFor(
      async () => {
        const state = await client.workflow.getHandle(POLL_WORKFLOW_IDS.incident).query(pollStateQuery);
        return state.lastSuccessAt !== null ? state : undefined;
      },
      45_000,
      'the incidents baseline',
    );
    expect(await rows(db.orm, 'select id from incidents')).toEqual([{ id: BASELINE_INCIDENT }]);
    expect(count()).toBe(0);

    // 2. a new open incident: one `incident` fact, one fan-out to all 500 recipients
    vrchat.set('/api/v2/incidents.json', incidentsPayload([newIncident(), baselineIncident()]));
    await client.workflow.getHandle(POLL_WORKFLOW_IDS.incident).signal(pollNowSignal);
    const triggeredAt = Date.now();
    const since = () => Math.round((Date.now() - triggeredAt) / 100) / 10;

    // 3. chaos: SIGKILL at three random message counts (each after the current worker has sent at
    //    least one message itself, so a page is in flight), plus one kill right after a restart
    const kills: KillRecord[] = [];
    for (const [i, armedAt] of schedule.counts.entries()) {
      const current = worker!;
      const atSpawn = count();
      for (;;) {
        if (count() >= armedAt && count() > atSpawn) break;
        if (current.child.exitCode !== null) {
          throw new Error(`worker exited on its own (${current.child.exitCode}):\n${current.output()}`);
        }
        if (Date.now() - triggeredAt > 110_000) {
          throw new Error(`message count stuck at ${count()} waiting for ${armedAt}`);
        }
        await sleep(5);
      }
      const messagesAtKill = count();
      // the second kill takes the delivery process alone; its worker starts it again
      const deliveryOnly = i === 1;
      const signal = deliveryOnly ? await killDelivery(current) : await killHard(current);
      kills.push({
        kind: deliveryOnly ? 'delivery-only' : 'mid-send',
        armedAt,
        messagesAtKill,
        messagesAfterExit: count(),
        atSeconds: since(),
        signal,
      });
      if (deliveryOnly) {
        await waitFor(
          () => (current.output().match(/delivery process polling/g)?.length === 2 ? true : undefined),
          30_000,
          'the worker to start its delivery process again',
        );
        expect(current.output()).toMatch(/delivery process exited; starting it again/);
      } else spawnWorker();

      if (i === schedule.quickAfter) {
        const restarted = worker!;
        expect(await restarted.polling).toBe(true);
        const delay = randomInt(0, 1_500);
        await sleep(delay);
        const quickAtKill = count();
        const quickSignal = await killHard(restarted);
        kills.push({
          kind: 'after-restart',
          armedAt: delay,
          messagesAtKill: quickAtKill,
          messagesAfterExit: count(),
          atSeconds: since(),
          signal: quickSignal,
        });
        spawnWorker();
      }
    }

    // 4. the last worker finishes the fan-out
    const survivor = worker!;
    const handle = client.workflow.getHandle(FANOUT_ID);
    let giveUp: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      handle.result() as Promise<FanoutProgress>,
      new Promise<never>((_, reject) => {
        giveUp = setTimeout(
          () =>
            reject(
              new Error(`fan-out not finished; ${count()} messages; worker output:\n${survivor.output()}`),
            ),
          Math.max(5_000, 140_000 - (Date.now() - testStart)),
        );
      }),
    ]).finally(() => clearTimeout(giveUp));
    const finishedAt = since();

    // every kill was a real SIGKILL, three of them while a page was being sent (one of those to
    // the delivery process alone, which its worker started again)
    expect(kills.map((k) => k.signal)).toEqual(kills.map(() => 'SIGKILL'));
    expect(kills.filter((k) => k.kind === 'mid-send')).toHaveLength(2);
    expect(kills.filter((k) => k.kind === 'delivery-only')).toHaveLength(1);
    expect(kills.length).toBeGreaterThanOrEqual(4);

    // the fan-out: completed, everyone counted once, nobody failed
    expect(result).toMatchObject({
      referenceId: NEW_INCIDENT,
      type: 'incident',
      phase: 'done',
      recipientsSeen: TOTAL,
      failedPermanently: 0,
      failures: [],
    });
    expect(result.delivered + result.alreadySent).toBe(TOTAL);
    expect(await handle.query(fanoutProgressQuery)).toEqual(result);
    const fanouts: string[] = [];
    for await (const e of client.workflow.list({ query: `WorkflowType = '${ALERT_FANOUT_WORKFLOW_TYPE}'` })) {
      fanouts.push(`${e.workflowId}:${e.status.name}`);
    }
    expect(fanouts).toEqual([`${FANOUT_ID}:COMPLETED`]);

    // Discord: exactly one message in every guild channel and every DM, nothing anywhere else
    expect(discord.messages).toHaveLength(TOTAL);
    const wrongGuilds = CHANNEL_IDS.filter((c) => discord.messagesTo(c).length !== 1);
    const wrongUsers = USER_IDS.filter((u) => discord.messagesTo(u).length !== 1);
    expect({ wrongGuilds, wrongUsers }).toEqual({ wrongGuilds: [], wrongUsers: [] });
    for (const u of USER_IDS) {
      expect(discord.messagesTo(u)[0]!.channelId).toBe(discord.dmChannelOf(u));
    }
    const targets = new Set([...CHANNEL_IDS, ...USER_IDS.map((u) => discord.dmChannelOf(u))]);
    expect(discord.messages.filter((m) => !targets.has(m.channelId))).toEqual([]);
    expect(new Set(discord.messages.map((m) => m.nonce)).size).toBe(TOTAL);
    expect(discord.messages.filter((m) => !m.embeds[0]?.title?.includes(NEW_INCIDENT_NAME))).toEqual([]);

    // SQLite: exactly one sent_alerts row per recipient, and no other alert rows
    expect(await rows(db.orm, 'select count(*) as n from sent_alerts')).toEqual([{ n: TOTAL }]);
    const sent = await rows<{ guild_id: string | null; user_id: string | null }>(
      db.orm,
      `select guild_id, user_id from sent_alerts where alert_type = 'incident' and reference_id = ?`,
      [NEW_INCIDENT],
    );
    expect(sent).toHaveLength(TOTAL);
    expect(
      sent
        .map((r) => r.guild_id)
        .filter((g) => g !== null)
        .sort(),
    ).toEqual([...GUILD_IDS].sort());
    expect(
      sent
        .map((r) => r.user_id)
        .filter((u) => u !== null)
        .sort(),
    ).toEqual([...USER_IDS].sort());
    const cachedDms = await rows<{ user_id: string; dm_channel_id: string | null }>(
      db.orm,
      'select user_id, dm_channel_id from user_configs',
    );
    expect(cachedDms.filter((r) => r.dm_channel_id !== discord.dmChannelOf(r.user_id))).toEqual([]);

    // what the fake saw: sends beyond 500 accepted with 200 were answered from the nonce cache
    const sends = discord.requests.filter((r) => r.method === 'POST' && MESSAGES_PATH.test(r.path));
    const byStatus: Record<string, number> = {};
    for (const r of sends) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const accepted = byStatus['200'] ?? 0;
    const report = {
      schedule,
      kills,
      fanout: {
        delivered: result.delivered,
        alreadySent: result.alreadySent,
        pages: result.pages,
        finishedAtSeconds: finishedAt,
      },
      discord: {
        sendRequests: sends.length,
        sendsByStatus: byStatus,
        messages: discord.messages.length,
        nonceDedups: accepted - discord.messages.length,
        dmCreates: discord.dmChannelCreates,
        dmChannels: discord.dmChannelCount,
        firstMessageAtSeconds: (discord.messages[0]!.at - triggeredAt) / 1000,
        busiestSecond: busiestSecond(discord.messages.map((m) => m.at)),
        global429: discord.count429Global,
        route429: discord.count429Route,
        invalidRequests: discord.countInvalid,
        allRequests: discord.requests.length,
      },
      totalSeconds: Math.round((Date.now() - testStart) / 100) / 10,
    };
    console.log(`alert chaos report: ${JSON.stringify(report, null, 2)}`);
    expect(accepted).toBeGreaterThanOrEqual(TOTAL);
    // Discord bans an IP past 10,000 invalid requests (401, 403, 429) in 10 minutes: stay far under
    expect(discord.countInvalid).toBeLessThan(0.01 * discord.requests.length);
    // A kill in a guild page lands while the message that armed it awaits its answer, so that
    // recipient has no sent_alerts row yet: the retried page sends again and the nonce answers.
    if (kills.some((k) => k.kind !== 'after-restart' && k.messagesAtKill < GUILDS)) {
      expect(report.discord.nonceDedups).toBeGreaterThanOrEqual(1);
    }
    expect(discord.dmChannelCount).toBe(USERS);

    // 5. the incident's update: every recipient's one message, posted through the kills above, is
    //    edited and gets one reply under it; no second incident message anywhere
    const updateId = 'chaosnewu002';
    await db.orm.em.getConnection().execute(
      `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
       values (?, ?, 'The cause is found; a fix is rolling out.', 'identified', ?, ?, ?)`,
      [updateId, NEW_INCIDENT, Date.now(), Date.now(), Date.now()],
    );
    const update = {
      type: 'incident_update' as const,
      referenceId: updateId,
      observedAt: new Date().toISOString(),
    };
    const updateHandle = await client.workflow.start(ALERT_FANOUT_WORKFLOW_TYPE, {
      workflowId: alertWorkflowId(update),
      taskQueue: DEFAULTS.TEMPORAL_TASK_QUEUE, // the worker's, as workerEnv leaves it
      args: [{ fact: update }],
    });
    const updated = (await updateHandle.result()) as FanoutProgress;
    expect(updated).toMatchObject({ phase: 'done', failedPermanently: 0 });
    const wrong = [...CHANNEL_IDS, ...USER_IDS].filter((target) => {
      const [message, reply, ...more] = discord.messagesTo(target);
      return !(
        message &&
        message.edits >= 1 &&
        reply?.referencedMessageId === message.id &&
        more.length === 0
      );
    });
    expect(wrong).toEqual([]);

    survivor.child.kill('SIGTERM');
    expect((await exitOf(survivor.child)).code).toBe(0);
  }, 210_000);
});
