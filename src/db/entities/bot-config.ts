import { defineEntity, p } from '@mikro-orm/core';
import { updatedAtColumn } from './columns';

/** `bot_config`: global key/value settings. The initial migration inserts the default keys. */
export const BotConfigSchema = defineEntity({
  name: 'BotConfig',
  tableName: 'bot_config',
  properties: {
    key: p.string().primary(),
    value: p.string(),
    updatedAt: updatedAtColumn(),
  },
});

export class BotConfig extends BotConfigSchema.class {}
BotConfigSchema.setClass(BotConfig);
