/**
 * Starts the four poll loops if they are not running, and hands each the interval bot_config holds.
 * Signal-with-start makes this idempotent: a running loop keeps its state and just receives the
 * interval again (so a value edited while the worker was down takes effect at boot).
 */
import type { Client } from '@temporalio/client';
import {
  POLL_SOURCES,
  POLL_WORKFLOW_TYPE,
  POLL_WORKFLOW_IDS,
  type PollLoopInput,
  type PollSource,
  setPollIntervalSignal,
} from '../shared/polling';

export async function ensurePollLoops(
  client: Client,
  taskQueue: string,
  intervals: Record<PollSource, number>,
): Promise<void> {
  await Promise.all(
    POLL_SOURCES.map((source) =>
      client.workflow.signalWithStart(POLL_WORKFLOW_TYPE, {
        workflowId: POLL_WORKFLOW_IDS[source],
        taskQueue,
        args: [{ source, intervalSeconds: intervals[source] } satisfies PollLoopInput],
        signal: setPollIntervalSignal,
        signalArgs: [{ intervalSeconds: intervals[source] }],
      }),
    ),
  );
}
