/**
 * Event-loop health of a VRCPulse process. Every 10 s the loop's delay (p99 and max over those
 * 10 s, from Node's own histogram) goes to two gauges, which the worker's Prometheus endpoint serves;
 * a stall of more than 100 ms is logged as one warning naming the activities that were running
 * then (a stall is synchronous code, so one of them held the loop: a big transaction, a render).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricSink } from './metric-sink';
import type { Logger } from '../logger';
import { type RunningActivities } from './running-activities';

/** A stall longer than this is logged. */
export const STALL_WARNING_MS = 100;
const REPORT_EVERY_MS = 10_000;
const TICK_MS = 20;

export interface EventLoopMonitor {
  stop(): void;
}

export function monitorEventLoop(options: {
  logger: Logger;
  activities: RunningActivities;
  /** Which process this is, in the gauges' `process` tag (worker, delivery). */
  process: string;
  metrics: MetricSink;
}): EventLoopMonitor {
  const { logger, activities } = options;
  const tags = { process: options.process };
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const report = setInterval(() => {
    // the histogram counts nanoseconds; Prometheus durations are seconds
    options.metrics.set('eventLoopDelayP99', histogram.percentile(99) / 1e9, tags);
    options.metrics.set('eventLoopDelayMax', histogram.max / 1e9, tags);
    histogram.reset();
  }, REPORT_EVERY_MS);
  report.unref();

  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    const stalledMs = now - last - TICK_MS;
    last = now;
    if (stalledMs > STALL_WARNING_MS) {
      logger.warn(
        { stalledMs: Math.round(stalledMs), activities: activities.during(Date.now() - stalledMs - TICK_MS) },
        'event loop stalled',
      );
    }
  }, TICK_MS);
  tick.unref();

  return {
    stop() {
      clearInterval(report);
      clearInterval(tick);
      histogram.disable();
    },
  };
}
