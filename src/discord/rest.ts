import { REST } from '@discordjs/rest';
import { createRateGate, type RateGate } from './rate-gate';

/**
 * Requests per second this process allows itself: just under Discord's global 50/s, so that no
 * rolling second ever holds more than 50. The gate also lets at most 50 start in any 1040 ms
 * (counted when they really start), so up to 40 ms of timing jitter between here and Discord
 * cannot put a 51st into a second.
 */
export const DISCORD_REQUESTS_PER_SECOND = 48;
/** Discord's global limit: requests per rolling second, for every route together. */
export const DISCORD_GLOBAL_LIMIT = 50;

/** The worker's Discord REST client and pacer; null without a token (the bot is off). */
export function createDiscordRest(options: {
  token: string | undefined;
  apiBaseUrl: string;
  requestsPerSecond?: number;
}): { rest: REST; gate: RateGate } | null {
  if (!options.token) return null;
  const rest = new REST({
    api: options.apiBaseUrl,
    version: '10',
    // 5xx and timeouts are retried twice here; what still fails is retried later by the fan-out.
    retries: 2,
    timeout: 15_000,
    globalRequestsPerSecond: 50,
  }).setToken(options.token);
  return {
    rest,
    gate: createRateGate({
      perSecond: options.requestsPerSecond ?? DISCORD_REQUESTS_PER_SECOND,
      limit: DISCORD_GLOBAL_LIMIT,
    }),
  };
}
