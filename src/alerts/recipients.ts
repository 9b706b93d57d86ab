/** Who receives alerts: every enabled guild with a channel, then every enabled user (DM), in pages. */
import type { EntityManager } from '@mikro-orm/sqlite';
import {
  ALERT_STYLES,
  type AlertStyle,
  DEFAULT_ALERT_STYLE,
  type Recipient,
  type RecipientCursor,
  recipientKey,
} from '../contracts/alerts';
import { AlertChannel, AlertPreference, GuildConfig, UserConfig } from '../db/entities';

export async function listRecipients(
  em: EntityManager,
  cursor: RecipientCursor | null,
  limit: number,
): Promise<{ recipients: Recipient[]; next: RecipientCursor | null }> {
  const at = cursor ?? { kind: 'guild', afterId: null };
  if (at.kind === 'guild') {
    const guilds = await em.find(
      GuildConfig,
      { enabled: true, channelId: { $ne: null }, ...(at.afterId ? { guildId: { $gt: at.afterId } } : {}) },
      { orderBy: { guildId: 'asc' }, limit, fields: ['guildId', 'channelId', 'language', 'locale'] },
    );
    const recipients: Recipient[] = await withAnnouncements(
      em,
      await withStyles(
        em,
        guilds.map((g) => ({
          kind: 'guild',
          id: g.guildId,
          channelId: g.channelId!,
          language: g.language ?? null,
          locale: g.locale ?? null,
        })),
      ),
    );
    const next: RecipientCursor =
      guilds.length === limit
        ? { kind: 'guild', afterId: guilds.at(-1)!.guildId }
        : { kind: 'user', afterId: null };
    return { recipients, next };
  }
  const users = await em.find(
    UserConfig,
    { enabled: true, ...(at.afterId ? { userId: { $gt: at.afterId } } : {}) },
    { orderBy: { userId: 'asc' }, limit, fields: ['userId', 'dmChannelId', 'language', 'locale'] },
  );
  const recipients: Recipient[] = await withStyles(
    em,
    users.map((u) => ({
      kind: 'user',
      id: u.userId,
      dmChannelId: u.dmChannelId ?? null,
      language: u.language ?? null,
      locale: u.locale ?? null,
    })),
  );
  return {
    recipients,
    next: users.length === limit ? { kind: 'user', afterId: users.at(-1)!.userId } : null,
  };
}

/** The page's recipients with the style each chose (one read; the default is left out). */
async function withStyles(em: EntityManager, recipients: Recipient[]): Promise<Recipient[]> {
  if (recipients.length === 0) return recipients;
  const chosen = await em.find(
    AlertPreference,
    { recipient: { $in: recipients.map(recipientKey) }, style: { $ne: DEFAULT_ALERT_STYLE } },
    { fields: ['recipient', 'style'] },
  );
  if (chosen.length === 0) return recipients;
  const styles = new Map(chosen.map((row) => [row.recipient, row.style]));
  return recipients.map((r) => {
    const style = styles.get(recipientKey(r));
    return style && isAlertStyle(style) ? { ...r, style } : r;
  });
}

/** Marks the page's servers whose alert channel is an announcement channel (one read). */
async function withAnnouncements(em: EntityManager, recipients: Recipient[]): Promise<Recipient[]> {
  const channelIds = recipients.flatMap((r) => (r.kind === 'guild' ? [r.channelId] : []));
  if (channelIds.length === 0) return recipients;
  const rows = await em.find(
    AlertChannel,
    { channelId: { $in: channelIds }, announcement: true },
    { fields: ['channelId'] },
  );
  if (rows.length === 0) return recipients;
  const announcing = new Set(rows.map((row) => row.channelId));
  return recipients.map((r) =>
    r.kind === 'guild' && announcing.has(r.channelId) ? { ...r, announcement: true } : r,
  );
}

const isAlertStyle = (value: string): value is AlertStyle =>
  (ALERT_STYLES as readonly string[]).includes(value);

/** How many recipients `listRecipients` would still give from `cursor` on (null: all of them). */
export async function countRecipientsFrom(
  em: EntityManager,
  cursor: RecipientCursor | null,
): Promise<number> {
  const at = cursor ?? { kind: 'guild', afterId: null };
  const users = await em.count(UserConfig, {
    enabled: true,
    ...(at.kind === 'user' && at.afterId ? { userId: { $gt: at.afterId } } : {}),
  });
  if (at.kind === 'user') return users;
  const guilds = await em.count(GuildConfig, {
    enabled: true,
    channelId: { $ne: null },
    ...(at.afterId ? { guildId: { $gt: at.afterId } } : {}),
  });
  return guilds + users;
}
