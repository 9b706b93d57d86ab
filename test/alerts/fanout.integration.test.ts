/**
 * Alerts end to end: fake VRChat -> real poll loops -> real fan-out workflows -> fake Discord, with a
 * real SQLite file. Every alert type, per-recipient language, embed limits, re-runs that send
 * nothing twice, and every Discord error class.
 */
import type { Client } from '@temporalio/client';
import { createActivities } from '../../src/activities/index';
import { type FanoutProgress } from '../../src/contracts/alerts';
import { submitReport } from '../../src/reports/client';
import { alertFanoutWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import {
  incident,
  incidentsPayload,
  maintenance,
  maintenancesPayload,
  metricFeed,
  summary,
  vrchatComponents,
  type UpdateSpec,
} from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { rows } from '../harness/db-rows';
import { TEST_BOT_TOKEN, testActivityDeps } from '../harness/deps';
import { withPollLoop } from '../harness/poll-loop';
import { registerRecipients } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';
import { METRIC_FEEDS } from '../../src/vrchat/index';

/** 17-19 digit ids, so @discordjs/rest queues each channel on its own. */
const id = (n: number) => String(200000000000000000n + BigInt(n));
const EN_GUILD = { guildId: id(1), channelId: id(101), language: 'en' as const };
const KO_GUILD = { guildId: id(2), channelId: id(102), language: null, locale: 'ko' };
const KO_USER = { userId: id(3), language: 'ko' as const };
const EN_USER = { userId: id(4), language: null, locale: 'en-US' };
const RECIPIENTS = [EN_GUILD.channelId, KO_GUILD.channelId, KO_USER.userId, EN_USER.userId];
const EN_FOOTERS = /VRChat Status|VRChat CloudFront metrics|VRCPulse user reports/;
const KO_FOOTERS = /VRChat 공식 상태 페이지|VRChat CloudFront 지표|VRCPulse 유저 제보/;

async function fanoutResult(client: Client, workflowId: string): Promise<FanoutProgress> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return (await client.workflow.getHandle(workflowId).result()) as FanoutProgress;
    } catch (err) {
      if (Date.now() > deadline || !String(err).includes('not found')) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function expectOneEachInLanguage(discord: FakeDiscord, titlePattern: RegExp, sinceIndex: number) {
  const fresh = discord.messages.slice(sinceIndex);
  expect(fresh).toHaveLength(4);
  for (const target of RECIPIENTS) {
    const mine = fresh.filter((m) => m.channelId === target || m.userId === target);
    expect(mine).toHaveLength(1);
    const embed = mine[0]!.embeds[0]!;
    expect(embed.title).toMatch(titlePattern);
    const korean = target === KO_GUILD.channelId || target === KO_USER.userId;
    expect(embed.footer?.text).toMatch(korean ? KO_FOOTERS : EN_FOOTERS);
  }
}

describe('alerts end to end', () => {
  let temporal: TestTemporal;
  let vrchat: FakeVrchat;
  let discord: FakeDiscord;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const NAMESPACE = 'vrcpulse-alerts';

  beforeEach(async () => {
    // Alert workflow ids are global per namespace (alert-threshold-threshold_instance_<block>, ...):
    // other files file reports and alerts too, so this file, which asserts on fan-out results, has
    // a namespace of its own.
    temporal = await connectClient(NAMESPACE);
    vrchat = await startFakeVrchat();
    discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
    db = await createTestDatabase();
    await registerRecipients(db.orm, { guilds: [EN_GUILD, KO_GUILD], users: [KO_USER, EN_USER] });
  });
  afterEach(async () => {
    await temporal.close();
    await vrchat.close();
    await discord.close();
    await db.cleanup();
  });

  const loop = (source: 'status' | 'incident' | 'maintenance' | 'metrics') => ({
    client: temporal.client,
    orm: db.orm,
    fake: vrchat,
    source,
    discordApiBaseUrl: discord.apiBaseUrl,
    server: temporal.info,
  });

  it("sends incident, update and resolution alerts once each, in each recipient's language, whatever the body size", async () => {
    const PATH = '/api/v2/incidents.json';
    const old = incident({
      id: 'oldincident1',
      name: 'Old outage',
      status: 'resolved',
      impact: 'minor',
      createdAt: '2026-10-01T10:00:00.000Z',
      updates: [
        { id: 'oldupdate001', status: 'resolved', body: 'Done.', createdAt: '2026-10-01T11:00:00.000Z' },
      ],
    });
    const longBody = `<p>Players cannot join instances.</p>${' We are investigating. 🔍'.repeat(400)}`.slice(
      0,
      10_000,
    );
    const u1: UpdateSpec = {
      id: 'liveupdate01',
      status: 'investigating',
      body: longBody,
      createdAt: '2026-11-25T10:00:00.000Z',
    };
    const u2: UpdateSpec = {
      id: 'liveupdate02',
      status: 'identified',
      body: 'Found it.',
      createdAt: '2026-11-25T10:10:00.000Z',
    };
    const u3: UpdateSpec = {
      id: 'liveupdate03',
      status: 'resolved',
      body: 'Fixed.',
      createdAt: '2026-11-25T10:30:00.000Z',
    };
    const live = (status: string, updates: UpdateSpec[]) =>
      incident({
        id: 'liveincident',
        name: 'Instance joins failing',
        status,
        impact: 'major',
        createdAt: '2026-11-25T10:00:00.000Z',
        updates,
      });

    await withPollLoop(loop('incident'), async (poll) => {
      vrchat.set(PATH, incidentsPayload([old]));
      await poll.firstCycle();
      expect(discord.messages).toHaveLength(0);

      vrchat.set(PATH, incidentsPayload([live('investigating', [u1]), old]));
      await poll.cycle();
      const opened = await fanoutResult(temporal.client, 'alert-incident-liveincident');
      expect(opened).toMatchObject({ phase: 'done', delivered: 4, alreadySent: 0, failedPermanently: 0 });
      expectOneEachInLanguage(discord, /Instance joins failing/, 0);
      expect(discord.messagesTo(EN_GUILD.channelId)[0]!.embeds[0]!.description!.length).toBeLessThanOrEqual(
        4096,
      );

      // level-triggered facts are re-emitted; nothing is sent twice
      await poll.cycle();
      await poll.cycle();
      expect(discord.messages).toHaveLength(4);

      vrchat.set(PATH, incidentsPayload([live('identified', [u1, u2]), old]));
      await poll.cycle();
      expect(await fanoutResult(temporal.client, 'alert-incident_update-liveupdate02')).toMatchObject({
        delivered: 4,
      });
      expectOneEachInLanguage(discord, /Instance joins failing/, 4);

      vrchat.set(PATH, incidentsPayload([live('resolved', [u1, u2, u3]), old]));
      await poll.cycle();
      expect(await fanoutResult(temporal.client, 'alert-incident_resolved-liveincident')).toMatchObject({
        delivered: 4,
      });
      expectOneEachInLanguage(discord, /Instance joins failing/, 8);
      await poll.cycle();
    });

    expect(discord.messages).toHaveLength(12);
    expect(
      await rows(db.orm, 'select alert_type, count(*) as n from sent_alerts group by 1 order by 1'),
    ).toEqual([
      { alert_type: 'incident', n: 4 },
      { alert_type: 'incident_resolved', n: 4 },
      { alert_type: 'incident_update', n: 4 },
    ]);
    // one DM channel per user, opened once and cached for the later alerts
    expect(discord.dmChannelCreates).toBe(2);
    expect(
      await rows(db.orm, 'select count(*) as n from user_configs where dm_channel_id is not null'),
    ).toEqual([{ n: 2 }]);
    expect(discord.count429Global).toBe(0);
  });

  it('sends status, maintenance and metric alerts from their loops', async () => {
    await withPollLoop(loop('status'), async (poll) => {
      vrchat.set(
        '/api/v2/summary.json',
        summary({ updatedAt: '2026-11-25T10:00:00.000Z', indicator: 'none' }),
      );
      await poll.firstCycle();
      vrchat.set(
        '/api/v2/summary.json',
        summary({
          updatedAt: '2026-11-25T10:05:00.000Z',
          indicator: 'major',
          components: vrchatComponents({ login: 'major_outage', apiGroup: 'partial_outage' }),
        }),
      );
      await poll.cycle();
      const result = await fanoutResult(temporal.client, 'alert-status-major_2026-11-25T10:05:00.000Z');
      expect(result).toMatchObject({ delivered: 4 });
      const embed = discord.messagesTo(EN_GUILD.channelId)[0]!.embeds[0]!;
      expect(JSON.stringify(embed)).toContain('🔴');
      // components under their group's name, as /status shows them; the group's own row, which
      // only repeats its worst child, is not listed
      expect(embed.fields).toContainEqual({
        name: 'API / Website',
        value: '🔴 Login & Accounts — Major outage',
      });
      expect(JSON.stringify(embed.fields)).not.toMatch(/API \/ Website — /);
    });

    const PATH = '/api/v2/scheduled-maintenances.json';
    const m = (status: string) =>
      maintenance({
        id: 'maintenance1',
        name: 'Database upgrade',
        status,
        scheduledFor: '2026-11-26T08:00:00.000Z',
        scheduledUntil: '2026-11-26T10:00:00.000Z',
        createdAt: '2026-11-25T12:00:00.000Z',
        updates: [
          {
            id: 'mupdate00001',
            status: 'scheduled',
            body: 'Planned.',
            createdAt: '2026-11-25T12:00:00.000Z',
          },
        ],
      });
    await withPollLoop(loop('maintenance'), async (poll) => {
      vrchat.set(PATH, maintenancesPayload([]));
      await poll.firstCycle();
      for (const [status, type] of [
        ['scheduled', 'maintenance'],
        ['in_progress', 'maintenance_started'],
        ['completed', 'maintenance_completed'],
      ] as const) {
        vrchat.set(PATH, maintenancesPayload([m(status)]));
        await poll.cycle();
        expect(await fanoutResult(temporal.client, `alert-${type}-maintenance1`)).toMatchObject({
          delivered: 4,
        });
      }
    });

    // metrics: a normal first day, then latency climbs past 1,000 ms, then recovers
    const minute = 60;
    const start = Math.floor(Date.now() / 1000 / minute) * minute - 60 * minute;
    const normal = (n: number) => Array.from({ length: n }, () => 0.12);
    const setFeeds = (latencies: number[]) => {
      for (const feed of METRIC_FEEDS) {
        // healthy values for the other feeds: few errors, auth mostly succeeding
        const steady = feed.name === 'api_errors' ? 0.0001 : 0.99;
        vrchat.set(
          feed.path,
          metricFeed(start, feed.name === 'api_latency' ? latencies : latencies.map(() => steady)),
        );
      }
    };
    // a short recovery period, so the episode can end inside the hour of points served
    await db.orm.em
      .getConnection()
      .execute(`insert or replace into bot_config (key, value, updated_at) values (?, ?, ?)`, [
        'alert.metrics.recovery_minutes',
        '3',
        Date.now(),
      ]);
    await withPollLoop(loop('metrics'), async (poll) => {
      setFeeds(normal(40));
      await poll.firstCycle();
      setFeeds([...normal(40), 3, 3.5, 4, 3.2, 3.1, 3.3]);
      const breach = await poll.cycle();
      const metricFact = breach.lastResult!.facts.find((f) => f.type === 'metric')!;
      expect(metricFact.referenceId).toMatch(/^cloudfront_api_latency_\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      const breachResult = await fanoutResult(temporal.client, `alert-metric-${metricFact.referenceId}`);
      expect(breachResult).toMatchObject({ delivered: 4 });

      setFeeds([...normal(40), 3, 3.5, 4, 3.2, 3.1, 3.3, ...normal(12)]);
      const recovered = await poll.cycle();
      const recoveryFact = recovered.lastResult!.facts.find((f) => f.type === 'metric_recovered')!;
      // the recovery names the episode it ends
      expect(recoveryFact.referenceId).toBe(
        metricFact.referenceId.replace('cloudfront_api_latency_', 'cloudfront_api_latency_recovered_'),
      );
      expect(
        await fanoutResult(temporal.client, `alert-metric_recovered-${recoveryFact.referenceId}`),
      ).toMatchObject({
        delivered: 4,
      });
    });

    expect(
      await rows(db.orm, 'select alert_type, count(*) as n from sent_alerts group by 1 order by 1'),
    ).toEqual([
      { alert_type: 'maintenance', n: 4 },
      { alert_type: 'maintenance_completed', n: 4 },
      { alert_type: 'maintenance_started', n: 4 },
      { alert_type: 'metric', n: 4 },
      { alert_type: 'metric_recovered', n: 4 },
      { alert_type: 'status', n: 4 },
    ]);
    expect(discord.messages).toHaveLength(24);
  });

  it('sends the user-report threshold alert once', async () => {
    const taskQueue = uniqueTaskQueue('threshold');
    const conn = db.orm.em.getConnection();
    await conn.execute(`update bot_config set value = '2' where key = 'report_threshold'`);
    await conn.execute(`update bot_config set value = '1' where key = 'report_min_sources'`);
    const deps = testActivityDeps({
      orm: db.orm,
      client: temporal.client,
      taskQueue,
      discordApiBaseUrl: discord.apiBaseUrl,
    });
    await withWorker(
      { taskQueue, activities: createActivities(deps) },
      async () => {
        const report = (n: number) => ({
          interactionId: id(900 + n),
          userId: id(500 + n),
          guildId: EN_GUILD.guildId,
          channelId: EN_GUILD.channelId,
          type: 'instance',
          details: null,
        });
        expect(await submitReport(temporal.client, taskQueue, report(1))).toMatchObject({ othersCount: 0 });
        expect(await submitReport(temporal.client, taskQueue, report(2))).toMatchObject({ othersCount: 1 });
        expect(await submitReport(temporal.client, taskQueue, report(3))).toMatchObject({ othersCount: 2 });
        // Report 2 reaches the threshold and starts its block's alert; report 3 joins it, or is held
        // back by the one-alert-per-type-an-hour limit if a block boundary fell in between.
        const [reached] = await rows<{ created_at: number }>(
          db.orm,
          'select created_at from user_reports where user_id = ?',
          [id(502)],
        );
        const block = new Date(Math.floor(reached!.created_at / 900_000) * 900_000)
          .toISOString()
          .slice(0, 16);
        const result = await fanoutResult(temporal.client, `alert-threshold-threshold_instance_${block}`);
        expect(result).toMatchObject({ delivered: 4 });
        const embed = discord.messagesTo(EN_GUILD.channelId)[0]!.embeds[0]!;
        expect(JSON.stringify(embed)).toMatch(/<t:\d+:/);
        expect(discord.messages).toHaveLength(4);
      },
      temporal.info,
    );
  });

  it('treats each Discord error class as final or transient, records it, and keeps going', async () => {
    const guilds = [
      { guildId: id(11), channelId: id(111) }, // fine
      { guildId: id(12), channelId: id(112) }, // unknown channel 10003 -> disabled
      { guildId: id(13), channelId: id(113) }, // missing access 50001 -> a first strike, stays enabled
      { guildId: id(14), channelId: id(114) }, // missing permissions 50013 -> a first strike, stays enabled
      { guildId: id(15), channelId: id(115) }, // 503 twice, then fine (retried by the REST client)
      { guildId: id(16), channelId: id(116) }, // a route 429 with retry_after, then fine
    ];
    const users = [{ userId: id(21) }, { userId: id(22) }]; // DMs closed 50007; no mutual guilds 50278
    await registerRecipients(db.orm, { guilds, users });
    discord.failChannel(id(112), { status: 404, code: 10003 });
    discord.failChannel(id(113), { status: 403, code: 50001 });
    discord.failChannel(id(114), { status: 403, code: 50013 });
    discord.failChannel(id(115), { status: 503, times: 2 });
    discord.force429(`/channels/${id(116)}/messages`, { retryAfterSeconds: 0.2, times: 1 });
    discord.failUser(id(21), { status: 403, code: 50007, on: 'dm-create' });
    discord.failUser(id(22), { status: 403, code: 50278, on: 'send' });
    await db.orm.em
      .getConnection()
      .execute(
        `insert into incidents (id, title, impact, status, started_at, created_at, updated_at) values ('errincident1', 'Errors', 'minor', 'investigating', 1, 1, 1)`,
      );

    const taskQueue = uniqueTaskQueue('errors');
    const deps = testActivityDeps({
      orm: db.orm,
      client: temporal.client,
      taskQueue,
      discordApiBaseUrl: discord.apiBaseUrl,
    });
    const result = await withWorker(
      { taskQueue, activities: createActivities(deps) },
      () =>
        temporal.client.workflow.execute(alertFanoutWorkflow, {
          taskQueue,
          workflowId: 'alert-incident-errincident1',
          args: [
            { fact: { type: 'incident', referenceId: 'errincident1', observedAt: new Date().toISOString() } },
          ],
        }),
      temporal.info,
    );

    expect(result).toMatchObject({
      phase: 'done',
      recipientsSeen: 12,
      delivered: 7,
      alreadySent: 0,
      failedPermanently: 5,
    });
    expect(result.failures.map((f) => [f.recipient, f.code, f.disabled]).sort()).toEqual(
      [
        [`guild:${id(12)}`, 10003, true],
        [`guild:${id(13)}`, 50001, false],
        [`guild:${id(14)}`, 50013, false],
        [`user:${id(21)}`, 50007, false],
        [`user:${id(22)}`, 50278, true],
      ].sort(),
    );
    // final errors are not retried: one request each
    for (const channel of [id(112), id(113), id(114)]) {
      expect(discord.requests.filter((r) => r.path.endsWith(`/channels/${channel}/messages`))).toHaveLength(
        1,
      );
    }
    expect(discord.messagesTo(id(115))).toHaveLength(1);
    expect(discord.messagesTo(id(116))).toHaveLength(1);
    expect(
      await rows(db.orm, 'select guild_id, disabled_reason from guild_configs where enabled = 0 order by 1'),
    ).toEqual([{ guild_id: id(12), disabled_reason: 'unknown_channel' }]);
    expect(
      await rows(
        db.orm,
        'select guild_id, failure_streak from guild_configs where failure_streak > 0 order by 1',
      ),
    ).toEqual([
      { guild_id: id(13), failure_streak: 1 },
      { guild_id: id(14), failure_streak: 1 },
    ]);
    expect(await rows(db.orm, 'select user_id from user_configs where enabled = 0')).toEqual([
      { user_id: id(22) },
    ]);
    expect(await rows(db.orm, 'select count(*) as n from sent_alerts')).toEqual([{ n: 7 }]);
    expect(discord.count429Global).toBe(0);
  });

  it('switches a server off after its channel refused three alerts in a row, keeping the reason; a delivery in between resets the count', async () => {
    const guilds = [
      { guildId: id(31), channelId: id(131) }, // missing permissions every time
      { guildId: id(32), channelId: id(132) }, // missing access every time
      { guildId: id(33), channelId: id(133) }, // refuses twice, works once, refuses again
    ];
    await registerRecipients(db.orm, { guilds });
    const taskQueue = uniqueTaskQueue('strikes');
    const deps = testActivityDeps({
      orm: db.orm,
      client: temporal.client,
      taskQueue,
      discordApiBaseUrl: discord.apiBaseUrl,
    });
    const alert = async (n: number) => {
      const incidentId = `strikeincid${n}`;
      await db.orm.em
        .getConnection()
        .execute(
          `insert into incidents (id, title, impact, status, started_at, created_at, updated_at) values (?, 'Strikes', 'minor', 'investigating', 1, 1, 1)`,
          [incidentId],
        );
      return temporal.client.workflow.execute(alertFanoutWorkflow, {
        taskQueue,
        workflowId: `alert-incident-${incidentId}`,
        args: [{ fact: { type: 'incident', referenceId: incidentId, observedAt: new Date().toISOString() } }],
      });
    };
    const refuseAll = (third: boolean) => {
      discord.clearFaults();
      discord.failChannel(id(131), { status: 403, code: 50013 });
      discord.failChannel(id(132), { status: 403, code: 50001 });
      if (third) discord.failChannel(id(133), { status: 403, code: 50013 });
    };
    const disabledOf = async () =>
      rows(
        db.orm,
        'select guild_id, enabled, disabled_reason, failure_streak from guild_configs where guild_id in (?, ?, ?) order by 1',
        [id(31), id(32), id(33)],
      );

    await withWorker(
      { taskQueue, activities: createActivities(deps) },
      async () => {
        refuseAll(true);
        await alert(1);
        await alert(2);
        refuseAll(false); // the third server's channel is fixed for one alert
        await alert(3);
        expect(await disabledOf()).toEqual([
          { guild_id: id(31), enabled: 0, disabled_reason: 'missing_permissions', failure_streak: 3 },
          { guild_id: id(32), enabled: 0, disabled_reason: 'missing_access', failure_streak: 3 },
          { guild_id: id(33), enabled: 1, disabled_reason: null, failure_streak: 0 },
        ]);
        refuseAll(true);
        const fourth = await alert(4);
        // the switched-off servers cost no request any more; the third is on its first strike again
        expect(fourth.failures.map((f) => f.recipient)).toEqual([`guild:${id(33)}`]);
        expect(discord.requests.filter((r) => r.path.endsWith(`/channels/${id(131)}/messages`))).toHaveLength(
          3,
        );
        expect((await disabledOf())[2]).toMatchObject({ enabled: 1, failure_streak: 1 });
      },
      temporal.info,
    );
  });
});
