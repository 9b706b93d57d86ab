/** Reading the global settings in bot_config (a handful of key/value rows). */
import type { EntityManager } from '@mikro-orm/sqlite';
import {
  DEFAULT_POLL_INTERVAL_SECONDS,
  isValidPollInterval,
  POLL_SOURCES,
  pollIntervalKey,
  type PollSource,
} from '../contracts/polling';
import { BotConfig } from './entities';

export async function readBotConfig(em: EntityManager): Promise<Record<string, string>> {
  const rows = await em.find(BotConfig, {}, { orderBy: { key: 'asc' } });
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/** Each loop's interval from `polling.<source>`; a missing or out-of-range value falls back to 60 s. */
export function pollIntervals(settings: Record<string, string>): {
  intervals: Record<PollSource, number>;
  invalid: string[];
} {
  const invalid: string[] = [];
  const intervals = Object.fromEntries(
    POLL_SOURCES.map((source) => {
      const raw = settings[pollIntervalKey(source)];
      const seconds = raw === undefined ? NaN : Number(raw);
      if (isValidPollInterval(seconds)) return [source, seconds];
      invalid.push(`${pollIntervalKey(source)}=${raw ?? '(missing)'}`);
      return [source, DEFAULT_POLL_INTERVAL_SECONDS];
    }),
  ) as Record<PollSource, number>;
  return { intervals, invalid };
}
