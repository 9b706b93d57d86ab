/**
 * Discord lets a channel publish (crosspost) 10 messages an hour. Once its answers say the hour's
 * budget is spent, publishing in that channel is skipped until the hour resets: asking anyway would
 * make @discordjs/rest either hold the request for the rest of the hour or, told to refuse, still
 * leave an hour-long timer behind for every refused request.
 */
const CROSSPOST_URL = /\/channels\/(\d+)\/messages\/\d+\/crosspost$/;

export interface PublishLimit {
  /** Reads a crosspost answer's rate-limit headers. */
  observe(url: string, status: number, headers: { get(name: string): string | null }, nowMs?: number): void;
  /** Whether the channel's publishing budget is spent now. */
  spent(channelId: string, nowMs?: number): boolean;
}

export function createPublishLimit(): PublishLimit {
  const spentUntil = new Map<string, number>();
  return {
    observe(url, status, headers, nowMs = Date.now()) {
      const channelId = CROSSPOST_URL.exec(new URL(url).pathname)?.[1];
      if (channelId === undefined) return;
      const remaining = headers.get('x-ratelimit-remaining');
      const resetAfter = Number(headers.get('x-ratelimit-reset-after') ?? headers.get('retry-after'));
      if ((status === 429 || remaining === '0') && Number.isFinite(resetAfter)) {
        spentUntil.set(channelId, nowMs + resetAfter * 1000);
      }
    },
    spent(channelId, nowMs = Date.now()) {
      const until = spentUntil.get(channelId);
      if (until === undefined) return false;
      if (nowMs < until) return true;
      spentUntil.delete(channelId);
      return false;
    },
  };
}
