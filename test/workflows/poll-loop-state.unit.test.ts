/**
 * The poll loop's state transitions, without Temporal: what the `state` query shows and what
 * continue-as-new carries after signals, successful and failed cycles, and alert dispatch.
 */
import type { AlertFact } from '../../src/contracts/alerts';
import type { CycleResult, PollLoopState } from '../../src/contracts/polling';
import { PollLoopTracker } from '../../src/workflows/poll-loop';

const T0 = Date.UTC(2026, 0, 10, 12, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const s = (seconds: number) => seconds * 1000;

const fact = (referenceId: string, observedAt: number): AlertFact => ({
  type: 'incident',
  referenceId,
  observedAt: iso(observedAt),
});
const result = (facts: AlertFact[] = []): CycleResult => ({ facts, written: {}, warnings: [] });
const failure = { type: 'SourceUnavailable', message: 'HTTP 503' };

const fresh = () => new PollLoopTracker({ source: 'status', intervalSeconds: 60 });

describe('PollLoopTracker', () => {
  it('starts from the input, due at once', () => {
    const loop = fresh();
    expect(loop.snapshot()).toEqual({
      source: 'status',
      intervalSeconds: 60,
      cycles: 0,
      lastCycleAt: null,
      lastSuccessAt: null,
      lastError: null,
      consecutiveFailures: 0,
      nextRunAt: null,
      lastResult: null,
    });
    expect(Object.keys(loop.snapshot())).not.toContain('dispatched');
    expect(Object.keys(loop.snapshot())).not.toContain('staleSince');
    expect(loop.msUntilDue(T0)).toBeNull();
  });

  it('resumes from carried state as it is, including fields it does not know', () => {
    const carried = {
      ...fresh().snapshot(),
      source: 'metrics',
      intervalSeconds: 120,
      cycles: 41,
      fromAnOlderVersion: true,
    } as PollLoopState;
    const loop = new PollLoopTracker({ source: 'metrics', intervalSeconds: 60, carriedState: carried });
    expect(loop.intervalSeconds).toBe(120);
    expect(loop.snapshot()).toEqual(carried);
    expect(JSON.stringify(loop.carry())).toBe(
      JSON.stringify({ source: 'metrics', intervalSeconds: 120, carriedState: carried }),
    );
  });

  it('a successful cycle records its result and makes the next one due one interval after its start', () => {
    const loop = fresh();
    loop.beginCycle();
    expect(loop.recordSuccess(result(), T0 + s(3))).toBeNull();
    loop.finishCycle(T0);
    expect(loop.snapshot()).toMatchObject({
      cycles: 1,
      lastCycleAt: iso(T0),
      lastSuccessAt: iso(T0 + s(3)),
      consecutiveFailures: 0,
      nextRunAt: iso(T0 + s(60)),
      lastResult: result(),
    });
    expect('staleSince' in loop.snapshot()).toBe(false);
    expect(loop.msUntilDue(T0 + s(10))).toBe(s(50));
    expect(loop.msUntilDue(T0 + s(60))).toBeNull();
  });

  it('a failed cycle records the error and counts the streak; a success ends it', () => {
    const loop = fresh();
    expect(loop.recordFailure(failure, T0 + s(1))).toBe(false);
    loop.finishCycle(T0);
    expect(loop.snapshot()).toMatchObject({
      cycles: 1,
      lastError: { at: iso(T0 + s(1)), ...failure },
      consecutiveFailures: 1,
      lastSuccessAt: null,
    });
    expect(loop.recordFailure(failure, T0 + s(61))).toBe(false);
    expect(loop.consecutiveFailures).toBe(2);
    loop.recordSuccess(result(), T0 + s(121));
    expect(loop.snapshot()).toMatchObject({ consecutiveFailures: 0, lastError: { at: iso(T0 + s(61)) } });
  });

  it('goes stale once per streak of failures, and is fresh again after a success', () => {
    const loop = fresh();
    loop.recordSuccess(result(), T0);
    // Stale once no success for more than 5 intervals (5 min at 60 s).
    expect(loop.recordFailure(failure, T0 + s(300))).toBe(false);
    expect(loop.recordFailure(failure, T0 + s(301))).toBe(true);
    expect(loop.snapshot().staleSince).toBe(iso(T0 + s(301)));
    expect(loop.recordFailure(failure, T0 + s(361))).toBe(false);
    expect(loop.snapshot().staleSince).toBe(iso(T0 + s(301)));

    expect(loop.recordSuccess(result(), T0 + s(421))).toBe(iso(T0 + s(301)));
    expect(loop.snapshot().staleSince).toBeNull();
    expect(loop.recordSuccess(result(), T0 + s(481))).toBeNull();
  });

  it('a loop that never succeeded goes stale after 5 failed cycles', () => {
    const loop = fresh();
    const stale = [1, 2, 3, 4, 5].map((n) => loop.recordFailure(failure, T0 + s(60 * n)));
    expect(stale).toEqual([false, false, false, false, true]);
  });

  it('a new interval moves the next cycle and wakes the loop; an invalid one changes nothing', () => {
    const loop = fresh();
    loop.recordSuccess(result(), T0);
    loop.finishCycle(T0);
    loop.beginWait();
    expect(loop.setInterval(59)).toBe(false);
    expect(loop.setInterval(90.5)).toBe(false);
    expect(loop.woken).toBe(false);
    expect(loop.intervalSeconds).toBe(60);

    expect(loop.setInterval(300)).toBe(true);
    expect(loop.woken).toBe(true);
    expect(loop.snapshot()).toMatchObject({ intervalSeconds: 300, nextRunAt: iso(T0 + s(300)) });
    expect(loop.msUntilDue(T0 + s(60))).toBe(s(240));
  });

  it('a new interval before the first cycle only sets the interval', () => {
    const loop = fresh();
    expect(loop.setInterval(120)).toBe(true);
    expect(loop.snapshot()).toMatchObject({ intervalSeconds: 120, nextRunAt: null });
  });

  it('pollNow makes the next cycle due at once until that cycle begins', () => {
    const loop = fresh();
    loop.finishCycle(T0);
    loop.beginWait();
    loop.requestPoll();
    expect(loop.woken).toBe(true);
    expect(loop.msUntilDue(T0 + s(1))).toBeNull();
    loop.beginCycle();
    loop.finishCycle(T0 + s(1));
    expect(loop.msUntilDue(T0 + s(2))).toBe(s(59));
  });

  it('dispatches each fact once and forgets facts older than the catch-up window', () => {
    const loop = fresh();
    const a = fact('a', T0);
    const b = fact('b', T0);
    expect(loop.undispatched([a, b], T0)).toEqual([a, b]);
    // The record exists from the first dispatch attempt, even before anything was dispatched.
    expect(loop.snapshot().dispatched).toEqual({});
    loop.markDispatched([a]);
    expect(loop.undispatched([a, b], T0 + s(60))).toEqual([b]);
    expect(loop.snapshot().dispatched).toEqual({ 'incident:a': iso(T0) });

    const later = T0 + 73 * 60 * 60 * 1000 + 1;
    expect(loop.undispatched([a], later)).toEqual([a]);
    expect(loop.snapshot().dispatched).toEqual({});
  });

  it("syncs a maintenance's reminders when it is new or its window moved, and ends them once it is not upcoming", () => {
    const loop = new PollLoopTracker({ source: 'maintenance', intervalSeconds: 60 });
    const a = { maintenanceId: 'a', scheduledFor: iso(T0 + s(86_400)), announcedAt: iso(T0) };
    const b = { maintenanceId: 'b', scheduledFor: iso(T0 + s(7_200)), announcedAt: iso(T0) };
    expect(loop.reminderChanges([a, b])).toEqual({ schedule: [a, b], cancel: [] });
    // not synced (the activity failed): the next cycle offers the same again
    expect(loop.reminderChanges([a, b])).toEqual({ schedule: [a, b], cancel: [] });
    loop.markRemindersSynced({ schedule: [a, b], cancel: [] });
    expect(loop.reminderChanges([a, b])).toEqual({ schedule: [], cancel: [] });

    const aMoved = { ...a, scheduledFor: iso(T0 + s(90_000)) };
    expect(loop.reminderChanges([aMoved])).toEqual({ schedule: [aMoved], cancel: ['b'] });
    loop.markRemindersSynced({ schedule: [aMoved], cancel: ['b'] });
    expect(loop.snapshot().reminders).toEqual({ a: aMoved.scheduledFor });
    expect(loop.reminderChanges([])).toEqual({ schedule: [], cancel: ['a'] });
  });

  it('snapshots are copies: later transitions do not change them', () => {
    const loop = fresh();
    loop.undispatched([], T0);
    const before = loop.snapshot();
    loop.markDispatched([fact('a', T0)]);
    loop.recordFailure(failure, T0);
    expect(before.dispatched).toEqual({});
    expect(before.consecutiveFailures).toBe(0);
  });

  it('carries source, interval and state to the next run', () => {
    const loop = fresh();
    loop.setInterval(180);
    loop.recordSuccess(result([fact('a', T0)]), T0);
    loop.finishCycle(T0);
    expect(loop.carry()).toEqual({ source: 'status', intervalSeconds: 180, carriedState: loop.snapshot() });
  });
});
