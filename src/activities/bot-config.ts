import { BotConfig } from '../db/entities';
import type { ActivityDeps } from './deps';

export function createBotConfigActivities({ orm }: ActivityDeps) {
  return {
    /** All global settings as key -> value (bot_config is small: a handful of rows). */
    async readBotConfig(): Promise<Record<string, string>> {
      const rows = await orm.em.fork().find(BotConfig, {}, { orderBy: { key: 'asc' } });
      return Object.fromEntries(rows.map((row) => [row.key, row.value]));
    },
  };
}
