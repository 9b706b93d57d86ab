/** Who receives alerts: every enabled guild with a channel, then every enabled user (DM), in pages. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { type Recipient, type RecipientCursor, recipientKey } from '../contracts/alerts';
import { AlertChannel, AlertPreference, GuildConfig, UserConfig } from '../db/entities';
import { preferencesOf } from '../contracts/preferences';
import type { RegistrationTarget } from '../contracts/commands';

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
    const recipients = await guildRecipients(em, guilds);
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
  const recipients = await userRecipients(em, users);
  return {
    recipients,
    next: users.length === limit ? { kind: 'user', afterId: users.at(-1)!.userId } : null,
  };
}

/**
 * The page's recipients with what each chose (one read): style, filter and a server's role to
 * ping, each left out when it is the default, so a recipient in the fan-out's history stays small.
 */
async function withPreferences(em: EntityManager, recipients: Recipient[]): Promise<Recipient[]> {
  if (recipients.length === 0) return recipients;
  const rows = await em.find(AlertPreference, { recipient: { $in: recipients.map(recipientKey) } });
  if (rows.length === 0) return recipients;
  const chosen = new Map(rows.map((row) => [row.recipient, preferencesOf(row)]));
  return recipients.map((r) => {
    const preferences = chosen.get(recipientKey(r));
    if (!preferences) return r;
    const { mention, ...rest } = preferences;
    return { ...r, ...rest, ...(r.kind === 'guild' && mention ? { mention } : {}) };
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

type GuildRow = Pick<GuildConfig, 'guildId' | 'channelId' | 'language' | 'locale'>;
type UserRow = Pick<UserConfig, 'userId' | 'dmChannelId' | 'language' | 'locale'>;

/** Registered servers (each with a channel) as recipients, with their preferences and channel kind. */
async function guildRecipients(em: EntityManager, guilds: GuildRow[]): Promise<Recipient[]> {
  return withAnnouncements(
    em,
    await withPreferences(
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
}

/** Registered DM users as recipients, with their preferences. */
function userRecipients(em: EntityManager, users: UserRow[]): Promise<Recipient[]> {
  return withPreferences(
    em,
    users.map((u) => ({
      kind: 'user',
      id: u.userId,
      dmChannelId: u.dmChannelId ?? null,
      language: u.language ?? null,
      locale: u.locale ?? null,
    })),
  );
}

/**
 * One registration as a recipient, as a fan-out would list it (with its preferences), or null when
 * it gets no alerts (not registered, switched off, or a server without a channel).
 */
export async function readRecipient(
  em: EntityManager,
  target: RegistrationTarget,
): Promise<Recipient | null> {
  const [recipient] =
    target.kind === 'guild'
      ? await guildRecipients(
          em,
          await em.find(GuildConfig, { guildId: target.guildId, enabled: true, channelId: { $ne: null } }),
        )
      : await userRecipients(em, await em.find(UserConfig, { userId: target.userId, enabled: true }));
  return recipient ?? null;
}

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
