import type { LogEntry } from '@temporalio/worker';

/** Everything the Temporal SDK logged at WARN and above in this test file (workflow `log.*` included). */
export function sdkLogs(): readonly LogEntry[] {
  return (globalThis as { __VRCPULSE_SDK_LOGS__?: LogEntry[] }).__VRCPULSE_SDK_LOGS__ ?? [];
}
