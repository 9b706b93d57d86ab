import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, languageColumn, updatedAtColumn } from './columns';

/** `guild_configs`: a Discord guild registered for alerts. */
export const GuildConfigSchema = defineEntity({
  name: 'GuildConfig',
  tableName: 'guild_configs',
  properties: {
    guildId: p.string().primary(),
    channelId: p.string().nullable(),
    enabled: p.boolean().default(true),
    language: languageColumn(),
    // The guild's Discord preferred locale as last seen by the bot; `language = NULL` follows it.
    locale: p.string().nullable(),
    // Alerts in a row the channel refused with missing access or permissions (50001, 50013); at
    // STRIKES_BEFORE_SWITCH_OFF the registration goes off. Any delivery resets it.
    failureStreak: p.integer().default(0),
    // Why VRCPulse switched the registration off itself (see DisabledReason); null when it is on,
    // or when an admin turned it off.
    disabledReason: p.string().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class GuildConfig extends GuildConfigSchema.class {}
GuildConfigSchema.setClass(GuildConfig);
