/**
 * The lifecycle style end to end, against real fan-out workflows, a real SQLite file and the fake
 * Discord: an incident with four updates and its resolution reaches each recipient as one message,
 * edited five times, with five replies under it. On the way, a server's admin deletes the incident's
 * message (the next alert posts a new one and later ones edit that), a user registers mid-incident
 * (one new message with the current state), a server chose the old style (a new message per alert),
 * the answers to one round of posts are lost (Discord's nonce returns the same message), and a server
 * whose alerts go to an announcement channel gets each new message published, up to Discord's limit.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { AlertFact, AlertType } from '../../src/contracts/alerts';
import { alertFanoutWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord, type FakeMessage } from '../fakes/discord-server';
import { rows } from '../harness/db-rows';
import { deliveringActivities, TEST_BOT_TOKEN } from '../harness/deps';
import { storeOpenIncident } from '../harness/incidents';
import { registerRecipients, setPreferences } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';

const id = (n: number) => String(600000000000000000n + BigInt(n));
const KEPT = { guildId: id(1), channelId: id(101) }; // lifecycle, untouched
const DELETES = { guildId: id(2), channelId: id(102) }; // lifecycle; its admin deletes the message
const SEPARATE = { guildId: id(3), channelId: id(103) }; // chose a new message per alert
const NEWS = { guildId: id(4), channelId: id(104) }; // alerts in an announcement channel
/** Publishes allowed per channel and hour at the fake (Discord: 10); the sixth message meets it. */
const CROSSPOSTS_PER_HOUR = 5;
const USER = id(201);
const LATE_USER = id(202); // registers after the second update

let temporal: TestTemporal;
let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  temporal = await connectClient();
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN, crosspostLimitPerHour: CROSSPOSTS_PER_HOUR });
  discord.setChannelType(NEWS.channelId, 5);
  db = await createTestDatabase();
  await registerRecipients(db.orm, { guilds: [KEPT, DELETES, SEPARATE, NEWS], users: [{ userId: USER }] });
  // this file is about the lifecycle, not storms: its many alerts in a few seconds never fold
  await db.orm.em
    .getConnection()
    .execute(`insert into bot_config (key, value, updated_at) values ('digest.max_alerts', '100', ?)`, [
      Date.now(),
    ]);
  // as /config setup records an announcement channel
  await db.orm.em
    .getConnection()
    .execute(`insert into alert_channels (channel_id, announcement, updated_at) values (?, 1, ?)`, [
      NEWS.channelId,
      Date.now(),
    ]);
  await setPreferences(db.orm, `guild:${SEPARATE.guildId}`, { style: 'separate' });
});
afterAll(async () => {
  await discord.close();
  await temporal.close();
  await db.cleanup();
});

const title = (m: FakeMessage | undefined) => (m?.embeds[0] as APIEmbed | undefined)?.title;

/**
 * The message's versions, an edit that changed nothing folded into the one before: an alert tried
 * again after a lost answer edits the message once more, to the same state.
 */
const versions = (m: FakeMessage): APIEmbed[][] =>
  [...m.history.map((v) => v.embeds), m.embeds].filter(
    (embeds, i, all) => i === 0 || JSON.stringify(embeds) !== JSON.stringify(all[i - 1]),
  );

it('keeps one message per incident and recipient, edited in place, with every update as a reply', async () => {
  const { incidentId } = await storeOpenIncident(db.orm, { update: true });
  const conn = db.orm.em.getConnection();
  const addUpdate = async (n: number, status: string, body: string) => {
    const at = Date.now() + n * 1000;
    await conn.execute(
      `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
      [`${incidentId}n${n}`, incidentId, body, status, at, at, at],
    );
    await conn.execute(`update incidents set status = ? where id = ?`, [status, incidentId]);
    return `${incidentId}n${n}`;
  };
  const taskQueue = uniqueTaskQueue('lifecycle');
  const activities = deliveringActivities({
    orm: db.orm,
    client: temporal.client,
    taskQueue,
    discordApiBaseUrl: discord.apiBaseUrl,
  });

  await withWorker({ taskQueue, activities }, async () => {
    const fanOut = async (type: AlertType, referenceId: string) => {
      const fact: AlertFact = { type, referenceId, observedAt: new Date().toISOString() };
      await temporal.client.workflow.execute(alertFanoutWorkflow, {
        taskQueue,
        workflowId: `alert-${type}-${referenceId}-${taskQueue}`,
        args: [{ fact, delivery: { retryMaxDelaySeconds: 1, maxAgeSeconds: 3_600 } }],
      });
    };

    await fanOut('incident', incidentId);
    // the answers to the first update's posts are lost: Discord created them, VRCPulse did not hear
    discord.dropAnswers(2);
    await fanOut('incident_update', await addUpdate(1, 'identified', 'We found the cause.'));
    await fanOut('incident_update', await addUpdate(2, 'identified', 'A fix is being deployed.'));

    const [kept] = await rows<{ message_id: string }>(
      db.orm,
      `select message_id from alert_messages where recipient = ?`,
      [`guild:${DELETES.guildId}`],
    );
    expect(discord.deleteMessage(DELETES.channelId, kept!.message_id)).toBe(true);
    await registerRecipients(db.orm, { users: [{ userId: LATE_USER }] });

    await fanOut('incident_update', await addUpdate(3, 'monitoring', 'The fix is out; we are watching.'));
    await fanOut('incident_update', await addUpdate(4, 'monitoring', 'Error rates are back to normal.'));
    await addUpdate(5, 'resolved', 'This incident has been resolved.');
    await conn.execute(`update incidents set resolved_at = ? where id = ?`, [Date.now() + 5000, incidentId]);
    await fanOut('incident_resolved', incidentId);
  });

  const replyTitles = [
    'Incident update: Login failures',
    'Incident update: Login failures',
    'Incident update: Login failures',
    'Incident update: Login failures',
    'Resolved: Login failures',
  ];
  // A server and a DM user that kept their message: one message, five edits, five replies under it.
  for (const target of [KEPT.channelId, USER]) {
    const [incidentMessage, ...replies] = discord.messagesTo(target);
    const states = versions(incidentMessage!);
    expect({ target, edits: states.length - 1, replies: replies.length }).toEqual({
      target,
      edits: 5,
      replies: 5,
    });
    expect(incidentMessage!.embeds[0]!.fields).toContainEqual(expect.objectContaining({ name: 'Lasted' }));
    // each state in turn: open with the latest update's text, then resolved
    expect(states.map((embeds) => [embeds[0]?.title, embeds[0]?.description])).toEqual([
      ['Incident: Login failures', 'Still looking'],
      ['Incident: Login failures', 'We found the cause.'],
      ['Incident: Login failures', 'A fix is being deployed.'],
      ['Incident: Login failures', 'The fix is out; we are watching.'],
      ['Incident: Login failures', 'Error rates are back to normal.'],
      ['Resolved: Login failures', 'This incident has been resolved.'],
    ]);
    expect(replies.map((r) => r.referencedMessageId)).toEqual(replies.map(() => incidentMessage!.id));
    expect(replies.map(title)).toEqual(replyTitles);
  }

  // The server whose message was deleted: the third update posted a new one (no reply), the fourth
  // and the resolution edited it and replied; the first two replies still hang under the old one.
  const deletedOne = discord.deletedMessages.find((m) => m.channelId === DELETES.channelId)!;
  const left = discord.messagesTo(DELETES.channelId);
  expect(left.map((m) => m.referencedMessageId ?? null)).toEqual([
    deletedOne.id,
    deletedOne.id,
    null,
    left[2]!.id,
    left[2]!.id,
  ]);
  expect(versions(left[2]!)).toHaveLength(3);
  expect(title(left[2])).toBe('Resolved: Login failures');

  // The user who registered mid-incident: the current state as one new message, then edits and replies.
  const late = discord.messagesTo(LATE_USER);
  expect(late.map((m) => m.referencedMessageId ?? null)).toEqual([null, late[0]!.id, late[0]!.id]);
  expect(late[0]!.history[0]!.embeds[0]!.description).toBe('The fix is out; we are watching.');

  // The server that chose a new message per alert: six messages, none edited, none a reply.
  const separate = discord.messagesTo(SEPARATE.channelId);
  expect(separate.map(title)).toEqual(['New incident: Login failures', ...replyTitles]);
  expect(separate.every((m) => m.edits === 0 && m.referencedMessageId === undefined)).toBe(true);

  // The announcement channel: every new message published to following servers, until Discord's
  // hourly limit refused the sixth; that one was delivered all the same, at once.
  const news = discord.messagesTo(NEWS.channelId);
  expect(news).toHaveLength(6);
  expect(discord.crossposts.map((c) => c.messageId)).toEqual(
    news.slice(0, CROSSPOSTS_PER_HOUR).map((m) => m.id),
  );
  expect(news.map((m) => m.crossposted ?? false)).toEqual([true, true, true, true, true, false]);

  // Lost answers never became second messages: every recipient holds exactly one row per alert.
  const perAlert = await rows<{ n: number }>(
    db.orm,
    `select count(*) as n from sent_alerts group by alert_type, reference_id, guild_id, user_id having n > 1`,
  );
  expect(perAlert).toEqual([]);
  expect(await rows(db.orm, 'select count(*) as n from pending_sends')).toEqual([{ n: 0 }]);
  // one recorded message per recipient in the lifecycle style (the deleted one replaced)
  const recorded = await rows<{ recipient: string; message_id: string }>(
    db.orm,
    'select recipient, message_id from alert_messages order by recipient',
  );
  expect(recorded).toEqual([
    { recipient: `guild:${KEPT.guildId}`, message_id: discord.messagesTo(KEPT.channelId)[0]!.id },
    { recipient: `guild:${DELETES.guildId}`, message_id: left[2]!.id },
    { recipient: `guild:${NEWS.guildId}`, message_id: news[0]!.id },
    { recipient: `user:${USER}`, message_id: discord.messagesTo(USER)[0]!.id },
    { recipient: `user:${LATE_USER}`, message_id: late[0]!.id },
  ]);
}, 120_000);

it('keeps one message per maintenance, edited from announced to in progress to completed', async () => {
  const maintenanceId = `mnt${Date.now().toString(36)}`;
  const conn = db.orm.em.getConnection();
  const start = Date.parse('2026-12-20T02:00:00.000Z');
  await conn.execute(
    `insert into maintenances (id, title, status, scheduled_for, scheduled_until, status_changed_at, created_at, updated_at)
     values (?, 'Database upgrade', 'scheduled', ?, ?, ?, ?, ?)`,
    [maintenanceId, start, start + 2 * 3600_000, Date.now(), Date.now(), Date.now()],
  );
  const taskQueue = uniqueTaskQueue('lifecycle-mnt');
  const activities = deliveringActivities({
    orm: db.orm,
    client: temporal.client,
    taskQueue,
    discordApiBaseUrl: discord.apiBaseUrl,
  });
  await withWorker({ taskQueue, activities }, async () => {
    for (const [type, status] of [
      ['maintenance', null],
      ['maintenance_started', 'in_progress'],
      ['maintenance_completed', 'completed'],
    ] as const) {
      if (status)
        await conn.execute(`update maintenances set status = ? where id = ?`, [status, maintenanceId]);
      await temporal.client.workflow.execute(alertFanoutWorkflow, {
        taskQueue,
        workflowId: `alert-${type}-${maintenanceId}`,
        args: [{ fact: { type, referenceId: maintenanceId, observedAt: new Date().toISOString() } }],
      });
    }
  });

  for (const target of [KEPT.channelId, USER]) {
    const ours = discord
      .messagesTo(target)
      .filter(
        (m) =>
          /maintenance/i.test(title(m) ?? '') ||
          m.history.some((v) => /maintenance/i.test(v.embeds[0]?.title ?? '')),
      );
    const [message, ...replies] = ours;
    expect(versions(message!).map((embeds) => embeds[0]?.title)).toEqual([
      'Scheduled maintenance: Database upgrade',
      'Maintenance started: Database upgrade',
      'Maintenance completed: Database upgrade',
    ]);
    // its window, in Discord timestamps every reader sees in their own time zone
    expect(JSON.stringify(message!.embeds[0]!.fields)).toContain(`<t:${start / 1000}:f>`);
    expect(replies.map((r) => [title(r), r.referencedMessageId])).toEqual([
      ['Maintenance started: Database upgrade', message!.id],
      ['Maintenance completed: Database upgrade', message!.id],
    ]);
  }
}, 60_000);
