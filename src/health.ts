/**
 * `GET /healthz` of the worker process: whether the worker is polling its task queue, and, for each
 * poll loop, when it last succeeded and whether its data is stale (no success for more than five
 * intervals). Only a worker that is not running answers 503: a stale source (VRChat down) is
 * "degraded" with 200, so an orchestrator does not restart a healthy worker for someone else's outage.
 */
import type { Client } from '@temporalio/client';
import type { Logger } from './logger';
import { isStale, POLL_SOURCES, type PollLoopState, type PollSource } from './contracts/polling';
import { queryPollLoopStates } from './polling/client';
import { type HealthEndpoint, serveHealth } from './observability/health-endpoint';

export type LoopHealth =
  | {
      intervalSeconds: number;
      lastSuccessAt: string | null;
      lastError: PollLoopState['lastError'];
      consecutiveFailures: number;
      nextRunAt: string | null;
      stale: boolean;
    }
  | { unknown: string };

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  worker: string;
  loops: Record<PollSource, LoopHealth>;
  checkedAt: string;
}

/** Pure: the report from the worker's state and what each loop's `state` query answered. */
export function healthReport(
  workerState: string,
  loops: Record<PollSource, PollLoopState | Error>,
  nowMs: number,
): HealthReport {
  const entries = POLL_SOURCES.map((source): [PollSource, LoopHealth] => {
    const state = loops[source];
    if (state instanceof Error) return [source, { unknown: state.message }];
    return [
      source,
      {
        intervalSeconds: state.intervalSeconds,
        lastSuccessAt: state.lastSuccessAt,
        lastError: state.lastError,
        consecutiveFailures: state.consecutiveFailures,
        nextRunAt: state.nextRunAt,
        stale: isStale(state, nowMs),
      },
    ];
  });
  const report = Object.fromEntries(entries) as Record<PollSource, LoopHealth>;
  const healthy = entries.every(([, loop]) => !('unknown' in loop) && !loop.stale);
  return {
    status: workerState !== 'RUNNING' ? 'down' : healthy ? 'ok' : 'degraded',
    worker: workerState,
    loops: report,
    checkedAt: new Date(nowMs).toISOString(),
  };
}

const QUERY_TIMEOUT_MS = 2000;

/** The worker's `GET /healthz`: 503 only when the worker is not polling. */
export function startHealthServer(options: {
  port: number;
  host?: string;
  workerState: () => string;
  client: Client;
  logger: Logger;
}): Promise<HealthEndpoint> {
  return serveHealth({
    port: options.port,
    ...(options.host !== undefined ? { host: options.host } : {}),
    logger: options.logger,
    async check() {
      const loops = await queryPollLoopStates(options.client, QUERY_TIMEOUT_MS);
      const report = healthReport(options.workerState(), loops, Date.now());
      return { healthy: report.status !== 'down', body: report };
    },
  });
}
