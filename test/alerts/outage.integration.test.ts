/**
 * Discord outages against real fan-out workflows, a real SQLite file and the fake Discord over HTTP.
 * The retry cap is shortened to 1 s (ALERT_RETRY_MAX_DELAY's lowest value) so an outage of many
 * retries fits in seconds; nothing here depends on how fast the machine is.
 */
import { type DeliveryPolicy, type FanoutProgress, fanoutProgressQuery } from '../../src/contracts/alerts';
import { alertFanoutWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { deliveringActivities, TEST_BOT_TOKEN } from '../harness/deps';
import { recordHistory } from '../harness/history';
import { storeOpenIncident } from '../harness/incidents';
import { sdkLogs } from '../harness/sdk-logs';
import { registerRecipients } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';

const id = (n: number) => String(300000000000000000n + BigInt(n));
const GUILDS = [1, 2, 3].map((n) => ({ guildId: id(n), channelId: id(100 + n) }));
const USERS = [4, 5].map((n) => ({ userId: id(n) }));
const RECIPIENTS = GUILDS.length + USERS.length;

let temporal: TestTemporal;
let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  temporal = await connectClient();
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  await registerRecipients(db.orm, { guilds: GUILDS, users: USERS });
});
afterAll(async () => {
  await discord.close();
  await temporal.close();
  await db.cleanup();
});
afterEach(() => discord.reset());

/** Discord answers 503 to every message, to every recipient, until `discord.clearFaults()`. */
function discordDown(): void {
  for (const g of GUILDS) discord.failChannel(g.channelId, { status: 503 });
  for (const u of USERS) discord.failUser(u.userId, { status: 503 });
}

async function runFanout(
  history: string,
  policy: DeliveryPolicy,
  during: (handle: { progress: () => Promise<FanoutProgress> }) => Promise<void>,
): Promise<FanoutProgress> {
  const taskQueue = uniqueTaskQueue('outage');
  const { incidentId } = await storeOpenIncident(db.orm);
  const activities = deliveringActivities({
    orm: db.orm,
    client: temporal.client,
    taskQueue,
    discordApiBaseUrl: discord.apiBaseUrl,
  });
  return withWorker({ taskQueue, activities }, async () => {
    const handle = await temporal.client.workflow.start(alertFanoutWorkflow, {
      taskQueue,
      workflowId: `alert-incident-${incidentId}`,
      args: [
        {
          fact: { type: 'incident', referenceId: incidentId, observedAt: new Date().toISOString() },
          delivery: policy,
        },
      ],
    });
    await during({ progress: () => handle.query(fanoutProgressQuery) });
    const result = await handle.result();
    await recordHistory(handle, history);
    return result;
  });
}

const waitFor = async (check: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

it('keeps trying through an outage of many retries and then delivers to everyone exactly once', async () => {
  discordDown();
  const result = await runFanout(
    'alert-fanout-v3-outage',
    { retryMaxDelaySeconds: 1, maxAgeSeconds: 3_600 },
    async ({ progress }) => {
      // the same page is tried again and again (each try reaches Discord), and nothing is given up
      await waitFor(
        async () => discord.requests.filter((r) => r.method === 'POST').length >= 5 * RECIPIENTS,
        'retries',
      );
      const during = await progress();
      expect(during).toMatchObject({ phase: 'delivering', delivered: 0, failedPermanently: 0 });
      expect(during.waitingForDiscordSince).toEqual(expect.any(String));
      discord.clearFaults();
    },
  );
  expect(result).toMatchObject({
    phase: 'done',
    delivered: RECIPIENTS,
    failedPermanently: 0,
    pending: 0,
    waitingForDiscordSince: null,
  });
  expect(result.expired ?? 0).toBe(0);
  // one message per recipient
  const byRecipient = new Map<string, number>();
  for (const m of discord.messages) {
    const key = m.userId ?? m.channelId;
    byRecipient.set(key, (byRecipient.get(key) ?? 0) + 1);
  }
  expect([...byRecipient.values()]).toEqual(Array(RECIPIENTS).fill(1));
});

it('records whoever is still unreached when the alert reaches its maximum age as expired, not delivered', async () => {
  discordDown();
  const result = await runFanout(
    'alert-fanout-v3-expired',
    { retryMaxDelaySeconds: 1, maxAgeSeconds: 10 },
    async () => undefined,
  );
  expect(result).toMatchObject({
    phase: 'done',
    delivered: 0,
    failedPermanently: 0,
    expired: RECIPIENTS,
    pending: 0,
  });
  expect(discord.messages).toEqual([]);
  // the operator sees it in the log too (and in the vrcpulse_alert_recipients_expired metric)
  expect(
    sdkLogs().find((e) => e.message === 'alert expired before every recipient was reached')?.meta,
  ).toMatchObject({
    type: 'incident',
    expired: RECIPIENTS,
    maxAgeSeconds: 10,
  });
});

it('retries a recipient that fails while others go through, until it recovers', async () => {
  discord.failChannel(GUILDS[1]!.channelId, { status: 503 });
  const result = await runFanout(
    'alert-fanout-v3-retry-list',
    { retryMaxDelaySeconds: 1, maxAgeSeconds: 3_600 },
    async ({ progress }) => {
      await waitFor(async () => (await progress()).delivered === RECIPIENTS - 1, 'the others');
      await waitFor(
        async () =>
          discord.requests.filter((r) => r.method === 'POST' && r.path.includes(GUILDS[1]!.channelId))
            .length >= 8,
        'several retries of the failing channel',
      );
      expect(await progress()).toMatchObject({ pending: 1, failedPermanently: 0 });
      discord.clearFaults();
    },
  );
  expect(result).toMatchObject({ phase: 'done', delivered: RECIPIENTS, failedPermanently: 0, pending: 0 });
  expect(discord.messagesTo(GUILDS[1]!.channelId)).toHaveLength(1);
});
