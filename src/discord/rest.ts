import { REST } from '@discordjs/rest';
import { createRateGate, type RateGate } from './rate-gate';

/**
 * Requests per second this process allows itself: just under Discord's global 50/s, so that no
 * rolling second ever holds more than 50 (a bucket of 48/s with a burst of 1 tops out at 49).
 */
export const DISCORD_REQUESTS_PER_SECOND = 48;

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
    gate: createRateGate({ perSecond: options.requestsPerSecond ?? DISCORD_REQUESTS_PER_SECOND }),
  };
}
