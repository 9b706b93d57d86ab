/**
 * What a log of request arrival times says about pacing: the span from first to last, the busiest
 * rolling second, and the pauses (gaps well above the paced interval) with the time they cost.
 */

export interface Timeline {
  count: number;
  /** Last arrival minus first arrival, in ms. */
  spanMs: number;
  /** The most arrivals in any window [t, t + 1000 ms). */
  maxPerRollingSecond: number;
  /** Inter-arrival gaps longer than `pauseMs`. */
  pauses: number;
  /** Sum over those gaps of (gap - expectedIntervalMs): time lost to pauses. */
  pauseCostMs: number;
  /** The longest gap, in ms. */
  longestGapMs: number;
}

/** `times` must be sorted (Date.now() values as recorded on arrival). */
export function analyseTimeline(
  times: readonly number[],
  expectedIntervalMs: number,
  pauseMs = 100,
): Timeline {
  let maxPerRollingSecond = 0;
  let start = 0;
  let pauses = 0;
  let pauseCostMs = 0;
  let longestGapMs = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    while ((times[start] as number) <= t - 1000) start++;
    maxPerRollingSecond = Math.max(maxPerRollingSecond, i - start + 1);
    if (i > 0) {
      const gap = t - (times[i - 1] as number);
      longestGapMs = Math.max(longestGapMs, gap);
      if (gap > pauseMs) {
        pauses++;
        pauseCostMs += gap - expectedIntervalMs;
      }
    }
  }
  return {
    count: times.length,
    spanMs: times.length > 1 ? (times.at(-1) as number) - (times[0] as number) : 0,
    maxPerRollingSecond,
    pauses,
    pauseCostMs,
    longestGapMs,
  };
}
