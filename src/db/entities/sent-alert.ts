import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn } from './columns';

/**
 * `sent_alerts`: which alert went to which guild or user, so a notification is never sent twice.
 *
 * Why the index is an expression index: the rule is UNIQUE (guild_id, user_id, alert_type, reference_id),
 * but SQL treats NULLs as distinct and every row has one of guild_id / user_id NULL, so a plain composite unique
 * index would never reject anything. Indexing coalesce(col, '') makes the NULL side compare equal while the
 * columns themselves keep their NULL meaning. The CHECK makes the '' sentinel safe: exactly one recipient is set,
 * and it is never the empty string (which would otherwise collide with a coalesced NULL).
 *
 * Keep ", " (comma + space) out of the CHECK text: MikroORM's SQLite introspection splits table constraints on
 * ", ", so `coalesce(a, b)` would be read back truncated and every schema diff would want to rebuild the table.
 */
export const SentAlertSchema = defineEntity({
  name: 'SentAlert',
  tableName: 'sent_alerts',
  properties: {
    id: p.integer().primary(),
    guildId: p.string().nullable(),
    userId: p.string().nullable(),
    alertType: p.string(),
    referenceId: p.string(),
    notifiedAt: p.datetime(),
    createdAt: createdAtColumn(),
  },
  // A fan-out asks "which of these 200 recipients already have this alert?": by alert first, then
  // recipients. The unique index leads with the recipient expressions, so without this one every
  // page scanned the whole table.
  indexes: [
    { name: 'idx_sent_alerts_alert', properties: ['alertType', 'referenceId'] },
    // "how many alerts did this recipient get lately" (the storm digest) and its delivery history:
    // a range of one recipient's rows by time, the recipient written as in the lookup index
    {
      name: 'idx_sent_alerts_recent',
      expression: (cols, table, name) =>
        `create index \`${name}\` on \`${table.name}\` ` +
        `(coalesce(\`${cols.guildId}\`, ''), coalesce(\`${cols.userId}\`, ''), \`${cols.notifiedAt}\`)`,
    },
  ],
  uniques: [
    {
      name: 'idx_sent_alerts_lookup',
      expression: (cols, table, name) =>
        `create unique index \`${name}\` on \`${table.name}\` ` +
        `(coalesce(\`${cols.guildId}\`, ''), coalesce(\`${cols.userId}\`, ''), \`${cols.alertType}\`, \`${cols.referenceId}\`)`,
    },
  ],
  checks: [
    {
      name: 'ck_sent_alerts_one_recipient',
      expression: (cols) =>
        `(\`${cols.guildId}\` is null) <> (\`${cols.userId}\` is null) and coalesce(\`${cols.guildId}\`,\`${cols.userId}\`) <> ''`,
    },
  ],
});

export class SentAlert extends SentAlertSchema.class {}
SentAlertSchema.setClass(SentAlert);
