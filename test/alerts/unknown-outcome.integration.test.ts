/**
 * Sends whose outcome is unknown, against a real fan-out workflow, a real SQLite file and the fake
 * Discord over HTTP: the fake creates every message and then drops the connection instead of
 * answering, and afterwards Discord is down (503) for twenty times its nonce window. Discord's
 * nonce window is shortened to 1 s at the fake and VRCPulse's trust in it to 0.5 s, so "a 20-minute
 * outage" is 20 s here; the retry cap is 1 s. Every recipient ends with exactly one message: once
 * the nonce may be forgotten, VRCPulse reads the channel and finds the message by its marker
 * instead of posting a second one.
 */
import { type FanoutProgress, fanoutProgressQuery } from '../../src/contracts/alerts';
import { alertFanoutWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { rows } from '../harness/db-rows';
import { deliveringActivities, TEST_BOT_TOKEN } from '../harness/deps';
import { recordHistory } from '../harness/history';
import { storeOpenIncident } from '../harness/incidents';
import { registerRecipients } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';
import { waitFor } from '../harness/wait';

const id = (n: number) => String(400000000000000000n + BigInt(n));
const GUILDS = Array.from({ length: 24 }, (_, i) => ({ guildId: id(i + 1), channelId: id(1000 + i) }));
const USERS = Array.from({ length: 8 }, (_, i) => ({ userId: id(500 + i) }));
const RECIPIENTS = GUILDS.length + USERS.length;
const NONCE_WINDOW_MS = 1_000;

let temporal: TestTemporal;
let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  temporal = await connectClient();
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN, nonceWindowMs: NONCE_WINDOW_MS });
  db = await createTestDatabase();
  await registerRecipients(db.orm, { guilds: GUILDS, users: USERS });
});
afterAll(async () => {
  await discord.close();
  await temporal.close();
  await db.cleanup();
});

it('posts no second copy when answers are lost and Discord then stays down past its nonce window', async () => {
  const { incidentId } = await storeOpenIncident(db.orm);
  const taskQueue = uniqueTaskQueue('unknown');
  const activities = deliveringActivities({
    orm: db.orm,
    client: temporal.client,
    taskQueue,
    discordApiBaseUrl: discord.apiBaseUrl,
    nonceTrustMs: NONCE_WINDOW_MS / 2,
  });
  // every message is created, and its answer lost (the connection closes), for the REST client's
  // own quick retries too
  discord.dropAnswers();
  const seen: FanoutProgress[] = [];
  const result = await withWorker({ taskQueue, activities }, async () => {
    const handle = await temporal.client.workflow.start(alertFanoutWorkflow, {
      taskQueue,
      workflowId: `alert-incident-${incidentId}`,
      args: [
        {
          fact: { type: 'incident', referenceId: incidentId, observedAt: new Date().toISOString() },
          delivery: { retryMaxDelaySeconds: 1, maxAgeSeconds: 3_600 },
        },
      ],
    });
    const progress = () => handle.query(fanoutProgressQuery);
    // every recipient's message exists, none was answered
    await waitFor(() => (discord.messages.length >= RECIPIENTS ? true : undefined), 60_000, 'every message');
    seen.push(await progress());
    // then Discord is down for twenty nonce windows: the messages' nonces are long forgotten
    discord.clearFaults();
    for (const g of GUILDS) discord.failChannel(g.channelId, { status: 503 });
    for (const u of USERS) {
      discord.failUser(u.userId, { status: 503 });
      discord.failChannel(discord.dmChannelOf(u.userId)!, { status: 503 });
    }
    await new Promise((r) => setTimeout(r, 20 * NONCE_WINDOW_MS));
    seen.push(await progress());
    discord.clearFaults();
    const done = await handle.result();
    await recordHistory(handle, 'alert-fanout-v3-unknown-outcome');
    return done;
  });

  // while answers were lost, the fan-out said how many sends had an unknown outcome
  expect(Math.max(...seen.map((p) => p.unknownOutcome ?? 0))).toBeGreaterThan(0);
  expect(result).toMatchObject({
    phase: 'done',
    delivered: RECIPIENTS,
    failedPermanently: 0,
    unknownOutcome: 0,
  });
  // exactly one message per recipient, though every answer was lost
  const perTarget = new Map<string, number>();
  for (const m of discord.messages)
    perTarget.set(m.userId ?? m.channelId, (perTarget.get(m.userId ?? m.channelId) ?? 0) + 1);
  expect(perTarget.size).toBe(RECIPIENTS);
  expect([...perTarget.values()].every((n) => n === 1)).toBe(true);
  // found by reading the channels, after the nonces were forgotten
  const reads = discord.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/messages'));
  expect(reads.length).toBeGreaterThanOrEqual(RECIPIENTS);
  expect(discord.messages.every((m) => m.embeds[0]?.footer?.text?.includes(' · ref '))).toBe(true);
  expect(
    await rows(db.orm, 'select count(*) as n from sent_alerts where reference_id = ?', [incidentId]),
  ).toEqual([{ n: RECIPIENTS }]);
  expect(await rows(db.orm, 'select count(*) as n from pending_sends')).toEqual([{ n: 0 }]);
}, 120_000);
