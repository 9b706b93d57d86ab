/**
 * Whether the bot's gateway connection works, per shard, and when to give up on it. discord.js
 * reconnects by itself after most closes; two cases it cannot mend end the process instead, with
 * one clear line, so that whatever supervises it (Compose's restart policy, systemd) starts it anew:
 *
 * - a close code Discord means for good (4004 token reset, 4010 invalid shard, 4011 sharding
 *   required, 4012 API version, 4013/4014 intents): discord.js emits ShardDisconnect only for those;
 * - a shard that has not been ready for longer than DISCORD_GATEWAY_TIMEOUT (a reconnect loop that
 *   never succeeds, a connection that stopped without a close).
 *
 * The report behind the bot's `/healthz` comes from the same observations.
 */
import { Events, type Client, Status } from 'discord.js';

/** How often the shards' states are read. */
export const WATCH_EVERY_MS = 5_000;
/**
 * A shard away for longer than this (or half the exit timeout, when that is shorter) makes
 * `/healthz` answer 503 (down) before the process gives up on it.
 */
export const HEALTH_GRACE_MS = 60_000;

export interface ShardObservation {
  id: number;
  ready: boolean;
  /** The last heartbeat's round trip; -1 before the first. */
  pingMs: number;
}

export interface ShardReport {
  id: number;
  status: 'ready' | 'connecting';
  /** Since when it has been in that status. */
  since: string;
  pingMs: number | null;
}

export interface GatewayReport {
  /** ok: every shard ready; reconnecting: one is away, briefly; down: away too long, or stopping. */
  status: 'ok' | 'reconnecting' | 'down';
  shards: ShardReport[];
  checkedAt: string;
}

/** Pure: tracks since when each shard has been ready or not, from periodic observations. */
export class GatewayTracker {
  private readonly shards = new Map<number, { ready: boolean; since: number; pingMs: number }>();

  constructor(private readonly startedAtMs: number) {}

  observe(observations: readonly ShardObservation[], nowMs: number): void {
    for (const { id, ready, pingMs } of observations) {
      const known = this.shards.get(id);
      if (!known) this.shards.set(id, { ready, since: ready ? nowMs : this.startedAtMs, pingMs });
      else {
        if (known.ready !== ready) known.since = nowMs;
        known.ready = ready;
        known.pingMs = pingMs;
      }
    }
  }

  /** The shard away the longest, and for how long; undefined while every shard is ready. */
  longestAway(nowMs: number): { id: number; ms: number } | undefined {
    let longest: { id: number; ms: number } | undefined;
    for (const [id, shard] of this.shards) {
      if (shard.ready) continue;
      const ms = nowMs - shard.since;
      if (!longest || ms > longest.ms) longest = { id, ms };
    }
    return longest;
  }

  report(nowMs: number, options: { stopping: boolean; graceMs: number }): GatewayReport {
    const away = this.longestAway(nowMs);
    const status =
      options.stopping || (away && away.ms > options.graceMs) || this.shards.size === 0
        ? 'down'
        : away
          ? 'reconnecting'
          : 'ok';
    return {
      status,
      shards: [...this.shards]
        .sort(([a], [b]) => a - b)
        .map(([id, shard]) => ({
          id,
          status: shard.ready ? 'ready' : 'connecting',
          since: new Date(shard.since).toISOString(),
          pingMs: shard.pingMs >= 0 ? shard.pingMs : null,
        })),
      checkedAt: new Date(nowMs).toISOString(),
    };
  }
}

/** Discord closed the gateway with a code it means for good; the message says what to do. */
export class GatewayClosedError extends Error {
  override readonly name = 'GatewayClosedError';
  constructor(code: number, shard?: number) {
    const which = shard === undefined ? '' : ` (shard ${shard})`;
    super(`Discord closed the gateway for good${which}: ${describeGatewayClose(code)}`);
  }
}

/** The gateway never became ready at start-up within DISCORD_GATEWAY_TIMEOUT. */
export class GatewayUnreachableError extends Error {
  override readonly name = 'GatewayUnreachableError';
  constructor(timeoutMs: number) {
    super(
      `the Discord gateway did not become ready within ${Math.round(timeoutMs / 1000)} s (DISCORD_GATEWAY_TIMEOUT)`,
    );
  }
}

/** The errors @discordjs/ws rejects the login with for those closes, by the code behind each. */
const CONNECT_ERRORS: Record<string, number> = {
  'Authentication failed': 4004,
  'Invalid shard': 4010,
  'Sharding is required': 4011,
  'Used an invalid API version': 4012,
  'Used invalid intents': 4013,
  'Used disallowed intents': 4014,
};

/** A login that failed on such a close, as a GatewayClosedError; undefined for any other failure. */
export function closedWhileConnecting(err: unknown): GatewayClosedError | undefined {
  if (err instanceof GatewayClosedError) return err;
  const code = err instanceof Error ? CONNECT_ERRORS[err.message] : undefined;
  return code === undefined ? undefined : new GatewayClosedError(code);
}

/** What a close code Discord means for good tells the operator. */
export function describeGatewayClose(code: number): string {
  const meaning: Record<number, string> = {
    4004: 'authentication failed: the token was reset or revoked; put the new one in DISCORD_TOKEN',
    4010: 'invalid shard: check DISCORD_SHARDS',
    4011: 'sharding required: the bot is in too many servers for one connection; set DISCORD_SHARDS=auto',
    4012: 'invalid API version',
    4013: 'invalid intents',
    4014: 'disallowed intents: enable the intent in the Developer Portal or remove it',
  };
  return `code ${code} (${meaning[code] ?? 'not recoverable'})`;
}

export interface GatewayWatch {
  /** Rejects, with the line to exit with, when the gateway is closed for good or away too long. */
  readonly failed: Promise<never>;
  report(): GatewayReport;
  /** Shutting down: the report says down from now on, and nothing more is watched. */
  stop(): void;
}

export function watchGateway(
  client: Client,
  options: { timeoutMs: number; now?: () => number },
): GatewayWatch {
  const now = options.now ?? Date.now;
  const tracker = new GatewayTracker(now());
  let stopping = false;
  let fail: (err: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection

  const observe = () => {
    const observations = [...client.ws.shards.values()].map((shard) => ({
      id: shard.id,
      ready: shard.status === Status.Ready,
      pingMs: shard.ping,
    }));
    tracker.observe(observations, now());
    const away = tracker.longestAway(now());
    if (!stopping && away && away.ms > options.timeoutMs) {
      fail(
        new Error(
          `the Discord gateway (shard ${away.id}) has not been connected for ${Math.round(away.ms / 1000)} s, longer than DISCORD_GATEWAY_TIMEOUT`,
        ),
      );
    }
  };
  const onFatalClose = (event: { code: number }, shard: number) => {
    if (!stopping)
      fail(
        new Error(
          `Discord closed the gateway for good (shard ${shard}): ${describeGatewayClose(event.code)}`,
        ),
      );
  };
  client.on(Events.ShardDisconnect, onFatalClose);
  const timer = setInterval(observe, WATCH_EVERY_MS);
  timer.unref();
  observe();

  return {
    failed,
    report() {
      observe();
      return tracker.report(now(), { stopping, graceMs: Math.min(HEALTH_GRACE_MS, options.timeoutMs / 2) });
    },
    stop() {
      stopping = true;
      clearInterval(timer);
      client.off(Events.ShardDisconnect, onFatalClose);
    },
  };
}
