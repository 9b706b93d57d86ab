// Per test file: the SDK's own logs (worker, workflow and activity loggers) at WARN and above are
// printed, so worker state changes don't drown test output, and kept for tests that assert on what
// a workflow logged (see sdk-logs.ts).
import { DefaultLogger, type LogEntry, Runtime } from '@temporalio/worker';
import { ACTIVITIES_ONLY } from '../../src/temporal/runtime';

const entries: LogEntry[] = [];
(globalThis as { __VRCPULSE_SDK_LOGS__?: LogEntry[] }).__VRCPULSE_SDK_LOGS__ = entries;
const level = process.env.TEST_LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN';

Runtime.install({
  logger: new DefaultLogger(level, (entry) => {
    entries.push(entry);
    if (entry.message === ACTIVITIES_ONLY) return; // the delivery queue's worker, by design
    const line = `${entry.level} ${entry.message} ${entry.meta ? JSON.stringify(entry.meta) : ''}`;
    if (entry.level === 'ERROR' || entry.level === 'WARN') console.warn(line);
    else console.log(line);
  }),
});
