/**
 * Update-with-Start for one-shot workflows keyed by a Discord interaction: the first delivery starts
 * the workflow with its update; a repeated one (Discord redelivery, a retry) reaches the same run,
 * or, once that run has finished, gets its result, which is the first answer.
 */
import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';

export interface UpdateOnceOptions<Ret, Arg> {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  update: UpdateDefinition<Ret, [Arg]>;
  arg: Arg;
  updateId: string;
  /** Turns the validator's refusal (its message) into the caller's error type. */
  rejected: (message: string) => Error;
  /** One line for the Temporal UI (see summaries.ts). */
  staticSummary?: string;
}

export async function executeUpdateOnce<Ret, Arg>(
  client: Client,
  options: UpdateOnceOptions<Ret, Arg>,
): Promise<Ret> {
  const startWorkflowOperation = new WithStartWorkflowOperation(options.workflowType, {
    workflowId: options.workflowId,
    taskQueue: options.taskQueue,
    args: [],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A finished workflow is never run again for the same interaction: its result is the answer.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    ...(options.staticSummary ? { staticSummary: options.staticSummary } : {}),
  });
  try {
    return await client.workflow.executeUpdateWithStart(options.update, {
      args: [options.arg],
      updateId: options.updateId,
      startWorkflowOperation,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      const answer = (await client.workflow.getHandle(options.workflowId).result()) as Ret | null;
      if (answer) return answer;
    }
    if (err instanceof WorkflowUpdateFailedError && err.cause?.message)
      throw options.rejected(err.cause.message);
    throw err;
  }
}
