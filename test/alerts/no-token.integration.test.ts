/**
 * No token, no loss: facts a worker finds while DISCORD_TOKEN is unset are not marked dispatched
 * (and no fan-out is started to fail); once the worker runs with a token, the next cycle delivers
 * them, as after a downtime. One poll loop, two workers in turn on its task queue: the first
 * without Discord, the second with the fake Discord.
 */
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../src/activities/index';
import { pollNowSignal, pollStateQuery } from '../../src/contracts/polling';
import { pollLoopWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { incident, incidentsPayload } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { TEST_BOT_TOKEN, testActivityDeps } from '../harness/deps';
import { recordHistory } from '../harness/history';
import { registerRecipients, snowflake } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';
import { waitFor } from '../harness/wait';

const NAMESPACE = 'vrcpulse-alerts';
const CHANNEL = snowflake(701);

let temporal: TestTemporal;
let vrchat: FakeVrchat;
let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  temporal = await connectClient(NAMESPACE);
  vrchat = await startFakeVrchat();
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  await registerRecipients(db.orm, { guilds: [{ guildId: snowflake(700), channelId: CHANNEL }] });
});
afterAll(async () => {
  await temporal?.close();
  await vrchat?.close();
  await discord?.close();
  await db?.cleanup();
});

it('keeps an alert found without a token and delivers it once a token is configured', async () => {
  // A fresh id: fan-out workflow ids are global in the namespace.
  const incidentId = `nt${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const now = new Date();
  vrchat.set(
    '/api/v2/incidents.json',
    incidentsPayload([
      incident({
        id: incidentId,
        name: 'Login failures',
        status: 'investigating',
        impact: 'major',
        createdAt: new Date(now.getTime() - 60_000).toISOString(),
        updates: [
          {
            id: `${incidentId}u1`,
            status: 'investigating',
            body: 'We are looking into it.',
            createdAt: new Date(now.getTime() - 60_000).toISOString(),
          },
        ],
      }),
    ]),
  );
  const taskQueue = uniqueTaskQueue('no-token');
  const fanoutId = `alert-incident-${incidentId}`;
  const deps = (discordApiBaseUrl?: string) =>
    createActivities(
      testActivityDeps({
        orm: db.orm,
        client: temporal.client,
        taskQueue,
        vrchat: { statusBaseUrl: vrchat.statusBaseUrl, metricsBaseUrl: vrchat.metricsBaseUrl },
        discordApiBaseUrl,
      }),
    );
  const server = { address: temporal.info.address, namespace: NAMESPACE };
  const handle = await temporal.client.workflow.start(pollLoopWorkflow, {
    taskQueue,
    workflowId: taskQueue,
    args: [{ source: 'incident', intervalSeconds: 3600 }],
  });
  try {
    // Without a token: the open incident is seen (first start alerts open incidents), nothing starts.
    await withWorker(
      { taskQueue, activities: deps() },
      async () => {
        await waitFor(
          async () => ((await handle.query(pollStateQuery)).cycles >= 1 ? true : undefined),
          60_000,
          'the first cycle',
        );
        await handle.signal(pollNowSignal);
        await waitFor(
          async () => ((await handle.query(pollStateQuery)).cycles >= 2 ? true : undefined),
          60_000,
          'a second cycle without a token',
        );
      },
      server,
    );
    await expect(temporal.client.workflow.getHandle(fanoutId).describe()).rejects.toThrow(/not found/i);
    expect(discord.messages).toHaveLength(0);

    // The worker comes back with a token: the next cycle dispatches the waiting fact.
    await withWorker(
      { taskQueue, activities: deps(discord.apiBaseUrl) },
      async () => {
        await handle.signal(pollNowSignal);
        await waitFor(() => (discord.messagesTo(CHANNEL).length > 0 ? true : undefined), 60_000, 'the alert');
        await temporal.client.workflow.getHandle(fanoutId).result();
        // and a later cycle does not send it again
        const cycles = (await handle.query(pollStateQuery)).cycles;
        await handle.signal(pollNowSignal);
        await waitFor(
          async () => ((await handle.query(pollStateQuery)).cycles > cycles ? true : undefined),
          60_000,
          'one more cycle',
        );
      },
      server,
    );
    expect(discord.messagesTo(CHANNEL)).toHaveLength(1);
    expect(discord.messagesTo(CHANNEL)[0]!.embeds[0]!.title).toMatch(/Login failures/);
    await recordHistory(handle, 'poll-loop-v3-deferred-without-token');
  } finally {
    await handle.terminate('test finished').catch(() => undefined);
  }
}, 240_000);
