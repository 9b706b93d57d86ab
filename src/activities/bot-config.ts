import { readBotConfig } from '../db/settings';
import type { ActivityDeps } from './deps';

export function createBotConfigActivities({ orm }: Pick<ActivityDeps, 'orm'>) {
  return {
    /** All global settings as key -> value. */
    async readBotConfig(): Promise<Record<string, string>> {
      return readBotConfig(orm.em.fork());
    },
  };
}
