/**
 * Stale data: when a source stops answering and its poll loop has not succeeded for more than five
 * intervals, the loop logs one warning saying why, and /status says the data may be out of date.
 * When the source answers again, the warning goes away. The loop is started with a carried-over
 * state whose last success was 6 minutes ago (interval 60 s), as a loop that has been failing that
 * long would have; the failing itself is real (the fake source is shut down).
 */
import {
  POLL_WORKFLOW_IDS,
  POLL_WORKFLOW_TYPE,
  type PollLoopState,
  pollNowSignal,
  pollStateQuery,
} from '../../src/contracts/polling';
import { summary } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { type BotStack, startBotStack } from '../harness/bot-stack';
import { sdkLogs } from '../harness/sdk-logs';
import { waitFor } from '../harness/wait';

let vrchat: FakeVrchat;
let stack: BotStack;

beforeAll(async () => {
  vrchat = await startFakeVrchat();
  stack = await startBotStack({
    namespace: 'vrcpulse-stale',
    vrchat: { statusBaseUrl: vrchat.statusBaseUrl, metricsBaseUrl: vrchat.metricsBaseUrl },
  });
});
afterAll(async () => {
  await stack?.temporal.workflow
    .getHandle(POLL_WORKFLOW_IDS.status)
    .terminate('test over')
    .catch(() => undefined);
  await stack?.close();
  await vrchat?.close().catch(() => undefined);
});

async function statusEmbedDescription(): Promise<string> {
  const sent = stack.discord.gateway.dispatchInteraction({ commandName: 'status', place: { kind: 'dm' } });
  const responses = await stack.answer(sent.id);
  return responses.original?.embeds[0]?.description ?? '';
}

async function cycleOnce(previousCycles: number): Promise<PollLoopState> {
  const handle = stack.temporal.workflow.getHandle(POLL_WORKFLOW_IDS.status);
  return waitFor(
    async () => {
      const state = await handle.query(pollStateQuery);
      return state.cycles > previousCycles ? state : undefined;
    },
    60_000,
    `a cycle after cycle ${previousCycles}`,
    100,
  );
}

it('warns once in the log and on /status while the source is down, and clears when it is back', async () => {
  const sixMinutesAgo = new Date(Date.now() - 6 * 60_000).toISOString();
  await vrchat.close(); // the source stops answering: connections are refused
  await stack.temporal.workflow.start(POLL_WORKFLOW_TYPE, {
    workflowId: POLL_WORKFLOW_IDS.status,
    taskQueue: stack.taskQueue,
    args: [
      {
        source: 'status',
        intervalSeconds: 60,
        carriedState: {
          source: 'status',
          intervalSeconds: 60,
          cycles: 10,
          lastCycleAt: null,
          lastSuccessAt: sixMinutesAgo,
          lastError: null,
          consecutiveFailures: 0,
          nextRunAt: null,
          lastResult: null,
        },
      },
    ],
  });
  const failed = await cycleOnce(10);
  expect(failed.lastSuccessAt).toBe(sixMinutesAgo);
  expect(failed.staleSince).toEqual(expect.any(String));

  const warnings = sdkLogs().filter((e) => e.message.includes('data is stale'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatchObject({
    level: 'WARN',
    message: 'status data is stale: no successful poll for more than 5 intervals',
    meta: expect.objectContaining({
      source: 'status',
      lastSuccessAt: sixMinutesAgo,
      lastError: expect.stringMatching(/^SourceUnavailable/),
    }),
  });
  const lastSuccessUnix = Math.floor(Date.parse(sixMinutesAgo) / 1000);
  expect(await statusEmbedDescription()).toContain(
    `⚠️ VRChat status page: no fresh data since <t:${lastSuccessUnix}:R>, so what you see may be out of date.`,
  );

  // The source answers again: the next cycle succeeds and the warning is gone.
  vrchat = await startFakeVrchat({ port: Number(new URL(vrchat.metricsBaseUrl).port) });
  vrchat.set('/api/v2/summary.json', summary({ indicator: 'none', updatedAt: new Date().toISOString() }));
  await stack.temporal.workflow.getHandle(POLL_WORKFLOW_IDS.status).signal(pollNowSignal);
  const recovered = await cycleOnce(failed.cycles);
  expect(recovered.consecutiveFailures).toBe(0);
  expect(recovered.staleSince).toBeNull();
  expect(await statusEmbedDescription()).not.toContain('⚠️');
}, 120_000);
