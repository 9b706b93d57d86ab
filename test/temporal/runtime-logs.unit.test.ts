/** How the SDK's log lines enter ours: no task tokens, and a poll cycle's failed attempts at debug. */
import { sdkLogEntry } from '../../src/temporal/runtime';

const attempt = {
  activityType: 'collectIncidents',
  workflowId: 'poll-incidents',
  attempt: 3,
  taskToken: 'CiQwMWEyM2QxMS1hNTY0LTc3MDc',
  error: { type: 'SourceUnavailable' },
};

it('keeps a poll cycle’s failed attempts out of the warnings: the loop logs one line per cycle', () => {
  const { taskToken: _token, ...withoutToken } = attempt;
  expect(sdkLogEntry('WARN', 'Activity failed', attempt)).toEqual({ level: 'debug', meta: withoutToken });
});

it('leaves other activities’ failures as warnings, without the task token', () => {
  const fanout = { ...attempt, activityType: 'deliverAlertPage' };
  const { taskToken: _token, ...withoutToken } = fanout;
  expect(sdkLogEntry('WARN', 'Activity failed', fanout)).toEqual({ level: 'warn', meta: withoutToken });
});

it('passes every other line through at its level', () => {
  expect(sdkLogEntry('ERROR', 'Activity failed', attempt).level).toBe('error');
  expect(sdkLogEntry('INFO', 'Worker state changed', { state: 'RUNNING' })).toEqual({
    level: 'info',
    meta: { state: 'RUNNING' },
  });
  expect(sdkLogEntry('DEBUG', 'x', undefined)).toEqual({ level: 'debug', meta: {} });
});
