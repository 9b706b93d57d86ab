/**
 * Event-loop health: a stall of more than 100 ms is logged once, naming the activity that held the
 * loop (it has usually ended by the time the loop turns again, so the ones ended since the stall
 * began count too); short delays are not. The activity interceptor notes each activity while it runs.
 */
import { runtimeSink } from '../../src/observability/metric-sink';
import { Writable } from 'node:stream';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import { createLogger } from '../../src/logger';
import { monitorEventLoop, STALL_WARNING_MS } from '../../src/observability/event-loop';
import { trackRunningActivities } from '../../src/observability/running-activities';
import { activityTracking } from '../../src/worker';

const block = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a synchronous transaction, as far as the event loop can tell
  }
};
const turns = (ms: number) => new Promise((r) => setTimeout(r, ms));

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _e, done) {
        for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as never);
        done();
      },
    }),
  });
  return { lines, logger };
}

it('warns about a stall over 100 ms, naming the activity that held the loop', async () => {
  const { lines, logger } = capture();
  const running = trackRunningActivities();
  const monitor = monitorEventLoop({ logger, activities: running, process: 'test', metrics: runtimeSink() });
  try {
    await turns(100);
    const idle = running.start({ activityType: 'collectStatus', workflowId: 'poll-status' });
    const ended = running.start({ activityType: 'collectMetrics', workflowId: 'poll-metrics' });
    block(STALL_WARNING_MS + 150);
    ended(); // done before the loop turns again, as a stalling activity usually is
    await turns(100);
    idle();
    block(40); // short: not worth a line
    await turns(100);
    const stalls = lines.filter((l) => l.msg === 'event loop stalled');
    expect(stalls).toHaveLength(1);
    expect(stalls[0]!.stalledMs).toBeGreaterThan(STALL_WARNING_MS);
    expect(stalls[0]!.activities).toEqual(
      expect.arrayContaining(['collectMetrics (poll-metrics)', 'collectStatus (poll-status)']),
    );
    expect(stalls[0]!.level).toBe(40);
  } finally {
    monitor.stop();
  }
});

it('the activity interceptor notes an activity from its start until it settles, failed or not', async () => {
  const running = trackRunningActivities();
  const ctx = { info: { activityType: 'deliverAlertPage', workflowExecution: { workflowId: 'alert-x' } } };
  const interceptor = activityTracking(running)(ctx as never).inbound as ActivityInboundCallsInterceptor;
  const seen: string[][] = [];
  const next = (async () => {
    seen.push(running.during(Date.now()));
    throw new Error('Discord is down');
  }) as unknown as Next<ActivityInboundCallsInterceptor, 'execute'>;
  const before = Date.now();
  await expect(interceptor.execute!({} as ActivityExecuteInput, next)).rejects.toThrow('Discord is down');
  expect(seen).toEqual([['deliverAlertPage (alert-x)']]);
  // ended now: named only for stalls that began before it ended
  await turns(5);
  expect(running.during(Date.now())).toEqual([]);
  expect(running.during(before)).toEqual(['deliverAlertPage (alert-x)']);
});
