/**
 * Order per recipient, against real fan-out workflows, a real SQLite file and the fake Discord: an
 * incident and its update found in one cycle start two fan-outs at once (as dispatchAlerts starts
 * them, the incident first). Discord refuses the incident's first sends (503, more than the REST
 * client's own retries), so its fan-out has to try again a moment later; the update's fan-out waits
 * for it, and every recipient gets the incident first, the update second.
 */
import { deliveryNonce, subjectNonce } from '../../src/alerts/deliver';
import {
  type AlertFact,
  alertWorkflowId,
  type FanoutProgress,
  fanoutProgressQuery,
  type Recipient,
} from '../../src/contracts/alerts';
import { alertFanoutWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { deliveringActivities, TEST_BOT_TOKEN } from '../harness/deps';
import { recordHistory } from '../harness/history';
import { storeOpenIncident } from '../harness/incidents';
import { registerRecipients } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';

const id = (n: number) => String(500000000000000000n + BigInt(n));
const GUILDS = Array.from({ length: 4 }, (_, i) => ({ guildId: id(i + 1), channelId: id(100 + i) }));
const USERS = Array.from({ length: 2 }, (_, i) => ({ userId: id(200 + i) }));

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

it('delivers an incident before its update to every recipient, though the incident had to wait', async () => {
  const { incidentId, updateId } = await storeOpenIncident(db.orm, { update: true });
  const now = Date.now();
  const incident: AlertFact = {
    type: 'incident',
    referenceId: incidentId,
    observedAt: new Date(now).toISOString(),
  };
  const update: AlertFact = {
    type: 'incident_update',
    referenceId: updateId,
    observedAt: new Date(now).toISOString(),
  };
  // the first three sends to each recipient fail: the incident's try and the REST client's two retries
  for (const g of GUILDS) discord.failChannel(g.channelId, { status: 503, times: 3 });
  for (const u of USERS) discord.failUser(u.userId, { status: 503, times: 3 });

  const taskQueue = uniqueTaskQueue('order');
  const activities = deliveringActivities({
    orm: db.orm,
    client: temporal.client,
    taskQueue,
    discordApiBaseUrl: discord.apiBaseUrl,
  });
  const delivery = { retryMaxDelaySeconds: 1, maxAgeSeconds: 3_600 };
  const seen: FanoutProgress[] = [];
  await withWorker({ taskQueue, activities }, async () => {
    const start = (fact: AlertFact) =>
      temporal.client.workflow.start(alertFanoutWorkflow, {
        taskQueue,
        workflowId: alertWorkflowId(fact),
        args: [{ fact, delivery }],
      });
    const first = await start(incident);
    const second = await start(update);
    const watching = setInterval(() => {
      void second.query(fanoutProgressQuery).then(
        (p) => seen.push(p),
        () => undefined,
      );
    }, 200);
    try {
      await first.result();
      await second.result();
    } finally {
      clearInterval(watching);
    }
    await recordHistory(second, 'alert-fanout-v3-waits-for-earlier');
  });

  // the update's fan-out said what it waited for
  expect(seen.some((p) => p.waitingFor?.includes(alertWorkflowId(incident)))).toBe(true);
  const recipients: Recipient[] = [
    ...GUILDS.map((g) => ({
      kind: 'guild' as const,
      id: g.guildId,
      channelId: g.channelId,
      language: null,
      locale: null,
    })),
    ...USERS.map((u) => ({
      kind: 'user' as const,
      id: u.userId,
      dmChannelId: null,
      language: null,
      locale: null,
    })),
  ];
  // The incident's message first, then the update as a reply to it (the lifecycle style).
  for (const r of recipients) {
    const target = r.kind === 'guild' ? r.channelId : r.id;
    const [first, second, ...more] = discord.messagesTo(target);
    expect({ recipient: r.id, nonce: first?.nonce, more }).toEqual({
      recipient: r.id,
      nonce: subjectNonce(incident, r),
      more: [],
    });
    expect({ nonce: second?.nonce, replyTo: second?.referencedMessageId }).toEqual({
      nonce: deliveryNonce(update, r),
      replyTo: first!.id,
    });
  }
}, 120_000);
