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
 *    `limit * 1000 / perSecond - 1` ms (50 in 1019 ms for Discord's 50 at 49/s). Paced starts
 *    never wait for it (the next one is a full interval later); after a stall, overdue starts catch
 *    up only as far as it allows. So no second holds more than `limit` starts even if each reaches
 *    the server up to 19 ms later than another. Booked slots alone do not ensure that: when the
 *    event loop stalls (a major GC pause of 60-100 ms in a busy worker), the timers of several slots
 *    fire together, and that late bunch shares the next second with the on-time starts after it.
 *    And a request started just before a stall may leave only after it, with the bunch: so the
 *    window also counts requests when they are really written (RateGate.wire).
 *
 * Urgent callers (official alerts) go before normal ones waiting at the same time. With a shared
 * schedule (several processes on one database), every start also needs a start time claimed from
 * it: the processes' starts then interleave at the same even pace instead of adding up.
 */
import type { RequestPriority } from './priority';
import type { SlotSource } from './shared-schedule';

export interface RateGate {
  /** Resolves when the caller may start one request; urgent callers go first. */
  take(priority?: RequestPriority): Promise<void>;
  /**
   * What the HTTP client tells about each request let go: written to its socket, or given up before
   * it was. A stall of the event loop can hold a request back after the gate let it go and send it
   * together with later ones; counting requests when they are written (and those not written yet
   * as about to be) keeps every second under the limit on the wire, whatever held them.
   */
  wire: { written(): void; abandoned(): void };
}

/** Start times claimed from a shared schedule at most this far ahead (a quarter of a second at 49/s). */
export const CLAIM_AT_MOST = 12;
/**
 * A claimed start time this overdue (the process stalled) is dropped: used later, it would bunch
 * with other processes' starts (at 49/s a second holds 49 slots; 10 ms late can add one, not two).
 */
const STALE_SLOT_MS = 10;
/**
 * A request let go and not reported written within this long counts as written when let go:
 * longer than the stalls the wire counting is for, short enough that a client that reports
 * nothing costs little of the rate.
 */
const UNWRITTEN_MAX_MS = 250;

export function createRateGate(options: {
  perSecond: number;
  burst?: number;
  /** Requests the server accepts in any rolling second. Default: what the bucket allows in one. */
  limit?: number;
  /** The clock; with `schedule` it must be epoch ms (the schedule's times are). */
  now?: () => number;
  /** The schedule shared with other processes, if any. */
  schedule?: SlotSource;
}): RateGate {
  const { perSecond, schedule } = options;
  const burst = options.burst ?? 1;
  const now = options.now ?? (schedule ? () => Date.now() : () => performance.now());
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
  // Callers in order, urgent and normal apart, with the time they asked (their slot is booked from
  // then, as if at once).
  type Waiter = { since: number; resolve: () => void };
  const urgent: Waiter[] = [];
  const normal: Waiter[] = [];
  // Start times claimed from the shared schedule and not used yet (ascending).
  let held: number[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // When requests really reached their sockets (the last `windowLimit`, oldest first), and when the
  // ones let go but not written yet were let go (oldest first).
  const written: number[] = [];
  const unwritten: number[] = [];

  const noteWritten = (at: number) => {
    written.push(at);
    if (written.length > windowLimit) written.shift();
  };

  const wakeAt = (at: number, t: number) => {
    timer = setTimeout(pump, Math.max(1, Math.ceil(at - t)));
  };

  const recordStart = (t: number) => {
    if (starts.length < windowLimit) starts.push(t);
    else {
      starts[oldest] = t;
      oldest = (oldest + 1) % windowLimit;
    }
  };

  /**
   * When the window over requests really written opens for one more: those written within it and
   * those let go but not written yet (they leave any moment) must stay under the limit. One not
   * reported written within UNWRITTEN_MAX_MS counts as written when it was let go (the client may
   * not report at all; the gate then counts what it let go, as without reports).
   */
  const writtenWindowOpensAt = (t: number): number => {
    while (unwritten.length > 0 && (unwritten[0] as number) <= t - UNWRITTEN_MAX_MS)
      noteWritten(unwritten.shift() as number);
    const room = windowLimit - unwritten.length;
    if (room <= 0) return (unwritten[0] as number) + UNWRITTEN_MAX_MS;
    if (written.length < room) return -Infinity;
    return (written[written.length - room] as number) + windowMs;
  };

  /** Looks at once, instead of at the pending timer. */
  const repump = () => {
    clearTimeout(timer);
    pump();
  };

  const pump = () => {
    timer = undefined;
    for (;;) {
      const queue = urgent.length > 0 ? urgent : normal;
      const first = queue[0];
      if (first === undefined) return;
      const t = now();
      const paced = Math.max(first.since - (burst - 1) * interval, nextFreeAt);
      const windowOpensAt = starts.length < windowLimit ? -Infinity : (starts[oldest] as number) + windowMs;
      let at = Math.max(paced, windowOpensAt, writtenWindowOpensAt(t));
      if (schedule) {
        held = held.filter((slot) => slot >= t - STALE_SLOT_MS);
        if (held.length === 0) {
          const count = Math.min(urgent.length + normal.length, CLAIM_AT_MOST);
          const claimed = schedule.claim(count, queue === urgent, t);
          if (claimed.times.length === 0) return wakeAt(claimed.retryAt ?? t + interval, t);
          held = claimed.times;
        }
        at = Math.max(at, held[0] as number);
      }
      if (at > t) return wakeAt(at, t);
      nextFreeAt = paced + interval;
      held.shift();
      recordStart(t);
      unwritten.push(t);
      queue.shift();
      first.resolve();
    }
  };

  return {
    // Either may open the window for a caller waiting on requests not yet written: look again.
    wire: {
      written() {
        unwritten.shift();
        noteWritten(now());
        repump();
      },
      abandoned() {
        unwritten.shift();
        repump();
      },
    },
    take(priority = 'normal') {
      return new Promise<void>((resolve) => {
        (priority === 'urgent' ? urgent : normal).push({ since: now(), resolve });
        if (timer === undefined) pump();
        // an urgent caller arriving while the gate waits for a normal one's claim retry: look now
        else if (priority === 'urgent' && urgent.length === 1) repump();
      });
    },
  };
}
