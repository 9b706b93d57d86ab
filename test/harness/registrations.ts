import type { MikroORM } from '@mikro-orm/sqlite';
import type { Language } from '../../src/contracts/languages';

/** Registers guilds (with a channel each) and DM users straight in SQLite, as /config setup would. */
export async function registerRecipients(
  orm: MikroORM,
  recipients: {
    guilds?: {
      guildId: string;
      channelId: string | null;
      language?: Language | null;
      locale?: string | null;
      enabled?: boolean;
    }[];
    users?: { userId: string; language?: Language | null; locale?: string | null; enabled?: boolean }[];
  },
): Promise<void> {
  const conn = orm.em.getConnection();
  const now = Date.now();
  for (const g of recipients.guilds ?? []) {
    await conn.execute(
      `insert into guild_configs (guild_id, channel_id, enabled, language, locale, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)`,
      [g.guildId, g.channelId, g.enabled === false ? 0 : 1, g.language ?? null, g.locale ?? null, now, now],
    );
  }
  for (const u of recipients.users ?? []) {
    await conn.execute(
      `insert into user_configs (user_id, enabled, language, locale, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
      [u.userId, u.enabled === false ? 0 : 1, u.language ?? null, u.locale ?? null, now, now],
    );
  }
}

/** A snowflake-shaped id from a number (17+ digits), for readable tests. */
export const snowflake = (n: number): string => String(100000000000000000n + BigInt(n));

/** Stores a recipient's preferences (`alert_preferences` columns) straight in SQLite, as /config would. */
export async function setPreferences(
  orm: MikroORM,
  recipient: string,
  columns: Record<string, string | number>,
): Promise<void> {
  const names = Object.keys(columns);
  await orm.em
    .getConnection()
    .execute(
      `insert into alert_preferences (recipient, ${names.join(', ')}, updated_at) values (?, ${names.map(() => '?').join(', ')}, ?)`,
      [recipient, ...Object.values(columns), Date.now()],
    );
}
