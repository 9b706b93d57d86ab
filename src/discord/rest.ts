import { subscribe } from 'node:diagnostics_channel';
import { DefaultRestOptions, REST, type ResponseLike } from '@discordjs/rest';
import { currentRequestPriority } from './priority';
import { createPublishLimit, type PublishLimit } from './publish-limit';
import { createRateGate, type RateGate } from './rate-gate';
import type { SlotSource } from './shared-schedule';

/**
 * Requests per second VRCPulse allows itself, all processes together: just under Discord's global
 * 50/s, so that no rolling second ever holds more than 50. The gate also lets at most 50 start in
 * any 1020 ms (counted when they really start), so up to 20 ms of timing jitter between here and
 * Discord cannot put a 51st into a second. (discord.js itself allows 50 in each fixed second.) The
 * sends no longer share an event loop with the worker's database work, which is what the margin
 * is for; 48/s with 40 ms of margin cost 4 % of every fan-out's time to cover stalls that now
 * happen elsewhere.
 */
export const DISCORD_REQUESTS_PER_SECOND = 49;
/** Discord's global limit: requests per rolling second, for every route together. */
export const DISCORD_GLOBAL_LIMIT = 50;

/**
 * The worker's Discord REST client; null without a token (the bot is off). Every HTTP request it
 * makes passes the process-wide rate gate first, at the moment it really goes out: first attempts,
 * retries after a 5xx, and the requests @discordjs/rest held back during a global 429 and releases
 * together afterwards, which a gate in front of `rest.post` would let through as one burst. Requests
 * made under withRequestPriority('urgent') go first.
 */
export function createDiscordRest(options: {
  token: string | undefined;
  apiBaseUrl: string;
  requestsPerSecond?: number;
  /** The schedule shared with the other processes sending on this database (openSharedSchedule). */
  schedule?: SlotSource;
}): { rest: REST; publishLimit: PublishLimit } | null {
  if (!options.token) return null;
  const publishLimit = createPublishLimit();
  const gate = createRateGate({
    perSecond: options.requestsPerSecond ?? DISCORD_REQUESTS_PER_SECOND,
    limit: DISCORD_GLOBAL_LIMIT,
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  tapWrites(new URL(options.apiBaseUrl).origin, gate.wire);
  const send = DefaultRestOptions.makeRequest;
  const rest = new REST({
    api: options.apiBaseUrl,
    version: '10',
    // 5xx and timeouts are retried twice here; what still fails is retried later by the fan-out.
    retries: 2,
    timeout: 15_000,
    globalRequestsPerSecond: 50,
    // Publishing is limited to 10 an hour per channel: a send must not sit out the hour waiting
    // (publishLimit skips a spent channel; this covers another process having spent it).
    rejectOnRateLimit: (data) => data.route.endsWith('/crosspost'),
    async makeRequest(url, init): Promise<ResponseLike> {
      await gate.take(currentRequestPriority());
      // The request's 15 s timeout runs while it waits for the gate; a timed-out one is not sent.
      if (init.signal?.aborted) {
        gate.wire.abandoned();
        init.signal.throwIfAborted();
      }
      const response = await send(url, init as Parameters<typeof send>[1]);
      publishLimit.observe(url, response.status, response.headers);
      return response;
    },
  }).setToken(options.token);
  return { rest, publishLimit };
}

/**
 * Tells the gate when each request to `origin` is written to its socket, or fails before that,
 * from undici's diagnostics channels (the HTTP client under @discordjs/rest). The channels are the
 * process's: a request to Discord from another client in the same process (the bot's, under
 * `npm start`) counts as written too, which only makes the gate more careful.
 */
function tapWrites(origin: string, wire: RateGate['wire']): void {
  const unwritten = new WeakSet<object>();
  const ours = (message: unknown): object | undefined => {
    const request = (message as { request?: { origin?: unknown } }).request;
    return request && String(request.origin) === origin ? request : undefined;
  };
  subscribe('undici:request:create', (message) => {
    const request = ours(message);
    if (request) unwritten.add(request);
  });
  subscribe('undici:client:sendHeaders', (message) => {
    const request = ours(message);
    if (request && unwritten.delete(request)) wire.written();
  });
  subscribe('undici:request:error', (message) => {
    const request = ours(message);
    if (request && unwritten.delete(request)) wire.abandoned();
  });
}
