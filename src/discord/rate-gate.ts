/**
 * A process-wide pacer for Discord requests: a token bucket that lets at most `perSecond` requests
 * start per second with a burst of `burst`, so that however many fan-outs and batches run at once in
 * this worker, the bot stays under Discord's global limit (50 requests/s) instead of bouncing off
 * it with 429s. Per-route limits are @discordjs/rest's job (it reads the bucket headers).
 */
export interface RateGate {
  /** Resolves when the caller may start one request. */
  take(): Promise<void>;
}

export function createRateGate(options: { perSecond: number; burst?: number; now?: () => number }): RateGate {
  const { perSecond } = options;
  const burst = options.burst ?? 1;
  const now = options.now ?? (() => performance.now());
  const interval = 1000 / perSecond;
  // The time at which the bucket would be full again; each take() books one slot after the last.
  let nextFreeAt = -Infinity;

  return {
    take() {
      const t = now();
      const earliest = Math.max(t - (burst - 1) * interval, nextFreeAt);
      nextFreeAt = earliest + interval;
      const wait = earliest - t;
      return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    },
  };
}
