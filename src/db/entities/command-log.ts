import { defineEntity, p } from '@mikro-orm/core';

/** `command_logs`: audit trail of slash command executions. */
export const CommandLogSchema = defineEntity({
  name: 'CommandLog',
  tableName: 'command_logs',
  properties: {
    id: p.integer().primary(),
    commandName: p.string(),
    subcommand: p.string().nullable(),
    userId: p.string(),
    guildId: p.string().nullable(),
    channelId: p.string().nullable(),
    executedAt: p.datetime(),
    // The Discord interaction, so a retried write or a redelivered interaction
    // logs once (NULL for rows written before it existed).
    interactionId: p.string().nullable(),
  },
  uniques: [{ name: 'uq_command_logs_interaction', properties: ['interactionId'] }],
  indexes: [
    { name: 'idx_command_logs_user_id', properties: ['userId'] },
    { name: 'idx_command_logs_guild_id', properties: ['guildId'] },
  ],
});

export class CommandLog extends CommandLogSchema.class {}
CommandLogSchema.setClass(CommandLog);
