/**
 * Event-loop stalls of this process: a 10 ms interval timer that notes how late each tick fires.
 * A stall of 40 ms or more matters here because it can bunch requests that were paced 20.8 ms apart
 * (48/s) into one rolling second of Discord's global limit.
 */

export interface LoopStalls {
  /** Ticks that fired at least the threshold late. */
  stalls: number;
  /** Sum of their lateness, in ms. */
  stalledMs: number;
  /** The latest tick, in ms late. */
  maxMs: number;
}

export const STALL_THRESHOLD_MS = 40;
const TICK_MS = 10;

const empty = (): LoopStalls => ({ stalls: 0, stalledMs: 0, maxMs: 0 });

export function addStalls(a: LoopStalls, b: LoopStalls): LoopStalls {
  return {
    stalls: a.stalls + b.stalls,
    stalledMs: a.stalledMs + b.stalledMs,
    maxMs: Math.max(a.maxMs, b.maxMs),
  };
}

/** Starts watching; `take()` returns what happened since the previous take (or the start). */
export function watchLoopStalls(thresholdMs = STALL_THRESHOLD_MS): { take(): LoopStalls; stop(): void } {
  let totals = empty();
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    last = now;
    if (late >= thresholdMs) {
      totals.stalls++;
      totals.stalledMs += late;
    }
    totals.maxMs = Math.max(totals.maxMs, late);
  }, TICK_MS);
  timer.unref();
  return {
    take() {
      const taken = totals;
      totals = empty();
      return taken;
    },
    stop: () => clearInterval(timer),
  };
}
