/**
 * The storm digest (see contracts/digest.ts): the message that collects one recipient's alerts
 * during a mass outage, what it says, and the reads that decide whether an alert folds into it.
 */
import type { MikroORM } from '@mikro-orm/sqlite';
import type { AlertContent } from '../contracts/alert-content';
import { type Recipient, recipientKey } from '../contracts/alerts';
import type { DigestItem } from '../contracts/digest';
import { AlertDigest } from '../db/entities';
import { type DiscordEmbed, discordTimestamp, EMBED_COLORS, fitEmbed } from '../discord/presentation';
import { type Language, t } from '../i18n';
import { buildAlertEmbed } from './embeds';

/** Lines a digest shows; older folded alerts are counted, not listed. */
export const DIGEST_LINES = 20;

/** The digest's line for one alert: its title as the alert itself would have it. */
export function digestItem(content: AlertContent, language: Language, at: Date): DigestItem {
  const title = buildAlertEmbed(content, language).title.replace(/\s+/g, ' ').trim();
  return { key: `${content.type}:${content.referenceId}`, at: at.toISOString(), line: title };
}

export function digestEmbed(items: readonly DigestItem[], language: Language): DiscordEmbed {
  const shown = items.slice(-DIGEST_LINES);
  const lines = shown.map((item) => `${discordTimestamp(item.at, 't') ?? ''} ${item.line}`.trim());
  const earlier = items.length - shown.length;
  return fitEmbed({
    title: t(language, 'digest.title'),
    description: [
      t(language, 'digest.description'),
      '',
      ...(earlier > 0 ? [t(language, 'digest.earlier', { count: String(earlier) })] : []),
      ...lines,
    ].join('\n'),
    color: EMBED_COLORS.info,
    fields: [],
    footer: { text: t(language, 'digest.footer', { count: String(items.length) }) },
    timestamp: items.at(-1)?.at ?? new Date().toISOString(),
  });
}

/** How many alerts the recipient got since `sinceMs` (idx_sent_alerts_recent; tests excluded). */
export async function recentAlertCount(
  orm: MikroORM,
  recipient: Recipient,
  sinceMs: number,
): Promise<number> {
  const [guildId, userId] = recipient.kind === 'guild' ? [recipient.id, ''] : ['', recipient.id];
  const [row] = await orm.em.getConnection().execute<{ n: number }[]>(
    `select count(*) as n from sent_alerts where coalesce(guild_id, '') = ? and coalesce(user_id, '') = ?
       and notified_at > ? and alert_type <> 'test'`,
    [guildId, userId, sinceMs],
  );
  return row?.n ?? 0;
}

export interface ActiveDigest {
  channelId: string;
  messageId: string;
  items: DigestItem[];
  startedAt: Date;
}

/** The recipient's digest if it is still going (updated within the window) in `channelId`. */
export async function readActiveDigest(
  orm: MikroORM,
  recipient: Recipient,
  channelId: string,
  sinceMs: number,
): Promise<ActiveDigest | null> {
  const row = await orm.em.fork().findOne(AlertDigest, { recipient: recipientKey(recipient) });
  if (!row || row.channelId !== channelId || row.updatedAt.getTime() <= sinceMs) return null;
  return {
    channelId: row.channelId,
    messageId: row.messageId,
    items: JSON.parse(row.items) as DigestItem[],
    startedAt: row.startedAt,
  };
}
