/**
 * How the bot files a report: Update-with-Start on `report-<interaction id>`. The caller gets the
 * answer back; a repeated interaction (Discord redelivery, a retry) gets the first answer again.
 */
import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import {
  InvalidReportError,
  REPORT_WORKFLOW_TYPE,
  type ReportAnswer,
  type ReportSubmission,
  reportWorkflowId,
  submitReportUpdate,
} from '../shared/reports';

export async function submitReport(
  client: Client,
  taskQueue: string,
  report: ReportSubmission,
): Promise<ReportAnswer> {
  const workflowId = reportWorkflowId(report.interactionId);
  const startWorkflowOperation = new WithStartWorkflowOperation(REPORT_WORKFLOW_TYPE, {
    workflowId,
    taskQueue,
    args: [],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A finished report workflow is never run again for the same interaction: its result is the answer.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  try {
    return await client.workflow.executeUpdateWithStart(submitReportUpdate, {
      args: [report],
      updateId: report.interactionId,
      startWorkflowOperation,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      const answer = (await client.workflow.getHandle(workflowId).result()) as ReportAnswer | null;
      if (answer) return answer;
    }
    if (err instanceof WorkflowUpdateFailedError && err.cause?.message) {
      throw new InvalidReportError(err.cause.message);
    }
    throw err;
  }
}
