/**
 * Starts the four poll loops if they are not running, and hands each the interval bot_config holds.
 * Signal-with-start makes this idempotent: a running loop keeps its state and just receives the
 * interval again (so a value edited while the worker was down takes effect at boot). A loop started
 * here gets a summary for the Temporal UI and, where the namespace has it, `VrcpulseSource`.
 */
import type { Client } from '@temporalio/client';
import {
  POLL_SOURCES,
  POLL_WORKFLOW_TYPE,
  POLL_WORKFLOW_IDS,
  type PollLoopInput,
  type PollLoopState,
  type PollSource,
  pollStateQuery,
  setPollIntervalSignal,
} from '../contracts/polling';
import { sourceSearchAttributes } from '../temporal/search-attributes';
import { pollLoopDetails, pollLoopSummary } from '../temporal/summaries';

export async function ensurePollLoops(
  client: Client,
  taskQueue: string,
  intervals: Record<PollSource, number>,
  /** Whether the namespace has VRCPulse's search attributes (see prepareSearchAttributes). */
  options: { searchAttributes?: boolean } = {},
): Promise<void> {
  await Promise.all(
    POLL_SOURCES.map((source) =>
      client.workflow.signalWithStart(POLL_WORKFLOW_TYPE, {
        workflowId: POLL_WORKFLOW_IDS[source],
        taskQueue,
        args: [{ source, intervalSeconds: intervals[source] } satisfies PollLoopInput],
        signal: setPollIntervalSignal,
        signalArgs: [{ intervalSeconds: intervals[source] }],
        // Only take effect when the loop is started here (a running loop keeps its own).
        staticSummary: pollLoopSummary(source),
        staticDetails: pollLoopDetails(source),
        ...(options.searchAttributes ? { typedSearchAttributes: sourceSearchAttributes(source) } : {}),
      }),
    ),
  );
}

/**
 * Each poll loop's `state`, or the reason there is none (not running, or no worker answered within
 * `timeoutMs`: a query needs a worker, and callers must not hang when there is none).
 */
export async function queryPollLoopStates(
  client: Client,
  timeoutMs: number,
): Promise<Record<PollSource, PollLoopState | Error>> {
  const states = await Promise.all(
    POLL_SOURCES.map(async (source): Promise<PollLoopState | Error> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          client.workflow.getHandle(POLL_WORKFLOW_IDS[source]).query(pollStateQuery),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(POLL_SOURCES.map((source, i) => [source, states[i]!])) as Record<
    PollSource,
    PollLoopState | Error
  >;
}
