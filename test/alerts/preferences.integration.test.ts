/**
 * What recipients chose, in real fan-outs (real workflows, a real SQLite file, the fake Discord):
 * a recipient that switched a kind off, or set a minimum impact above the incident's, costs no
 * request and gets no `sent_alerts` row (so changing the filter later replays nothing); a server's
 * role is pinged for a new incident of at least its impact and when a maintenance starts, with
 * `allowed_mentions` naming that role alone, never @everyone or a user an incident text names.
 */
import type { AlertFact, AlertType, FanoutProgress } from '../../src/contracts/alerts';
import { alertFanoutWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { rows } from '../harness/db-rows';
import { recordHistory } from '../harness/history';
import { deliveringActivities, TEST_BOT_TOKEN } from '../harness/deps';
import { storeOpenIncident } from '../harness/incidents';
import { registerRecipients, setPreferences } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';

const id = (n: number) => String(800000000000000000n + BigInt(n));
const EVERYTHING = { guildId: id(1), channelId: id(101) };
const MAJOR_ONLY = { guildId: id(2), channelId: id(102) };
const PINGS = { guildId: id(3), channelId: id(103) };
const ROLE = id(301);
const NO_MAINTENANCE = id(201); // a DM user

let temporal: TestTemporal;
let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  temporal = await connectClient();
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  await registerRecipients(db.orm, {
    guilds: [EVERYTHING, MAJOR_ONLY, PINGS],
    users: [{ userId: NO_MAINTENANCE }],
  });
  // as /config alerts and /config mention store them
  await setPreferences(db.orm, `guild:${MAJOR_ONLY.guildId}`, { min_impact: 'major' });
  await setPreferences(db.orm, `user:${NO_MAINTENANCE}`, { maintenances: 0 });
  await setPreferences(db.orm, `guild:${PINGS.guildId}`, {
    mention_role_id: ROLE,
    mention_min_impact: 'major',
    mention_maintenance: 1,
  });
});
afterAll(async () => {
  await discord.close();
  await temporal.close();
  await db.cleanup();
});

const requestsTo = (channelId: string) =>
  discord.requests.filter((r) => r.path.includes(`/channels/${channelId}/`)).length;

it('skips what a recipient filtered out at no cost, and pings only the chosen role for what it asked', async () => {
  const conn = db.orm.em.getConnection();
  const minor = await storeOpenIncident(db.orm);
  await conn.execute(`update incidents set impact = 'minor', title = ? where id = ?`, [
    'Slow logins',
    minor.incidentId,
  ]);
  const major = await storeOpenIncident(db.orm);
  // an incident text that names @everyone and a user must never ping them
  await conn.execute(`update incidents set title = ? where id = ?`, [
    `API down @everyone <@${id(999)}>`,
    major.incidentId,
  ]);
  const maintenanceId = `prf${Date.now().toString(36)}`.slice(0, 12);
  await conn.execute(
    `insert into maintenances (id, title, status, scheduled_for, scheduled_until, status_changed_at, created_at, updated_at)
     values (?, 'Database upgrade', 'in_progress', ?, ?, ?, ?, ?)`,
    [maintenanceId, Date.now(), Date.now() + 3_600_000, Date.now(), Date.now(), Date.now()],
  );

  const taskQueue = uniqueTaskQueue('preferences');
  const activities = deliveringActivities({
    orm: db.orm,
    client: temporal.client,
    taskQueue,
    discordApiBaseUrl: discord.apiBaseUrl,
  });
  const progress: Record<string, FanoutProgress> = {};
  await withWorker({ taskQueue, activities }, async () => {
    const fanOut = async (type: AlertType, referenceId: string) => {
      const fact: AlertFact = { type, referenceId, observedAt: new Date().toISOString() };
      const workflowId = `alert-${type}-${referenceId}-${taskQueue}`;
      progress[`${type}:${referenceId}`] = await temporal.client.workflow.execute(alertFanoutWorkflow, {
        taskQueue,
        workflowId,
        args: [{ fact, delivery: { retryMaxDelaySeconds: 1, maxAgeSeconds: 3_600 } }],
      });
      if (type === 'incident' && referenceId === minor.incidentId)
        await recordHistory(temporal.client.workflow.getHandle(workflowId), 'alert-fanout-v4-filtered');
    };
    await fanOut('incident', minor.incidentId);
    await fanOut('incident', major.incidentId);
    await fanOut('maintenance_started', maintenanceId);
  });

  // the minor incident: filtered for the server that asked for major and critical, at no request
  expect(progress[`incident:${minor.incidentId}`]).toMatchObject({ delivered: 3, filtered: 1 });
  expect(progress[`incident:${major.incidentId}`]).toMatchObject({ delivered: 4 });
  expect(progress[`incident:${major.incidentId}`]!.filtered).toBeUndefined();
  expect(progress[`maintenance_started:${maintenanceId}`]).toMatchObject({ delivered: 3, filtered: 1 });
  const titles = (target: string) => discord.messagesTo(target).map((m) => m.embeds[0]?.title);
  expect(titles(EVERYTHING.channelId)).toEqual([
    'Incident: Slow logins',
    'Incident: API down @everyone <@800000000000000999>',
    'Maintenance started: Database upgrade',
  ]);
  expect(titles(MAJOR_ONLY.channelId)).toEqual([
    'Incident: API down @everyone <@800000000000000999>',
    'Maintenance started: Database upgrade',
  ]);
  expect(requestsTo(MAJOR_ONLY.channelId)).toBe(2); // the major incident and the maintenance
  expect(titles(NO_MAINTENANCE)).toEqual([
    'Incident: Slow logins',
    'Incident: API down @everyone <@800000000000000999>',
  ]);
  // filtered alerts are not recorded as sent: a filter changed later replays nothing
  expect(
    await rows(
      db.orm,
      `select alert_type from sent_alerts where (guild_id = ? and reference_id = ?) or (user_id = ? and alert_type like 'maintenance%')`,
      [MAJOR_ONLY.guildId, minor.incidentId, NO_MAINTENANCE],
    ),
  ).toEqual([]);

  // pings: the role alone, for the major incident and the maintenance start, not the minor incident
  const pings = discord.messagesTo(PINGS.channelId).map((m) => [m.embeds[0]?.title, m.content, m.pinged]);
  expect(pings).toEqual([
    ['Incident: Slow logins', '', { everyone: false, roles: [], users: [] }],
    [
      'Incident: API down @everyone <@800000000000000999>',
      `<@&${ROLE}>`,
      { everyone: false, roles: [ROLE], users: [] },
    ],
    ['Maintenance started: Database upgrade', `<@&${ROLE}>`, { everyone: false, roles: [ROLE], users: [] }],
  ]);
  // nobody else was ever pinged
  for (const message of discord.messages.filter((m) => m.channelId !== PINGS.channelId))
    expect(message.pinged).toEqual({ everyone: false, roles: [], users: [] });
}, 90_000);

it("keeps an incident's updates coming to a recipient that got it, after VRChat lowered its impact below the minimum", async () => {
  const conn = db.orm.em.getConnection();
  const lowered = await storeOpenIncident(db.orm); // major: the server with a minimum of major gets it
  const stayedMinor = await storeOpenIncident(db.orm);
  await conn.execute(`update incidents set impact = 'minor', title = 'Minor all along' where id = ?`, [
    stayedMinor.incidentId,
  ]);
  const update = async (incidentId: string, status: string) => {
    const at = Date.now() + 1000;
    await conn.execute(
      `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
       values (?, ?, 'News.', ?, ?, ?, ?)`,
      [`${incidentId}x`, incidentId, status, at, at, at],
    );
    return `${incidentId}x`;
  };
  const taskQueue = uniqueTaskQueue('preferences-lowered');
  const activities = deliveringActivities({
    orm: db.orm,
    client: temporal.client,
    taskQueue,
    discordApiBaseUrl: discord.apiBaseUrl,
  });
  const fanOut = (type: AlertType, referenceId: string) =>
    temporal.client.workflow.execute(alertFanoutWorkflow, {
      taskQueue,
      workflowId: `alert-${type}-${referenceId}-${taskQueue}`,
      args: [
        {
          fact: { type, referenceId, observedAt: new Date().toISOString() },
          delivery: { retryMaxDelaySeconds: 1, maxAgeSeconds: 3_600 },
        },
      ],
    });
  await withWorker({ taskQueue, activities }, async () => {
    await fanOut('incident', lowered.incidentId);
    await fanOut('incident', stayedMinor.incidentId);
    await conn.execute(`update incidents set impact = 'minor' where id = ?`, [lowered.incidentId]);
    await fanOut('incident_update', await update(lowered.incidentId, 'monitoring'));
    await fanOut('incident_update', await update(stayedMinor.incidentId, 'monitoring'));
  });
  const sentToMajorOnly = await rows<{ alert_type: string; reference_id: string }>(
    db.orm,
    `select alert_type, reference_id from sent_alerts where guild_id = ? and reference_id like ? or (guild_id = ? and reference_id like ?) order by id`,
    [MAJOR_ONLY.guildId, `${lowered.incidentId}%`, MAJOR_ONLY.guildId, `${stayedMinor.incidentId}%`],
  );
  // the lowered incident's update reached it (an edit and a reply); the one minor all along did not
  expect(sentToMajorOnly).toEqual([
    { alert_type: 'incident', reference_id: lowered.incidentId },
    { alert_type: 'incident_update', reference_id: `${lowered.incidentId}x` },
  ]);
}, 90_000);
