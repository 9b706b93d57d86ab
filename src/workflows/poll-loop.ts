import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  TimeoutFailure,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ALERT_CATCH_UP_WINDOW_MS, type AlertFact } from '../contracts/alerts';
import {
  isStale,
  isValidPollInterval,
  pollNowSignal,
  pollStateQuery,
  setPollIntervalSignal,
  STALE_AFTER_INTERVALS,
  type CycleResult,
  type PollLoopInput,
  type PollLoopState,
  type PollSource,
} from '../contracts/polling';

/** Keeps replay cheap even on servers that never suggest continue-as-new. */
export const MAX_CYCLES_PER_RUN = 500;

const COLLECT_ACTIVITY = {
  status: 'collectStatus',
  incident: 'collectIncidents',
  maintenance: 'collectMaintenances',
  metrics: 'collectMetrics',
} as const satisfies Record<PollSource, keyof Activities>;

/**
 * A cycle may retry a flaky source until shortly before the next cycle is due, so the loop keeps its
 * cadence; at least 20 s, at most 5 min.
 */
export function cycleBudgetMs(intervalSeconds: number): number {
  return Math.min(Math.max(intervalSeconds * 1000 - 5_000, 20_000), 300_000);
}

function collectorFor(source: PollSource, intervalSeconds: number): () => Promise<CycleResult> {
  const activities = proxyActivities<Activities>({
    startToCloseTimeout: '45 seconds',
    // collect activities heartbeat every second: a dead worker is noticed in seconds, not minutes
    heartbeatTimeout: '10 seconds',
    scheduleToCloseTimeout: cycleBudgetMs(intervalSeconds),
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '15 seconds',
      maximumAttempts: 5,
      // A payload we cannot trust will not become trustworthy by asking again within this cycle.
      nonRetryableErrorTypes: ['MalformedPayload', 'SourceRejected'],
    },
  });
  return activities[COLLECT_ACTIVITY[source]];
}

const { dispatchAlerts } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

/**
 * Hands the cycle's new facts to their fan-outs. A fact goes out once per loop (the fan-out's
 * workflow id dedupes across loops and restarts anyway); if dispatching fails, the facts stay
 * undispatched and the next cycle, which emits them again, tries again.
 */
async function dispatchNewFacts(state: PollLoopState, facts: AlertFact[]): Promise<void> {
  const dispatched = (state.dispatched ??= {});
  const horizon = Date.now() - ALERT_CATCH_UP_WINDOW_MS - 60 * 60 * 1000;
  for (const [key, observedAt] of Object.entries(dispatched)) {
    if (Date.parse(observedAt) < horizon) delete dispatched[key];
  }
  const fresh = facts.filter((f) => !(`${f.type}:${f.referenceId}` in dispatched));
  if (fresh.length === 0) return;
  try {
    await dispatchAlerts({ facts: fresh });
    for (const f of fresh) dispatched[`${f.type}:${f.referenceId}`] = f.observedAt;
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    log.warn('could not dispatch alert facts; the next cycle retries', {
      source: state.source,
      error: err.message,
    });
  }
}

function describeFailure(err: ActivityFailure): { type: string; message: string } {
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'Error', message: cause.message };
  if (cause instanceof TimeoutFailure) {
    return { type: 'Timeout', message: `cycle gave up after its retry budget (${cause.timeoutType})` };
  }
  return { type: cause?.name ?? 'Error', message: cause?.message ?? err.message };
}

/**
 * One long-running loop per source (fixed ids poll-status, poll-incidents, poll-maintenances,
 * poll-metrics). Each cycle runs one activity that fetches, validates and persists the source and
 * returns the cycle's alertable facts. Cycles start `intervalSeconds` apart (the cadence does not
 * drift with slow cycles); a failed cycle is recorded and the loop carries on.
 */
export async function pollLoopWorkflow(input: PollLoopInput): Promise<never> {
  const state: PollLoopState = input.carriedState ?? {
    source: input.source,
    intervalSeconds: input.intervalSeconds,
    cycles: 0,
    lastCycleAt: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    nextRunAt: null,
    lastResult: null,
  };
  let woken = false;
  let pollRequested = false;

  setHandler(pollStateQuery, () => state);
  setHandler(setPollIntervalSignal, ({ intervalSeconds }) => {
    if (!isValidPollInterval(intervalSeconds)) {
      log.warn('ignoring invalid poll interval', { source: state.source, intervalSeconds });
      return;
    }
    state.intervalSeconds = intervalSeconds;
    if (state.lastCycleAt) {
      state.nextRunAt = new Date(Date.parse(state.lastCycleAt) + intervalSeconds * 1000).toISOString();
    }
    woken = true;
  });
  setHandler(pollNowSignal, () => {
    pollRequested = true;
    woken = true;
  });

  const waitUntilDue = async () => {
    while (!pollRequested && state.nextRunAt !== null && Date.now() < Date.parse(state.nextRunAt)) {
      woken = false;
      await condition(() => woken, Date.parse(state.nextRunAt) - Date.now());
    }
    pollRequested = false;
  };

  const runCycle = async () => {
    const startedAt = Date.now();
    try {
      state.lastResult = await collectorFor(state.source, state.intervalSeconds)();
      state.lastSuccessAt = new Date(Date.now()).toISOString();
      state.consecutiveFailures = 0;
      if (state.staleSince) {
        log.info('poll loop has fresh data again', { source: state.source, staleSince: state.staleSince });
        state.staleSince = null;
      }
      // Added after the first release: loops recorded before it replay without dispatching.
      if (patched('dispatch-alert-facts')) await dispatchNewFacts(state, state.lastResult.facts);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const failure = describeFailure(err);
      state.lastError = { at: new Date(Date.now()).toISOString(), ...failure };
      state.consecutiveFailures += 1;
      log.warn('poll cycle failed', {
        source: state.source,
        ...failure,
        consecutiveFailures: state.consecutiveFailures,
      });
      // Once per streak: the data /status shows from this source is now out of date, and why.
      if (!state.staleSince && isStale(state, Date.now())) {
        state.staleSince = new Date(Date.now()).toISOString();
        log.warn(
          `${state.source} data is stale: no successful poll for more than ${STALE_AFTER_INTERVALS} intervals`,
          {
            source: state.source,
            lastSuccessAt: state.lastSuccessAt,
            intervalSeconds: state.intervalSeconds,
            consecutiveFailures: state.consecutiveFailures,
            lastError: `${failure.type}: ${failure.message}`,
          },
        );
      }
    }
    state.cycles += 1;
    state.lastCycleAt = new Date(startedAt).toISOString();
    state.nextRunAt = new Date(startedAt + state.intervalSeconds * 1000).toISOString();
  };

  for (let cyclesThisRun = 1; ; cyclesThisRun++) {
    await waitUntilDue();
    await runCycle();
    if (workflowInfo().continueAsNewSuggested || cyclesThisRun >= MAX_CYCLES_PER_RUN) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof pollLoopWorkflow>({
        source: state.source,
        intervalSeconds: state.intervalSeconds,
        carriedState: state,
      });
    }
  }
}
