/**
 * A process-wide pacer for Discord requests, so that however many fan-outs and batches run at once
 * in this worker, the bot stays under Discord's global limit (50 requests/s) instead of bouncing off
 * it with 429s. Per-route limits are @discordjs/rest's job (it reads the bucket headers).
 *
 * Two rules, both needed:
 *  - pacing: starts are booked `1000 / perSecond` ms apart (a token bucket with a burst of `burst`),
 *    so requests go out evenly rather than in bursts, and a timer that fires a millisecond late does
 *    not slow the schedule down;
 *  - a rolling window over the times starts actually happen: at most `limit` starts in any
 *    `limit * 1000 / perSecond - 1` ms (50 in 1040.7 ms for Discord's 50 at 48/s). Paced starts
 *    never wait for it (the next one is a full interval later); after a stall, overdue starts catch
 *    up only as far as it allows. So no second holds more than `limit` starts even if each reaches
 *    the server up to 40 ms later than another. Booked slots alone do not ensure that: when the
 *    event loop stalls (a major GC pause of 60-100 ms in a busy worker), the timers of several slots
 *    fire together, and that late bunch shares the next second with the on-time starts after it.
 */
export interface RateGate {
  /** Resolves when the caller may start one request. */
  take(): Promise<void>;
}

export function createRateGate(options: {
  perSecond: number;
  burst?: number;
  /** Requests the server accepts in any rolling second. Default: what the bucket allows in one. */
  limit?: number;
  now?: () => number;
}): RateGate {
  const { perSecond } = options;
  const burst = options.burst ?? 1;
  const now = options.now ?? (() => performance.now());
  const interval = 1000 / perSecond;
  const windowLimit = options.limit ?? Math.floor(perSecond) + burst;
  // less a millisecond, so that timers firing on whole milliseconds do not run into the window when
  // starts are merely paced
  const windowMs = windowLimit * interval - 1;
  // The time at which the bucket would be full again; each start books one slot after the last.
  let nextFreeAt = -Infinity;
  // When the last `windowLimit` starts happened (a ring; `oldest` indexes the earliest).
  const starts: number[] = [];
  let oldest = 0;
  // Callers in order, with the time they asked (their slot is booked from then, as if at once).
  const waiting: { since: number; resolve: () => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const pump = () => {
    timer = undefined;
    for (let first = waiting[0]; first !== undefined; first = waiting[0]) {
      const t = now();
      const paced = Math.max(first.since - (burst - 1) * interval, nextFreeAt);
      const windowOpensAt = starts.length < windowLimit ? -Infinity : (starts[oldest] as number) + windowMs;
      const at = Math.max(paced, windowOpensAt);
      if (at > t) {
        timer = setTimeout(pump, Math.ceil(at - t));
        return;
      }
      nextFreeAt = paced + interval;
      if (starts.length < windowLimit) starts.push(t);
      else {
        starts[oldest] = t;
        oldest = (oldest + 1) % windowLimit;
      }
      waiting.shift();
      first.resolve();
    }
  };

  return {
    take() {
      return new Promise<void>((resolve) => {
        waiting.push({ since: now(), resolve });
        if (timer === undefined) pump();
      });
    },
  };
}
