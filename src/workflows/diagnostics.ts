import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DiagnosticsInput, DiagnosticsResult } from '../contracts/diagnostics';

const { readBotConfig } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

/**
 * Proves the whole chain works (server -> worker -> activity -> SQLite). Operators can start it from
 * the Temporal UI or CLI: `temporal workflow start --type diagnosticsWorkflow --task-queue vrcpulse
 * --input '{"requestedBy":"me"}'`.
 */
export async function diagnosticsWorkflow(input: DiagnosticsInput): Promise<DiagnosticsResult> {
  const botConfig = await readBotConfig();
  return { workflowId: workflowInfo().workflowId, requestedBy: input.requestedBy, botConfig };
}
