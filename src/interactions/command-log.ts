/** Writes command_logs rows, once per Discord interaction. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { CommandLogEntry } from '../contracts/commands';

/**
 * Inserts the row unless this interaction is already logged (a retried activity, a redelivered
 * interaction). Raw SQL for `on conflict do nothing`; it joins the caller's transaction, since
 * SQLite has one connection and a statement outside it would wait for it forever.
 */
export async function insertCommandLog(em: EntityManager, entry: CommandLogEntry): Promise<boolean> {
  const result: { affectedRows: number } = (await em.getConnection().execute(
    `insert into command_logs (command_name, subcommand, user_id, guild_id, channel_id, executed_at, interaction_id)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (interaction_id) do nothing`,
    [
      entry.commandName,
      entry.subcommand,
      entry.userId,
      entry.guildId,
      entry.channelId,
      new Date(entry.executedAt).getTime(),
      entry.interactionId,
    ],
    'run',
    em.getTransactionContext(),
  )) as never;
  return result.affectedRows > 0;
}
