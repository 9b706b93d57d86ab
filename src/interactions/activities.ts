import { insertCommandLog } from './command-log';
import { runCommand } from './run-command';
import type { CommandAnswer, CommandLogEntry, CommandRequest } from '../contracts/commands';
import type { ActivityDeps } from '../activities/deps';

export function createCommandActivities({ orm }: Pick<ActivityDeps, 'orm'>) {
  return {
    /** Logs a command that changed nothing (a view, or one the bot refused). */
    async recordCommandLog({ entry }: { entry: CommandLogEntry }): Promise<void> {
      await orm.em.fork().transactional((em) => insertCommandLog(em, entry));
    },
    /** Logs the command and applies its action in one transaction. */
    async runCommand({ request }: { request: CommandRequest }): Promise<CommandAnswer> {
      return orm.em.fork().transactional((em) => runCommand(em, request));
    },
  };
}
