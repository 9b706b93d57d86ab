/**
 * The poll loops' freshness as gauges: every 15 s the worker asks each loop for its state (the same
 * query `/healthz` makes) and sets, per source, the seconds since its last success and its failed
 * cycles in a row. An operator alerts on `vrcpulse_source_last_success_age_seconds > 600` without
 * knowing the loops' intervals. A loop that has not succeeded yet counts from when this worker began
 * watching; a loop that does not answer keeps its last values (its age grows on the next answer).
 */
import type { Client } from '@temporalio/client';
import type { MetricSink } from './metric-sink';
import { POLL_SOURCES, type PollLoopState, type PollSource } from '../contracts/polling';
import { queryPollLoopStates } from '../polling/client';

const SAMPLE_EVERY_MS = 15_000;
const QUERY_TIMEOUT_MS = 5_000;

export interface SourceFreshness {
  /** Seconds since the last success (or since `watchingSinceMs`, when none yet). */
  ageSeconds: number;
  consecutiveFailures: number;
}

/** Pure: what the gauges show for one loop's state at `nowMs`. */
export function sourceFreshness(
  state: PollLoopState,
  nowMs: number,
  watchingSinceMs: number,
): SourceFreshness {
  const since = state.lastSuccessAt === null ? watchingSinceMs : Date.parse(state.lastSuccessAt);
  return {
    ageSeconds: Math.max(0, Math.round((nowMs - since) / 100) / 10),
    consecutiveFailures: state.consecutiveFailures,
  };
}

export function watchSourceFreshness(client: Client, metrics: MetricSink): { stop(): void } {
  const watchingSinceMs = Date.now();
  let sampling = false;
  const sample = async () => {
    if (sampling) return; // a slow answer never stacks queries
    sampling = true;
    try {
      const states = await queryPollLoopStates(client, QUERY_TIMEOUT_MS);
      const now = Date.now();
      for (const source of POLL_SOURCES as readonly PollSource[]) {
        const state = states[source];
        if (state instanceof Error) continue;
        const fresh = sourceFreshness(state, now, watchingSinceMs);
        metrics.set('sourceLastSuccessAge', fresh.ageSeconds, { source });
        metrics.set('sourceConsecutiveFailures', fresh.consecutiveFailures, { source });
      }
    } finally {
      sampling = false;
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), SAMPLE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
