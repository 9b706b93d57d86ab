/**
 * Counts Discord's 429s and invalid requests as the answers arrive, from undici's diagnostics
 * channel (the HTTP client under @discordjs/rest and discord.js), so every Discord client in the
 * process counts: the alert sends and the bot's interaction replies alike. Discord bans an IP for a
 * while after 10,000 invalid requests (401, 403, and 429 except those of scope `shared`) in
 * 10 minutes; these counters let an operator alert long before that.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { MetricSink } from '../observability/metric-sink';

/** Origins already counted in this process: a second subscription would count every answer twice. */
const counted = new Set<string>();

export function countDiscordResponses(apiBaseUrl: string, sink: MetricSink): void {
  const origin = new URL(apiBaseUrl).origin;
  if (counted.has(origin)) return;
  counted.add(origin);
  subscribe('undici:request:headers', (message) => {
    const { request, response } = message as {
      request?: { origin?: unknown };
      response?: { statusCode?: number; headers?: Buffer[] };
    };
    if (!request || String(request.origin) !== origin || !response) return;
    const status = response.statusCode;
    if (status !== 401 && status !== 403 && status !== 429) return;
    if (status === 429) {
      const scope = rateLimitScope(response.headers ?? []);
      sink.add('discordRateLimited', 1, { scope });
      if (scope === 'shared') return;
    }
    sink.add('discordInvalidRequests', 1, { status: String(status) });
  });
}

/** A 429's `X-RateLimit-Scope` (global, user or shared); `x-ratelimit-global` alone means global. */
export function rateLimitScope(rawHeaders: readonly Buffer[]): string {
  let scope: string | undefined;
  let global = false;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toString('latin1').toLowerCase();
    const value = rawHeaders[i + 1]!.toString('latin1').trim().toLowerCase();
    if (name === 'x-ratelimit-scope') scope = value;
    else if (name === 'x-ratelimit-global' && value === 'true') global = true;
  }
  if (scope === 'global' || scope === 'user' || scope === 'shared') return scope;
  return global ? 'global' : 'user';
}
