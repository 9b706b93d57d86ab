/**
 * The four poll loops: their sources, fixed workflow ids, settings keys, and the messages the
 * outside world (worker boot, /admin, operators in the Temporal UI) sends them.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { AlertFact } from './alerts';
import type { MaintenanceSchedule } from './reminders';

export const POLL_SOURCES = ['status', 'incident', 'maintenance', 'metrics'] as const;
export type PollSource = (typeof POLL_SOURCES)[number];

export const POLL_WORKFLOW_TYPE = 'pollLoopWorkflow';

export const POLL_WORKFLOW_IDS: Record<PollSource, string> = {
  status: 'poll-status',
  incident: 'poll-incidents',
  maintenance: 'poll-maintenances',
  metrics: 'poll-metrics',
};

/** bot_config key holding each loop's interval in seconds. */
export const pollIntervalKey = (source: PollSource): string => `polling.${source}`;

export const MIN_POLL_INTERVAL_SECONDS = 60;
export const MAX_POLL_INTERVAL_SECONDS = 3600;
export const DEFAULT_POLL_INTERVAL_SECONDS = 60;

export function isValidPollInterval(seconds: unknown): seconds is number {
  return (
    typeof seconds === 'number' &&
    Number.isInteger(seconds) &&
    seconds >= MIN_POLL_INTERVAL_SECONDS &&
    seconds <= MAX_POLL_INTERVAL_SECONDS
  );
}

/** What one successful cycle reports back to its loop (plain JSON). */
export interface CycleResult {
  /** Alertable facts, level-triggered: everything that should have been alerted recently. */
  facts: AlertFact[];
  /** Rows written by this cycle, per table (empty object when nothing changed). */
  written: Record<string, number>;
  /** Problems that did not fail the cycle, e.g. one metric feed of eight that was down. */
  warnings: string[];
  /**
   * Maintenance loop only: every maintenance announced and not begun, whose reminders the loop keeps
   * (absent from other loops and from cycles of earlier releases).
   */
  upcomingMaintenances?: MaintenanceSchedule[];
}

export interface PollLoopError {
  at: string;
  /** The failure type, e.g. SourceUnavailable, MalformedPayload. */
  type: string;
  message: string;
}

/** A loop's state as the `state` query returns it, and as it is carried over continue-as-new. */
export interface PollLoopState {
  source: PollSource;
  intervalSeconds: number;
  /** Completed cycles since the loop was first started (across continue-as-new). */
  cycles: number;
  lastCycleAt: string | null;
  lastSuccessAt: string | null;
  lastError: PollLoopError | null;
  consecutiveFailures: number;
  nextRunAt: string | null;
  lastResult: CycleResult | null;
  /**
   * Facts already handed to a fan-out (`type:referenceId` -> observedAt), so a level-triggered fact
   * is dispatched once, not every cycle; pruned after the catch-up window. Absent in loops started
   * before alert dispatch existed.
   */
  dispatched?: Record<string, string>;
  /**
   * Maintenance loop: the window each upcoming maintenance's reminders workflow was last given
   * (maintenance id -> window start), so a workflow is signalled when its window changes, not every
   * cycle. Absent before reminders existed.
   */
  reminders?: Record<string, string>;
  /** When the loop was first seen stale in the current streak of failures (it warned then); absent when fresh. */
  staleSince?: string | null;
}

export interface PollLoopInput {
  source: PollSource;
  /** Interval to start with (the worker reads it from bot_config). */
  intervalSeconds: number;
  /** Present when the loop continues as new. */
  carriedState?: PollLoopState;
}

/** A loop's data is stale when it has not succeeded for longer than this many intervals. */
export const STALE_AFTER_INTERVALS = 5;

/**
 * Whether a loop's data is stale at `nowMs`: no success for more than 5 intervals, or, for a loop
 * that has never succeeded, 5 failed cycles in a row (a fresh loop is not stale before it tried).
 */
export function isStale(
  state: Pick<PollLoopState, 'lastSuccessAt' | 'intervalSeconds' | 'consecutiveFailures'>,
  nowMs: number,
): boolean {
  if (state.lastSuccessAt === null) return state.consecutiveFailures >= STALE_AFTER_INTERVALS;
  return nowMs - Date.parse(state.lastSuccessAt) > STALE_AFTER_INTERVALS * state.intervalSeconds * 1000;
}

/** Sets the loop's interval (seconds, 60..3600) and wakes it, so the change applies at once. */
export const setPollIntervalSignal = defineSignal<[{ intervalSeconds: number }]>('setPollInterval');
/** Runs a cycle now (operators, tests); the cadence then continues from this cycle. */
export const pollNowSignal = defineSignal('pollNow');
export const pollStateQuery = defineQuery<PollLoopState>('state');
