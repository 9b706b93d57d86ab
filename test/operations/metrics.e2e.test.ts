/**
 * The metrics an operator alerts on, from the real worker process (`npm run worker` with
 * METRICS_PORT) and the delivery process it runs: alert recipients delivered, refused and by type;
 * Discord's 429s (by scope) and invalid requests, counted in the delivery process and served by the
 * worker; each source's seconds since its last success; player reports by type and outcome.
 */
import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { alertWorkflowId, fanoutProgressQuery } from '../../src/contracts/alerts';
import { POLL_SOURCES, POLL_WORKFLOW_IDS, pollNowSignal, pollStateQuery } from '../../src/contracts/polling';
import { submitReport } from '../../src/reports/client';
import { METRIC_FEEDS } from '../../src/vrchat/index';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { incident, incidentsPayload, maintenancesPayload, summary } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { TEST_BOT_TOKEN } from '../harness/deps';
import { freePort } from '../harness/ports';
import { exitOf, spawnEntryPoint, waitForOutput, workerEnv } from '../harness/processes';
import { sampleSum, samples } from '../harness/prometheus';
import { registerRecipients, snowflake } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { harnessInfo } from '../harness/temporal';
import { waitFor } from '../harness/wait';

const NAMESPACE = 'vrcpulse-metrics';
const TASK_QUEUE = 'vrcpulse-metrics';
const GUILDS = Array.from({ length: 6 }, (_, i) => ({
  guildId: snowflake(500 + i),
  channelId: snowflake(600 + i),
}));
const USERS = [snowflake(700), snowflake(701)];
const REFUSING_CHANNEL = GUILDS[0]!.channelId;
const LIMITED_CHANNEL = GUILDS[1]!.channelId;
const SHARED_LIMIT_CHANNEL = GUILDS[2]!.channelId;
const INCIDENT_ID = 'metricsinc01';

let vrchat: FakeVrchat;
let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let connection: Connection;
let client: Client;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  vrchat = await startFakeVrchat();
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  connection = await Connection.connect({ address: harnessInfo().address });
  client = new Client({ connection, namespace: NAMESPACE });
  await registerRecipients(db.orm, { guilds: GUILDS, users: USERS.map((userId) => ({ userId })) });
});
afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  for (const id of POLL_SOURCES.map((s) => POLL_WORKFLOW_IDS[s])) {
    await client.workflow
      .getHandle(id)
      .terminate('test finished')
      .catch(() => undefined);
  }
  await connection?.close();
  await vrchat?.close();
  await discord?.close();
  await db?.cleanup();
});

it('counts deliveries, refusals, 429s, invalid requests, reports and source freshness', async () => {
  vrchat.set('/api/v2/summary.json', summary({ updatedAt: '2026-11-25T10:00:00.000Z', indicator: 'none' }));
  vrchat.set('/api/v2/incidents.json', incidentsPayload([]));
  vrchat.set('/api/v2/scheduled-maintenances.json', maintenancesPayload([], '2026-11-25T10:00:00.000Z'));
  for (const feed of METRIC_FEEDS) vrchat.set(feed.path, []);
  const metricsPort = await freePort();
  worker = spawnEntryPoint(
    'worker-main.js',
    workerEnv(NAMESPACE, db.path, {
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      VRCHAT_STATUS_BASE_URL: vrchat.statusBaseUrl,
      VRCHAT_METRICS_BASE_URL: vrchat.metricsBaseUrl,
      DISCORD_TOKEN: TEST_BOT_TOKEN,
      DISCORD_API_BASE_URL: discord.apiBaseUrl,
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'info',
    }),
  );
  await waitForOutput(worker, /delivery process polling/, 60_000);
  await waitFor(
    async () => {
      const state = await client.workflow.getHandle(POLL_WORKFLOW_IDS.incident).query(pollStateQuery);
      return state.lastSuccessAt !== null ? state : undefined;
    },
    45_000,
    'the incidents baseline',
  );

  // Discord refuses one channel for good and rate-limits two others once each (one of scope shared).
  discord.failChannel(REFUSING_CHANNEL, { status: 403, code: 50001 });
  discord.force429(`/channels/${LIMITED_CHANNEL}/messages`, { retryAfterSeconds: 0.2, scope: 'user' });
  discord.force429(`/channels/${SHARED_LIMIT_CHANNEL}/messages`, { retryAfterSeconds: 0.2, scope: 'shared' });
  const at = new Date(Date.now() - 60_000).toISOString();
  vrchat.set(
    '/api/v2/incidents.json',
    incidentsPayload([
      incident({
        id: INCIDENT_ID,
        name: 'Logins failing',
        status: 'investigating',
        impact: 'major',
        createdAt: at,
        updates: [{ id: 'metricsupd01', status: 'investigating', body: 'Looking.', createdAt: at }],
      }),
    ]),
  );
  await client.workflow.getHandle(POLL_WORKFLOW_IDS.incident).signal(pollNowSignal);
  const fanout = client.workflow.getHandle(alertWorkflowId({ type: 'incident', referenceId: INCIDENT_ID }));
  await waitFor(
    async () => {
      const progress = await fanout.query(fanoutProgressQuery);
      return progress.phase === 'done' ? progress : undefined;
    },
    60_000,
    'the incident fan-out',
  );

  // Two reports: one by a registered user, one by a stranger.
  const report = (interaction: number, userId: string) =>
    submitReport(client, TASK_QUEUE, {
      interactionId: snowflake(900 + interaction),
      userId,
      guildId: null,
      channelId: null,
      type: 'login',
      details: null,
    });
  expect((await report(1, USERS[0]!)).status).toBe('accepted');
  expect((await report(2, snowflake(999))).status).toBe('not_registered');

  const scrape = async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const incidentType = { alert_type: 'incident' };
  // Counters reach the exporter a moment after the workflow and the delivery process add to them.
  const text = await waitFor(
    async () => {
      const t = await scrape();
      const done =
        sampleSum(t, 'vrcpulse_alert_recipients_delivered_total', incidentType) === 7 &&
        sampleSum(t, 'vrcpulse_reports_total') === 2 &&
        samples(t, 'vrcpulse_source_last_success_age_seconds').length === POLL_SOURCES.length;
      return done ? t : undefined;
    },
    30_000,
    'the counters on /metrics',
  );
  expect(sampleSum(text, 'vrcpulse_alert_recipients_failed_total', incidentType)).toBe(1);
  expect(sampleSum(text, 'vrcpulse_alert_recipients_expired_total')).toBe(0);
  expect(sampleSum(text, 'vrcpulse_discord_rate_limited_total', { scope: 'user' })).toBe(1);
  expect(sampleSum(text, 'vrcpulse_discord_rate_limited_total', { scope: 'shared' })).toBe(1);
  // the same rule as Discord's (and the fake's) invalid-request accounting: 403 and the user-scope 429
  expect(sampleSum(text, 'vrcpulse_discord_invalid_requests_total', { status: '403' })).toBe(1);
  expect(sampleSum(text, 'vrcpulse_discord_invalid_requests_total', { status: '429' })).toBe(1);
  expect(sampleSum(text, 'vrcpulse_discord_invalid_requests_total')).toBe(discord.countInvalid);
  expect(sampleSum(text, 'vrcpulse_reports_total', { report_type: 'login', outcome: 'accepted' })).toBe(1);
  expect(sampleSum(text, 'vrcpulse_reports_total', { report_type: 'login', outcome: 'not_registered' })).toBe(
    1,
  );
  for (const source of POLL_SOURCES) {
    const [[, age] = [{}, NaN]] = samples(text, 'vrcpulse_source_last_success_age_seconds', { source });
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(120);
    expect(sampleSum(text, 'vrcpulse_source_consecutive_failures', { source })).toBe(0);
  }
  expect(text).toMatch(/^# HELP vrcpulse_alert_recipients_delivered_total alert messages delivered/m);

  // The delivery process's event loop, measured there every 10 s and served here.
  await waitFor(
    async () => samples(await scrape(), 'vrcpulse_event_loop_delay_max_seconds', { process: 'delivery' })[0],
    30_000,
    "the delivery process's event-loop gauge",
  );

  worker.kill('SIGTERM');
  expect(await exitOf(worker)).toEqual({ code: 0, signal: null });
}, 180_000);
