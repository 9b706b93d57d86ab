/** Messages of the diagnostics workflow: a round trip worker -> activity -> SQLite -> client. */

export const DIAGNOSTICS_WORKFLOW_TYPE = 'diagnosticsWorkflow';

export interface DiagnosticsInput {
  /** Who asked (an operator name, a test id); shown in the Temporal UI's input. */
  requestedBy: string;
}

export interface DiagnosticsResult {
  workflowId: string;
  requestedBy: string;
  /** Every bot_config row, key -> value, as the worker's database sees it. */
  botConfig: Record<string, string>;
}

export const diagnosticsWorkflowId = (suffix: string): string => `diagnostics-${suffix}`;
