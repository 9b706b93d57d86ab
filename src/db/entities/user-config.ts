import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, languageColumn, updatedAtColumn } from './columns';

/** `user_configs`: a user registered for DM alerts via the user-install context (seed table 2, plus `language`). */
export const UserConfigSchema = defineEntity({
  name: 'UserConfig',
  tableName: 'user_configs',
  properties: {
    userId: p.string().primary(),
    enabled: p.boolean().default(true),
    language: languageColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class UserConfig extends UserConfigSchema.class {}
UserConfigSchema.setClass(UserConfig);
