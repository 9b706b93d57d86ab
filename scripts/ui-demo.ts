/**
 * A local VRCPulse with something to look at in the Temporal UI, for docs/operations.md and its
 * screenshots: `npm start` (dist/src/main.js) in a temp folder, against the test suite's fake VRChat
 * (an open incident, a scheduled maintenance, metrics) and fake Discord (three servers, two DM users),
 * with 200 days of old metric rows for the retention run to delete. It then adds an update to the
 * incident and resolves it (three fan-outs of one incident), triggers the retention schedule once,
 * prints the UI's addresses and stays up until Ctrl-C.
 *
 *   npm run build && npx tsc -p tsconfig.json --outDir /tmp/vrcpulse-ui-demo \
 *     && node /tmp/vrcpulse-ui-demo/scripts/ui-demo.js
 *
 * Ports: Temporal 17233, its UI 18233 (UI_DEMO_TEMPORAL_PORT / UI_DEMO_UI_PORT), so it does not
 * collide with a real `npm start`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { openMigratedOrm } from '../src/db/migrate';
import { pollNowSignal, POLL_WORKFLOW_IDS } from '../src/contracts/polling';
import { RETENTION_SCHEDULE_ID } from '../src/contracts/retention';
import { METRIC_FEEDS } from '../src/vrchat';
import { startFakeDiscord } from '../test/fakes/discord-server';
import {
  incident,
  incidentsPayload,
  maintenance,
  maintenancesPayload,
  metricFeed,
  summary,
  type UpdateSpec,
  vrchatComponents,
} from '../test/fakes/statuspage-builders';
import { startFakeVrchat } from '../test/fakes/vrchat-server';
import { registerRecipients, snowflake } from '../test/harness/registrations';

const TOKEN = 'ui-demo-bot-token-0000000000000000000000';
const TEMPORAL_PORT = Number(process.env.UI_DEMO_TEMPORAL_PORT ?? 17233);
const UI_PORT = Number(process.env.UI_DEMO_UI_PORT ?? 18233);
const INCIDENT_ID = 'dq2x8v4lmbn7';
const DAY_MS = 24 * 60 * 60 * 1000;

const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-ui-demo-'));
  const now = Date.now();
  const vrchat = await startFakeVrchat();
  const discord = await startFakeDiscord({ token: TOKEN });

  const started = now - 40 * 60_000;
  const updates: UpdateSpec[] = [
    {
      id: 'dq2x8v4u0001',
      status: 'investigating',
      body: 'We are investigating reports of login failures.',
      createdAt: iso(started),
    },
  ];
  const incidentPayload = (status: string) =>
    incidentsPayload([
      incident({
        id: INCIDENT_ID,
        name: 'Login failures for some users',
        status,
        impact: 'major',
        createdAt: iso(started),
        updates,
      }),
    ]);
  vrchat.set(
    '/api/v2/summary.json',
    summary({
      updatedAt: iso(now - 30 * 60_000),
      indicator: 'major',
      components: vrchatComponents({ login: 'major_outage', apiGroup: 'partial_outage' }),
    }),
  );
  vrchat.set('/api/v2/incidents.json', incidentPayload('investigating'));
  vrchat.set(
    '/api/v2/scheduled-maintenances.json',
    maintenancesPayload([
      maintenance({
        id: 'mq7d3k9r2pzt',
        name: 'Database upgrade',
        status: 'scheduled',
        scheduledFor: iso(now + 2 * DAY_MS),
        scheduledUntil: iso(now + 2 * DAY_MS + 2 * 60 * 60_000),
        createdAt: iso(now - DAY_MS),
        updates: [
          { id: 'mq7d3k9u0001', status: 'scheduled', body: 'Planned work.', createdAt: iso(now - DAY_MS) },
        ],
      }),
    ]),
  );
  const feedStart = Math.floor((now - 3 * 60 * 60_000) / 60_000) * 60;
  METRIC_FEEDS.forEach((feed, i) =>
    vrchat.set(
      feed.path,
      metricFeed(
        feedStart,
        Array.from({ length: 180 }, (_, j) => 100 * (i + 1) + 10 * Math.sin(j / 10)),
      ),
    ),
  );

  // The database, registered recipients and half a year of old metrics, before VRCPulse starts.
  const databasePath = join(dir, 'data', 'vrcpulse.db');
  const { orm } = await openMigratedOrm(databasePath);
  await registerRecipients(orm, {
    guilds: [1, 2, 3].map((n) => ({ guildId: snowflake(n), channelId: snowflake(100 + n) })),
    users: [4, 5].map((n) => ({ userId: snowflake(n) })),
  });
  await orm.em.getConnection().execute(
    `with recursive h(n) as (select 0 union all select n + 1 from h where n < ${200 * 24 - 1})
     insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at)
     select 'visits', 50000, 'count', 3600, ? - n * 3600000, ? from h`,
    [now - 100 * DAY_MS, now - 100 * DAY_MS],
  );
  await orm.close();

  const app: ChildProcess = spawn(process.execPath, [join(process.cwd(), 'dist', 'src', 'main.js')], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH,
      TEMPORAL_DEV_PORT: String(TEMPORAL_PORT),
      TEMPORAL_UI_PORT: String(UI_PORT),
      VRCHAT_STATUS_BASE_URL: vrchat.statusBaseUrl,
      VRCHAT_METRICS_BASE_URL: vrchat.metricsBaseUrl,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_BASE_URL: discord.apiBaseUrl,
      LOG_LEVEL: 'warn',
    },
  });
  const stop = async () => {
    app.kill('SIGINT');
    await new Promise((r) => app.once('exit', r));
    await vrchat.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));

  const connection = await until('Temporal', () =>
    Connection.connect({ address: `127.0.0.1:${TEMPORAL_PORT}`, connectTimeout: 1000 }),
  );
  const client = new Client({ connection });
  const fanout = (type: string, referenceId: string) =>
    until(`alert-${type}-${referenceId}`, async () => {
      const handle = client.workflow.getHandle(`alert-${type}-${referenceId}`);
      await handle.result();
      return handle;
    });

  await fanout('incident', INCIDENT_ID);
  updates.push({
    id: 'dq2x8v4u0002',
    status: 'identified',
    body: 'The issue has been identified and a fix is being rolled out.',
    createdAt: iso(Date.now()),
  });
  vrchat.set('/api/v2/incidents.json', incidentPayload('identified'));
  await client.workflow.getHandle(POLL_WORKFLOW_IDS.incident).signal(pollNowSignal);
  await fanout('incident_update', 'dq2x8v4u0002');
  updates.push({
    id: 'dq2x8v4u0003',
    status: 'resolved',
    body: 'Logins work again for everyone.',
    createdAt: iso(Date.now()),
  });
  vrchat.set('/api/v2/incidents.json', incidentPayload('resolved'));
  await client.workflow.getHandle(POLL_WORKFLOW_IDS.incident).signal(pollNowSignal);
  await fanout('incident_resolved', INCIDENT_ID);

  const schedule = client.schedule.getHandle(RETENTION_SCHEDULE_ID);
  await schedule.trigger();
  const retentionId = await until('the retention run', async () => {
    const id = (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId;
    if (id) await client.workflow.getHandle(id).result();
    return id;
  });

  const ui = `http://127.0.0.1:${UI_PORT}/namespaces/default`;
  const run = async (id: string) =>
    `${ui}/workflows/${encodeURIComponent(id)}/${(await client.workflow.getHandle(id).describe()).runId}/history`;
  const query = encodeURIComponent(`VrcpulseIncidentId="${INCIDENT_ID}"`);
  process.stdout.write(
    [
      '',
      `poll loop      ${await run(POLL_WORKFLOW_IDS.incident)}`,
      `alert fan-out  ${await run(`alert-incident_update-dq2x8v4u0002`)}`,
      `incident query ${ui}/workflows?query=${query}`,
      `schedule       ${ui}/schedules/${RETENTION_SCHEDULE_ID}`,
      `retention run  ${await run(retentionId)}`,
      `discord        ${discord.messages.length} messages delivered`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
