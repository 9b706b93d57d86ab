/**
 * Drives one real poll loop (the production workflow and activities, on the suite's Temporal server)
 * against a fake VRChat and a real SQLite file. Each `cycle()` asks the loop for a cycle now through
 * the pollNow signal and resolves with the loop's state once that cycle is done.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/sqlite';
import { createActivities } from '../../src/activities';
import {
  pollNowSignal,
  type PollLoopState,
  type PollSource,
  pollStateQuery,
} from '../../src/contracts/polling';
import { pollLoopWorkflow } from '../../src/workflows';
import type { FakeVrchat } from '../fakes/vrchat-server';
import { testActivityDeps } from './deps';
import { uniqueTaskQueue, withWorker } from './temporal';

export interface LoopDriver {
  handle: WorkflowHandle<typeof pollLoopWorkflow>;
  /** Waits for the first cycle, which the loop runs as soon as it starts. */
  firstCycle(): Promise<PollLoopState>;
  /** Requests a cycle now and waits until it has finished. */
  cycle(): Promise<PollLoopState>;
  state(): Promise<PollLoopState>;
  waitForCycles(count: number, timeoutMs?: number): Promise<PollLoopState>;
}

export interface LoopOptions {
  client: Client;
  orm: MikroORM;
  fake: FakeVrchat;
  source: PollSource;
  /** Default 3600 s, so that only the cycles a test asks for run. */
  intervalSeconds?: number;
  timeoutMs?: number;
  /** Fake Discord REST base (`http://127.0.0.1:P/api`); without it alerts cannot be delivered. */
  discordApiBaseUrl?: string;
  /** Another dev server than the suite's (the client must be connected to it too). */
  server?: { address: string; namespace: string };
}

export async function withPollLoop<T>(
  options: LoopOptions,
  scenario: (loop: LoopDriver) => Promise<T>,
): Promise<T> {
  const taskQueue = uniqueTaskQueue(`poll-${options.source}`);
  const activities = createActivities(
    testActivityDeps({
      orm: options.orm,
      client: options.client,
      taskQueue,
      vrchat: {
        statusBaseUrl: options.fake.statusBaseUrl,
        metricsBaseUrl: options.fake.metricsBaseUrl,
        timeoutMs: options.timeoutMs ?? 2_000,
      },
      discordApiBaseUrl: options.discordApiBaseUrl,
    }),
  );

  return withWorker(
    { taskQueue, activities },
    async () => {
      const handle = await options.client.workflow.start(pollLoopWorkflow, {
        taskQueue,
        workflowId: taskQueue,
        args: [{ source: options.source, intervalSeconds: options.intervalSeconds ?? 3600 }],
      });
      const state = () => handle.query(pollStateQuery);
      const waitForCycles = async (count: number, timeoutMs = 60_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const current = await state();
          if (current.cycles >= count) return current;
          if (Date.now() > deadline)
            throw new Error(`loop stuck at ${current.cycles} cycles: ${JSON.stringify(current)}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const driver: LoopDriver = {
        handle,
        state,
        waitForCycles,
        firstCycle: () => waitForCycles(1),
        async cycle() {
          const before = (await state()).cycles;
          await handle.signal(pollNowSignal);
          return waitForCycles(before + 1);
        },
      };
      try {
        return await scenario(driver);
      } finally {
        await handle.terminate('test finished');
      }
    },
    options.server,
  );
}
