/**
 * The history of a workflow chain: every run from the first to the last, following continue-as-new,
 * with the events and bytes of each. Bytes are measured two ways: the protobuf encoding of the
 * events as fetched (what the client and a replaying worker download) and the server's own
 * `historySizeBytes` from DescribeWorkflowExecution (what it checks against its history size limits).
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface RunHistory {
  runId: string;
  events: number;
  /** Length of `History.encode(history)`. */
  encodedBytes: number;
  /** DescribeWorkflowExecution's historyLength and historySizeBytes. */
  describedEvents: number;
  describedBytes: number | undefined;
  status: string;
}

const CONTINUED_AS_NEW = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;

export async function chainHistory(
  client: Client,
  workflowId: string,
  firstRunId: string,
  maxRuns = 1000,
): Promise<RunHistory[]> {
  const runs: RunHistory[] = [];
  let runId: string | undefined = firstRunId;
  while (runId !== undefined) {
    if (runs.length >= maxRuns) throw new Error(`${workflowId}: more than ${maxRuns} runs`);
    const handle: WorkflowHandle = client.workflow.getHandle(workflowId, runId);
    const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    const encoded = temporal.api.history.v1.History.encode(
      temporal.api.history.v1.History.fromObject(history),
    ).finish();
    runs.push({
      runId,
      events: events.length,
      encodedBytes: encoded.length,
      describedEvents: description.historyLength,
      describedBytes: description.historySize,
      status: description.status.name,
    });
    const last: temporal.api.history.v1.IHistoryEvent | undefined = events.at(-1);
    runId =
      last?.eventType === CONTINUED_AS_NEW
        ? (last.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined)
        : undefined;
  }
  return runs;
}
