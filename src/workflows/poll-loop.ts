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
import { ALERT_CATCH_UP_WINDOW_MS, type AlertFact, alertWorkflowId } from '../contracts/alerts';
import type { MaintenanceSchedule, ReminderChanges } from '../contracts/reminders';
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

const { dispatchAlerts, syncMaintenanceReminders } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

/**
 * Hands the cycle's new facts to their fan-outs. A fact goes out once per loop (the fan-out's
 * workflow id dedupes across loops and restarts anyway); if dispatching fails, the facts stay
 * undispatched and the next cycle, which emits them again, tries again. Facts the worker deferred
 * (no Discord token) stay undispatched too; results recorded before `deferred` existed have none.
 */
async function dispatchNewFacts(loop: PollLoopTracker, facts: AlertFact[]): Promise<void> {
  const fresh = loop.undispatched(facts, Date.now());
  if (fresh.length === 0) return;
  try {
    const { deferred = [] } = await dispatchAlerts({ facts: fresh });
    const waiting = new Set(deferred);
    loop.markDispatched(fresh.filter((fact) => !waiting.has(alertWorkflowId(fact))));
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    log.warn('could not dispatch alert facts; the next cycle retries', {
      source: loop.source,
      error: err.message,
    });
  }
}

/**
 * Starts, moves and ends the reminders workflows of the maintenances whose window changed since the
 * last sync. If that fails, nothing is marked synced and the next cycle tries again.
 */
async function syncReminders(loop: PollLoopTracker, upcoming: MaintenanceSchedule[]): Promise<void> {
  const changes = loop.reminderChanges(upcoming);
  if (changes.schedule.length === 0 && changes.cancel.length === 0) return;
  try {
    await syncMaintenanceReminders(changes);
    loop.markRemindersSynced(changes);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    log.warn('could not sync maintenance reminders; the next cycle retries', { error: err.message });
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

const factKey = (fact: AlertFact): string => `${fact.type}:${fact.referenceId}`;

/**
 * What a poll loop remembers across cycles, signals and continue-as-new: the state its `state` query
 * shows and its next run carries, and whether a signal has woken it or asked for a cycle now. The
 * carried state is kept as the very object it arrived as, so fields this version does not know pass
 * through untouched. Pure: the workflow waits, collects, dispatches and logs, and tells the tracker
 * what happened (with the workflow's clock).
 */
export class PollLoopTracker {
  private readonly state: PollLoopState;
  private wokenBySignal = false;
  private pollRequested = false;

  constructor(input: PollLoopInput) {
    this.state = input.carriedState ?? {
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
  }

  get source(): PollSource {
    return this.state.source;
  }

  get intervalSeconds(): number {
    return this.state.intervalSeconds;
  }

  get lastSuccessAt(): string | null {
    return this.state.lastSuccessAt;
  }

  get consecutiveFailures(): number {
    return this.state.consecutiveFailures;
  }

  /** Whether a signal arrived since the wait began. */
  get woken(): boolean {
    return this.wokenBySignal;
  }

  /**
   * The `setPollInterval` signal: the next cycle is due one new interval after the last one started,
   * and the loop wakes to wait for that instead. False (nothing changes) for an invalid interval.
   */
  setInterval(intervalSeconds: number): boolean {
    if (!isValidPollInterval(intervalSeconds)) return false;
    this.state.intervalSeconds = intervalSeconds;
    if (this.state.lastCycleAt) {
      this.state.nextRunAt = new Date(
        Date.parse(this.state.lastCycleAt) + intervalSeconds * 1000,
      ).toISOString();
    }
    this.wokenBySignal = true;
    return true;
  }

  /** The `pollNow` signal: the next cycle is due at once. */
  requestPoll(): void {
    this.pollRequested = true;
    this.wokenBySignal = true;
  }

  /** How long the next cycle is still away at `nowMs`, or null when it is due (or was asked for). */
  msUntilDue(nowMs: number): number | null {
    const { nextRunAt } = this.state;
    if (!this.pollRequested && nextRunAt !== null && nowMs < Date.parse(nextRunAt)) {
      return Date.parse(nextRunAt) - nowMs;
    }
    return null;
  }

  /** A wait begins: only a signal that arrives from now on ends it early. */
  beginWait(): void {
    this.wokenBySignal = false;
  }

  /** A cycle begins: the `pollNow` it answers is used up. */
  beginCycle(): void {
    this.pollRequested = false;
  }

  /**
   * The cycle collected its source. Returns since when the data had been stale, if it had (it is
   * fresh again now), else null.
   */
  recordSuccess(result: CycleResult, nowMs: number): string | null {
    this.state.lastResult = result;
    this.state.lastSuccessAt = new Date(nowMs).toISOString();
    this.state.consecutiveFailures = 0;
    const { staleSince } = this.state;
    // Only a stale loop gets the field reset; one that never went stale keeps it absent.
    if (!staleSince) return null;
    this.state.staleSince = null;
    return staleSince;
  }

  /**
   * The cycle failed. Returns true when this failure made the data stale: once per streak of
   * failures, so the loop warns once, not every cycle.
   */
  recordFailure(failure: { type: string; message: string }, nowMs: number): boolean {
    this.state.lastError = { at: new Date(nowMs).toISOString(), ...failure };
    this.state.consecutiveFailures += 1;
    if (this.state.staleSince || !isStale(this.state, nowMs)) return false;
    this.state.staleSince = new Date(nowMs).toISOString();
    return true;
  }

  /** The cycle that started at `startedAtMs` is over; the next is due one interval after its start. */
  finishCycle(startedAtMs: number): void {
    this.state.cycles += 1;
    this.state.lastCycleAt = new Date(startedAtMs).toISOString();
    this.state.nextRunAt = new Date(startedAtMs + this.state.intervalSeconds * 1000).toISOString();
  }

  /**
   * The facts not yet handed to a fan-out. First forgets facts dispatched before the catch-up window
   * (plus an hour): no cycle emits them any more, so the record would only grow.
   */
  undispatched(facts: AlertFact[], nowMs: number): AlertFact[] {
    const dispatched = (this.state.dispatched ??= {});
    const horizon = nowMs - ALERT_CATCH_UP_WINDOW_MS - 60 * 60 * 1000;
    for (const [key, observedAt] of Object.entries(dispatched)) {
      if (Date.parse(observedAt) < horizon) delete dispatched[key];
    }
    return facts.filter((f) => !(factKey(f) in dispatched));
  }

  /** The facts went to their fan-outs: later cycles do not dispatch them again. */
  markDispatched(facts: AlertFact[]): void {
    const dispatched = (this.state.dispatched ??= {});
    for (const f of facts) dispatched[factKey(f)] = f.observedAt;
  }

  /**
   * The reminders workflows to start or move (a maintenance new, or its window changed) and to end
   * (no longer upcoming), against the windows synced so far.
   */
  reminderChanges(upcoming: MaintenanceSchedule[]): ReminderChanges {
    const synced = this.state.reminders ?? {};
    const schedule = upcoming.filter((m) => synced[m.maintenanceId] !== m.scheduledFor);
    const ids = new Set(upcoming.map((m) => m.maintenanceId));
    return { schedule, cancel: Object.keys(synced).filter((id) => !ids.has(id)) };
  }

  /** The changes reached their workflows. */
  markRemindersSynced(changes: ReminderChanges): void {
    const synced = (this.state.reminders ??= {});
    for (const m of changes.schedule) synced[m.maintenanceId] = m.scheduledFor;
    for (const id of changes.cancel) delete synced[id];
  }

  /** The state as the `state` query returns it (a copy: later cycles do not change it). */
  snapshot(): PollLoopState {
    const copy = { ...this.state };
    if (copy.dispatched) copy.dispatched = { ...copy.dispatched };
    if (copy.reminders) copy.reminders = { ...copy.reminders };
    return copy;
  }

  /** The next run's input when the loop continues as new. */
  carry(): PollLoopInput {
    return {
      source: this.state.source,
      intervalSeconds: this.state.intervalSeconds,
      carriedState: this.snapshot(),
    };
  }
}

/**
 * One long-running loop per source (fixed ids poll-status, poll-incidents, poll-maintenances,
 * poll-metrics). Each cycle runs one activity that fetches, validates and persists the source and
 * returns the cycle's alertable facts. Cycles start `intervalSeconds` apart (the cadence does not
 * drift with slow cycles); a failed cycle is recorded and the loop carries on.
 */
export async function pollLoopWorkflow(input: PollLoopInput): Promise<never> {
  const loop = new PollLoopTracker(input);

  setHandler(pollStateQuery, () => loop.snapshot());
  setHandler(setPollIntervalSignal, ({ intervalSeconds }) => {
    if (!loop.setInterval(intervalSeconds)) {
      log.warn('ignoring invalid poll interval', { source: loop.source, intervalSeconds });
    }
  });
  setHandler(pollNowSignal, () => loop.requestPoll());

  const waitUntilDue = async () => {
    for (let waitMs = loop.msUntilDue(Date.now()); waitMs !== null; waitMs = loop.msUntilDue(Date.now())) {
      loop.beginWait();
      await condition(() => loop.woken, waitMs);
    }
    loop.beginCycle();
  };

  const runCycle = async () => {
    const startedAt = Date.now();
    try {
      const result = await collectorFor(loop.source, loop.intervalSeconds)();
      const staleSince = loop.recordSuccess(result, Date.now());
      if (staleSince) log.info('poll loop has fresh data again', { source: loop.source, staleSince });
      // Added after the first release: loops recorded before it replay without dispatching.
      if (patched('dispatch-alert-facts')) await dispatchNewFacts(loop, result.facts);
      // Added with maintenance reminders; only maintenance cycles of this release carry the list.
      if (result.upcomingMaintenances && patched('maintenance-reminders'))
        await syncReminders(loop, result.upcomingMaintenances);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const failure = describeFailure(err);
      const becameStale = loop.recordFailure(failure, Date.now());
      log.warn('poll cycle failed', {
        source: loop.source,
        ...failure,
        consecutiveFailures: loop.consecutiveFailures,
        // the cadence holds: the next cycle starts one interval after this one started
        nextAttemptAt: new Date(startedAt + loop.intervalSeconds * 1000).toISOString(),
      });
      // Once per streak: the data /status shows from this source is now out of date, and why.
      if (becameStale) {
        log.warn(
          `${loop.source} data is stale: no successful poll for more than ${STALE_AFTER_INTERVALS} intervals`,
          {
            source: loop.source,
            lastSuccessAt: loop.lastSuccessAt,
            intervalSeconds: loop.intervalSeconds,
            consecutiveFailures: loop.consecutiveFailures,
            lastError: `${failure.type}: ${failure.message}`,
          },
        );
      }
    }
    loop.finishCycle(startedAt);
  };

  for (let cyclesThisRun = 1; ; cyclesThisRun++) {
    await waitUntilDue();
    await runCycle();
    if (workflowInfo().continueAsNewSuggested || cyclesThisRun >= MAX_CYCLES_PER_RUN) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof pollLoopWorkflow>(loop.carry());
    }
  }
}
