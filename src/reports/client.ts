/** How the bot files a report: one `report-<interaction id>` workflow, started with its update. */
import type { Client } from '@temporalio/client';
import {
  InvalidReportError,
  REPORT_WORKFLOW_TYPE,
  type ReportAnswer,
  type ReportSubmission,
  reportWorkflowId,
  submitReportUpdate,
} from '../contracts/reports';
import { reportSummary } from '../temporal/summaries';
import { executeUpdateOnce } from '../temporal/update-once';

export async function submitReport(
  client: Client,
  taskQueue: string,
  report: ReportSubmission,
): Promise<ReportAnswer> {
  return executeUpdateOnce(client, {
    workflowType: REPORT_WORKFLOW_TYPE,
    workflowId: reportWorkflowId(report.interactionId),
    taskQueue,
    update: submitReportUpdate,
    arg: report,
    updateId: report.interactionId,
    rejected: (message) => new InvalidReportError(message),
    staticSummary: reportSummary(report),
  });
}
