import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, languageColumn, updatedAtColumn } from './columns';

/** `user_configs`: a user registered for DM alerts via the user-install context. */
export const UserConfigSchema = defineEntity({
  name: 'UserConfig',
  tableName: 'user_configs',
  properties: {
    userId: p.string().primary(),
    enabled: p.boolean().default(true),
    language: languageColumn(),
    // The user's Discord locale as last seen by the bot; `language = NULL` follows it.
    locale: p.string().nullable(),
    // The DM channel with this user, cached so that an alert DM costs one request, not two.
    dmChannelId: p.string().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class UserConfig extends UserConfigSchema.class {}
UserConfigSchema.setClass(UserConfig);
