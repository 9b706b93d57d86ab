/**
 * Maintenance reminders end to end, with the lead times scaled down from 24 h and 1 h to seconds:
 * the real maintenance poll loop against a fake VRChat starts one reminders workflow per upcoming
 * maintenance, moves it when VRChat moves the window and cancels it when the maintenance goes away;
 * the workflow's durable timers outlive a stopped worker (a reminder due while no worker ran goes
 * out as soon as one is back); each reminder reaches every recipient once, as a reply under the
 * maintenance's message (or a message of its own in the separate style), on a real Temporal server
 * and a real SQLite file, through the fake Discord.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { createActivities } from '../../src/activities';
import { pollNowSignal, pollStateQuery } from '../../src/contracts/polling';
import {
  cancelRemindersSignal,
  maintenanceRemindersWorkflowId,
  type MaintenanceRemindersState,
  reminderReferenceId,
  type ReminderLead,
  remindersStateQuery,
} from '../../src/contracts/reminders';
import { maintenanceRemindersWorkflow, pollLoopWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord, type FakeMessage } from '../fakes/discord-server';
import { maintenance, maintenancesPayload } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { rows } from '../harness/db-rows';
import { TEST_BOT_TOKEN, testActivityDeps } from '../harness/deps';
import { recordHistory } from '../harness/history';
import { registerRecipients, setPreferences } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';
import { waitFor } from '../harness/wait';

const PATH = '/api/v2/scheduled-maintenances.json';
const id = (n: number) => String(700000000000000000n + BigInt(n));
const GUILD = { guildId: id(1), channelId: id(101) };
const SEPARATE = { guildId: id(2), channelId: id(102) };
const USER = id(201);
const TARGETS = [GUILD.channelId, SEPARATE.channelId, USER];

/** Statuspage-shaped ids: 12 characters of [a-z0-9], new ones every run. */
const statuspageId = (tag: string) => `${tag}${Date.now().toString(36)}`.padEnd(12, '0').slice(0, 12);
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
const title = (m: FakeMessage | undefined) => (m?.embeds[0] as APIEmbed | undefined)?.title;
const sleepUntil = (ms: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - Date.now())));

let temporal: TestTemporal;
let discord: FakeDiscord;
let vrchat: FakeVrchat;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  temporal = await connectClient();
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  vrchat = await startFakeVrchat();
  db = await createTestDatabase();
  await registerRecipients(db.orm, { guilds: [GUILD, SEPARATE], users: [{ userId: USER }] });
  await setPreferences(db.orm, `guild:${SEPARATE.guildId}`, { style: 'separate' });
});
afterAll(async () => {
  await discord.close();
  await vrchat.close();
  await temporal.close();
  await db.cleanup();
});

function activitiesFor(taskQueue: string, leadsMs: Record<ReminderLead, number>) {
  return createActivities({
    ...testActivityDeps({
      orm: db.orm,
      client: temporal.client,
      taskQueue,
      vrchat: { statusBaseUrl: vrchat.statusBaseUrl, metricsBaseUrl: vrchat.metricsBaseUrl },
      discordApiBaseUrl: discord.apiBaseUrl,
    }),
    reminderLeadsMs: leadsMs,
  });
}

const upcoming = (maintenanceId: string, name: string, startMs: number, announcedMs: number) =>
  maintenance({
    id: maintenanceId,
    name,
    status: 'scheduled',
    scheduledFor: iso(startMs),
    scheduledUntil: iso(startMs + 3_600_000),
    createdAt: iso(announcedMs),
    updates: [
      {
        id: `${maintenanceId.slice(0, 8)}u001`,
        status: 'scheduled',
        body: 'Servers restart.',
        createdAt: iso(announcedMs),
      },
    ],
  });

const remindersSentTo = async (referenceIds: string[]) =>
  rows<{ reference_id: string; n: number }>(
    db.orm,
    `select reference_id, count(*) as n from sent_alerts where alert_type = 'maintenance_reminder'
     and reference_id in (${referenceIds.map(() => '?').join(', ')}) group by reference_id order by reference_id`,
    referenceIds,
  );

it('reminds of a maintenance before its window, across a worker restart and a reschedule, and never of a cancelled one', async () => {
  const LEADS = { '24h': 20_000, '1h': 8_000 };
  const A = statuspageId('rema');
  const B = statuspageId('remb');
  const taskQueue = uniqueTaskQueue('reminders');
  const activities = activitiesFor(taskQueue, LEADS);
  const t0 = Date.now();
  const loop = await temporal.client.workflow.start(pollLoopWorkflow, {
    taskQueue,
    workflowId: taskQueue,
    args: [{ source: 'maintenance', intervalSeconds: 3600 }],
  });
  const cycle = async () => {
    const before = (await loop.query(pollStateQuery)).cycles;
    await loop.signal(pollNowSignal);
    await waitFor(
      async () => ((await loop.query(pollStateQuery)).cycles > before ? true : undefined),
      30_000,
      'a maintenance cycle',
    );
  };
  const announcements = (maintenanceIds: string[]) =>
    rows(
      db.orm,
      `select 1 from sent_alerts where alert_type = 'maintenance' and reference_id in (?, ?)`,
      maintenanceIds,
    );

  // Worker 1: A and B announced (A far ahead, B with a reminder due within the test), then VRChat
  // moves A's window to 30 s from now and takes B off its page (cancelled).
  let windowA = 0;
  let stoppedAt = 0;
  await withWorker({ taskQueue, activities }, async () => {
    vrchat.set(
      PATH,
      maintenancesPayload([
        upcoming(A, 'Server upgrade', t0 + 600_000, t0),
        upcoming(B, 'Database move', t0 + 40_000, t0),
      ]),
    );
    await waitFor(
      async () => ((await loop.query(pollStateQuery)).cycles >= 1 ? true : undefined),
      30_000,
      'the first cycle',
    );
    await waitFor(
      async () => ((await announcements([A, B])).length === 2 * TARGETS.length ? true : undefined),
      30_000,
      'both announcements delivered',
    );

    windowA = Math.floor((Date.now() + 30_000) / 1000) * 1000;
    vrchat.set(PATH, maintenancesPayload([upcoming(A, 'Server upgrade', windowA, t0)]));
    for (let i = 0; i < 3; i++) await cycle(); // B is taken as removed after three polls without it
    const cancelled = await temporal.client.workflow
      .getHandle<typeof maintenanceRemindersWorkflow>(maintenanceRemindersWorkflowId(B))
      .result();
    expect(cancelled).toMatchObject({ ended: 'cancelled', note: 'the maintenance is no longer upcoming' });
    expect(cancelled.reminders.every((r) => r.outcome === 'waiting')).toBe(true);
    stoppedAt = Date.now();
  });
  // A's new 24-hour reminder comes due while no worker runs (the test needs the worker down by then)
  expect(stoppedAt).toBeLessThan(windowA - LEADS['24h']);
  await sleepUntil(windowA - LEADS['24h'] + 3_000);

  // Worker 2: the reminder due meanwhile goes out at once, the 1-hour one at its time.
  const dayId = reminderReferenceId(A, '24h', windowA);
  const hourId = reminderReferenceId(A, '1h', windowA);
  let state: MaintenanceRemindersState | undefined;
  await withWorker({ taskQueue, activities }, async () => {
    const reminders = temporal.client.workflow.getHandle<typeof maintenanceRemindersWorkflow>(
      maintenanceRemindersWorkflowId(A),
    );
    state = await reminders.result();
    await waitFor(
      async () =>
        (await remindersSentTo([dayId, hourId])).filter((r) => r.n === TARGETS.length).length === 2
          ? true
          : undefined,
      30_000,
      'both reminders delivered',
    );
    await recordHistory(reminders, 'maintenance-reminders-v1');
    await recordHistory(
      temporal.client.workflow.getHandle(maintenanceRemindersWorkflowId(B)),
      'maintenance-reminders-v1-cancelled',
    );
    await recordHistory(loop, 'poll-loop-v4-reminders');
    await loop.terminate('test finished');
  });

  expect(state).toMatchObject({ ended: 'all-sent', scheduledFor: iso(windowA) });
  expect(state!.reminders.map((r) => [r.referenceId, r.outcome])).toEqual([
    [dayId, 'sent'],
    [hourId, 'sent'],
  ]);
  // exactly once each, for the new window only (the old window's were never sent, nor B's)
  expect(await remindersSentTo([dayId, hourId])).toEqual([
    { reference_id: hourId, n: TARGETS.length },
    { reference_id: dayId, n: TARGETS.length },
  ]);
  expect(
    await rows(
      db.orm,
      `select reference_id from sent_alerts where alert_type = 'maintenance_reminder' and reference_id not in (?, ?) and (reference_id like ? or reference_id like ?)`,
      [dayId, hourId, `${A}:%`, `${B}:%`],
    ),
  ).toEqual([]);

  const startsIn = `<t:${windowA / 1000}:R>`;
  for (const target of [GUILD.channelId, USER]) {
    const messages = discord.messagesTo(target);
    const messageA = messages.find((m) =>
      m.history.concat(m).some((v) => v.embeds[0]?.title === 'Scheduled maintenance: Server upgrade'),
    )!;
    const replies = messages.filter((m) => m.referencedMessageId === messageA.id);
    // the maintenance's message, edited by the reminders to the new window, and two replies under it
    expect(JSON.stringify(messageA.embeds[0]!.fields)).toContain(`<t:${windowA / 1000}:f>`);
    expect(replies.map((r) => [title(r), r.embeds[0]!.description])).toEqual([
      ['Maintenance soon: Server upgrade', `Reminder: VRChat maintenance starts ${startsIn}.`],
      ['Maintenance soon: Server upgrade', `Reminder: VRChat maintenance starts ${startsIn}.`],
    ]);
    // B's message is the announcement alone
    const messageB = messages.filter((m) => title(m) === 'Scheduled maintenance: Database move');
    expect(messageB).toHaveLength(1);
    expect(messages.filter((m) => m.referencedMessageId === messageB[0]!.id)).toEqual([]);
  }
  // the separate style: each reminder a message of its own, after the two announcements
  const separate = discord.messagesTo(SEPARATE.channelId);
  expect(separate.every((m) => m.referencedMessageId === undefined && m.edits === 0)).toBe(true);
  expect(separate.map(title).slice(0, 2).sort()).toEqual([
    'Scheduled maintenance: Database move',
    'Scheduled maintenance: Server upgrade',
  ]);
  expect(separate.slice(2).map((m) => [title(m), m.embeds[0]!.description])).toEqual([
    ['Maintenance soon: Server upgrade', `Reminder: VRChat maintenance starts ${startsIn}.`],
    ['Maintenance soon: Server upgrade', `Reminder: VRChat maintenance starts ${startsIn}.`],
  ]);
}, 120_000);

it('reads the maintenance before each reminder: a window moved without a signal, a maintenance begun early, no Discord token yet', async () => {
  const LEADS = { '24h': 4_000, '1h': 2_000 };
  const conn = db.orm.em.getConnection();
  const now = Date.now();
  const store = async (maintenanceId: string, startMs: number) =>
    conn.execute(
      `insert into maintenances (id, title, status, scheduled_for, scheduled_until, status_changed_at, created_at, updated_at)
       values (?, 'Network work', 'scheduled', ?, ?, ?, ?, ?)`,
      [maintenanceId, startMs, startMs + 3_600_000, now - 3_600_000, now - 3_600_000, now - 3_600_000],
    );
  const start = (taskQueue: string, maintenanceId: string, startMs: number) =>
    temporal.client.workflow.start(maintenanceRemindersWorkflow, {
      taskQueue,
      workflowId: maintenanceRemindersWorkflowId(maintenanceId),
      args: [
        { maintenanceId, scheduledFor: iso(startMs), announcedAt: iso(now - 3_600_000), leadsMs: LEADS },
      ],
    });

  const MOVED = statuspageId('remm');
  const EARLY = statuspageId('reme');
  const UNSENT = statuspageId('remu');
  const window = Math.floor((now + 6_000) / 1000) * 1000;
  const moved = window + 6_000;
  await store(MOVED, window);
  await store(EARLY, window);
  await store(UNSENT, window);

  const taskQueue = uniqueTaskQueue('reminders-db');
  const withoutToken = uniqueTaskQueue('reminders-no-token');
  const noToken = createActivities({
    ...testActivityDeps({ orm: db.orm, client: temporal.client, taskQueue: withoutToken }),
    reminderLeadsMs: LEADS,
  });
  await withWorker({ taskQueue, activities: activitiesFor(taskQueue, LEADS) }, () =>
    withWorker({ taskQueue: withoutToken, activities: noToken }, async () => {
      const movedRun = await start(taskQueue, MOVED, window);
      const earlyRun = await start(taskQueue, EARLY, window);
      const unsentRun = await start(withoutToken, UNSENT, window);
      // VRChat moved one window and started the other maintenance early; no signal says so
      await conn.execute(`update maintenances set scheduled_for = ? where id = ?`, [moved, MOVED]);
      await conn.execute(`update maintenances set status = 'in_progress' where id = ?`, [EARLY]);

      expect(await earlyRun.result()).toMatchObject({
        ended: 'cancelled',
        note: 'the maintenance is no longer scheduled',
      });
      const movedState = await movedRun.result();
      expect(movedState).toMatchObject({ ended: 'all-sent', scheduledFor: iso(moved) });
      expect(movedState.reminders.map((r) => [r.at, r.outcome])).toEqual([
        [moved - LEADS['24h'], 'sent'],
        [moved - LEADS['1h'], 'sent'],
      ]);
      // without a token the reminder waits (the worker would send it once it has one) until cancelled
      const waiting = await waitFor(
        async () => {
          const state = await unsentRun.query(remindersStateQuery);
          return state.note ? state : undefined;
        },
        15_000,
        'the reminder deferred for want of a token',
      );
      expect(waiting).toMatchObject({
        ended: null,
        note: 'waiting for a Discord token to send the reminder',
      });
      await unsentRun.signal(cancelRemindersSignal, { reason: 'test over' });
      expect(await unsentRun.result()).toMatchObject({ ended: 'cancelled', note: 'test over' });
      await waitFor(
        async () =>
          (await rows(db.orm, `select 1 from sent_alerts where reference_id like ?`, [`${MOVED}:reminder:%`]))
            .length ===
          2 * TARGETS.length
            ? true
            : undefined,
        30_000,
        "the moved window's reminders delivered",
      );
      await recordHistory(movedRun, 'maintenance-reminders-v1-moved-without-signal');
    }),
  );

  // the moved window's reminders went out at their new times; none for the others
  const sent = await rows<{ reference_id: string; notified_at: number }>(
    db.orm,
    `select reference_id, notified_at from sent_alerts where alert_type = 'maintenance_reminder' and (reference_id like ? or reference_id like ? or reference_id like ?)`,
    [`${MOVED}:%`, `${EARLY}:%`, `${UNSENT}:%`],
  );
  expect(sent).toHaveLength(2 * TARGETS.length);
  for (const row of sent) {
    expect(row.reference_id.startsWith(`${MOVED}:reminder:`)).toBe(true);
    expect(row.notified_at).toBeGreaterThanOrEqual(moved - LEADS['24h']);
  }
}, 90_000);
