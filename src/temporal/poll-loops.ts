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
  type PollSource,
  setPollIntervalSignal,
} from '../shared/polling';
import { sourceSearchAttributes } from './search-attributes';
import { pollLoopDetails, pollLoopSummary } from './summaries';

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
