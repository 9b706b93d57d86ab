/**
 * Sends whose outcome is unknown: the request went out and the answer never came (a timeout, a
 * connection reset after Discord created the message), or Discord answered and recording it
 * failed. A later try must not post a second copy, and Discord's nonce protects only for a few
 * minutes. So every send is noted in `pending_sends` before its request and the note is deleted
 * with the `sent_alerts` row that records it; a note left over says "outcome unknown since then":
 *
 * - within NONCE_TRUST_MS of the first try, the message is simply posted again: Discord answers a
 *   repeated nonce with the message it created;
 * - after that, the channel is read first (the bot's latest messages there) for the message, found
 *   by the marker in its embed's footer; found, it is recorded without a new post.
 */
import type { REST } from '@discordjs/rest';
import type { MikroORM } from '@mikro-orm/sqlite';
import { type APIMessage, MessageFlags, Routes } from 'discord-api-types/v10';
import type { AlertContent } from '../contracts/alert-content';
import { type Recipient, recipientKey } from '../contracts/alerts';
import { AlertDigest, AlertMessage, PendingSend, SentAlert } from '../db/entities';
import type { DigestItem } from '../contracts/digest';
import { type DiscordEmbed, EMBED_LIMITS, embedLength, truncate } from '../discord/presentation';
import { messageNonce } from '../discord/send';

/**
 * How long after a first try a repeated post is left to Discord's nonce. Discord keeps an enforced
 * nonce "a few minutes"; two is what VRCPulse relies on.
 */
export const NONCE_TRUST_MS = 2 * 60_000;
/** How many of the channel's latest messages are searched for a lost one. */
export const MESSAGES_SEARCHED = 50;
/** Tries of the write that records a delivered message, and the first wait between them (doubling). */
const RECORD_TRIES = 4;
const FIRST_RECORD_WAIT_MS = 100;

type Alert = Pick<AlertContent, 'type' | 'referenceId'>;

/** The marker an alert's embeds carry in their footer, the same in every channel: `ref 1a2b3c4d`. */
export const alertMarker = (alert: Alert): string =>
  `ref ${messageNonce('marker', alert.type, alert.referenceId).slice(0, 8)}`;

/**
 * The marker of a subject's message (lifecycle style), the same whichever alert posted it and
 * however often it was edited, so a lost answer to its post is found as the message of the subject.
 */
export const subjectMarker = (subject: string): string =>
  `ref ${messageNonce('subject-marker', subject).slice(0, 8)}`;

/**
 * `embed` with the marker at the end of its footer, still within Discord's 6,000 characters: the
 * embed was fitted to the brim before, so what the marker adds comes off the description (then off
 * the last fields), never off the marker, which a lost message is found by.
 */
export function withMarker(embed: DiscordEmbed, marker: string): DiscordEmbed {
  const text = embed.footer.text ? `${embed.footer.text} · ${marker}` : marker;
  const marked: DiscordEmbed = { ...embed, footer: { ...embed.footer, text }, fields: [...embed.fields] };
  let excess = embedLength(marked) - EMBED_LIMITS.total;
  if (excess > 0) {
    const keep = Math.max(1, marked.description.length - excess);
    excess -= marked.description.length - keep;
    marked.description = truncate(marked.description, keep);
  }
  for (let i = marked.fields.length - 1; excess > 0 && i >= 0; i--) {
    const field = marked.fields[i]!;
    const keep = Math.max(1, field.value.length - excess);
    excess -= field.value.length - keep;
    marked.fields[i] = { ...field, value: truncate(field.value, keep) };
  }
  return marked;
}

/** Whether a message read back from a channel is one VRCPulse posted there itself (not a published copy). */
export function isOwnPost(message: Pick<APIMessage, 'webhook_id' | 'flags'>): boolean {
  // a followed announcement channel's copy comes from a webhook and carries IS_CROSSPOST (2)
  return message.webhook_id === undefined && ((message.flags ?? 0) & MessageFlags.IsCrosspost) === 0;
}

/** What a send in doubt was: when it was first tried (epoch ms), and what it posted (null: not known). */
export interface PendingPost {
  since: number;
  posting: PostingKind | null;
}

/** The kinds of message one delivery posts (see deliver.ts). */
export const POSTING_KINDS = ['digest', 'subject', 'reply', 'alone'] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

/** This alert's sends to `recipients` whose outcome is unknown, by recipient key. */
export async function readPending(
  orm: MikroORM,
  alert: Alert,
  recipients: Recipient[],
): Promise<Map<string, PendingPost>> {
  if (recipients.length === 0) return new Map();
  const rows = await orm.em.fork().find(
    PendingSend,
    {
      alertType: alert.type,
      referenceId: alert.referenceId,
      recipient: { $in: recipients.map(recipientKey) },
    },
    { fields: ['recipient', 'firstAttemptAt', 'posting'] },
  );
  const kindOf = (posting: string | null | undefined): PostingKind | null =>
    (POSTING_KINDS as readonly string[]).includes(posting ?? '') ? (posting as PostingKind) : null;
  return new Map(
    rows.map((row) => [row.recipient, { since: row.firstAttemptAt.getTime(), posting: kindOf(row.posting) }]),
  );
}

/** How many of this alert's sends have an unknown outcome now. */
export async function countPending(orm: MikroORM, alert: Alert): Promise<number> {
  return orm.em.fork().count(PendingSend, { alertType: alert.type, referenceId: alert.referenceId });
}

/** Notes a send about to be made (kept as it is when one is noted already). */
export async function notePending(
  orm: MikroORM,
  alert: Alert,
  recipient: Recipient,
  at: Date,
  posting: PostingKind,
): Promise<void> {
  await orm.em
    .fork()
    .createQueryBuilder(PendingSend)
    .insert({
      alertType: alert.type,
      referenceId: alert.referenceId,
      recipient: recipientKey(recipient),
      firstAttemptAt: at,
      posting,
    })
    .onConflict()
    .ignore()
    .execute();
}

/** Forgets a noted send that Discord refused for good: nothing was created. */
export async function dropPending(orm: MikroORM, alert: Alert, recipient: Recipient): Promise<void> {
  await orm.em.fork().nativeDelete(PendingSend, {
    alertType: alert.type,
    referenceId: alert.referenceId,
    recipient: recipientKey(recipient),
  });
}

/** A subject's message (lifecycle style) that a delivery posted, recorded with the delivery. */
export interface PostedSubjectMessage {
  subject: string;
  channelId: string;
  messageId: string;
}

/**
 * Records a delivered message: its `sent_alerts` row, the end of its note and, when the delivery
 * posted a subject's message, that message's id, in one transaction. A failing write is tried
 * again as a write (a few times, waits doubling from 100 ms), never by posting again; if it keeps
 * failing the error goes up and the note stays, so the next try finds the message in the channel
 * instead of posting a copy.
 */
/** The recipient's storm digest as it stands after folding an alert into it. */
export interface PostedDigest {
  channelId: string;
  messageId: string;
  items: DigestItem[];
  startedAt: Date;
}

export async function recordDelivered(
  orm: MikroORM,
  alert: Alert,
  recipient: Recipient,
  subjectMessage?: PostedSubjectMessage,
  digest?: PostedDigest,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await orm.em.fork().transactional(async (em) => {
        const now = new Date();
        await em
          .createQueryBuilder(SentAlert)
          .insert({
            guildId: recipient.kind === 'guild' ? recipient.id : null,
            userId: recipient.kind === 'user' ? recipient.id : null,
            alertType: alert.type,
            referenceId: alert.referenceId,
            notifiedAt: now,
            createdAt: now,
          })
          // the expression index idx_sent_alerts_lookup: a row that exists already stays as it is
          .onConflict()
          .ignore()
          .execute();
        await em.nativeDelete(PendingSend, {
          alertType: alert.type,
          referenceId: alert.referenceId,
          recipient: recipientKey(recipient),
        });
        if (subjectMessage) {
          await em
            .createQueryBuilder(AlertMessage)
            .insert({
              subject: subjectMessage.subject,
              recipient: recipientKey(recipient),
              channelId: subjectMessage.channelId,
              messageId: subjectMessage.messageId,
              createdAt: now,
              updatedAt: now,
            })
            // a deleted message's replacement, or one in the server's new channel
            .onConflict(['subject', 'recipient'])
            .merge(['channelId', 'messageId', 'updatedAt'])
            .execute();
        }
        if (digest) {
          await em
            .createQueryBuilder(AlertDigest)
            .insert({
              recipient: recipientKey(recipient),
              channelId: digest.channelId,
              messageId: digest.messageId,
              items: JSON.stringify(digest.items),
              startedAt: digest.startedAt,
              updatedAt: now,
            })
            .onConflict('recipient')
            .merge(['channelId', 'messageId', 'items', 'startedAt', 'updatedAt'])
            .execute();
        }
      });
      return;
    } catch (err) {
      if (attempt >= RECORD_TRIES) throw err;
      await new Promise((resolve) => setTimeout(resolve, FIRST_RECORD_WAIT_MS * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Looks for the message carrying `marker` among the channel's latest ones: its id when found.
 * 'unreadable': the bot may not read the channel's history (missing access or Read Message
 * History), so nobody can tell.
 */
export async function findPosted(
  rest: REST,
  channelId: string,
  marker: string,
): Promise<{ found: string } | 'absent' | 'unreadable'> {
  let latest: APIMessage[];
  try {
    latest = (await rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ limit: String(MESSAGES_SEARCHED) }),
    })) as APIMessage[];
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 50001 || code === 50013) return 'unreadable';
    throw err;
  }
  const found = latest.find(
    (message) => isOwnPost(message) && message.embeds.some((embed) => embed.footer?.text?.endsWith(marker)),
  );
  return found ? { found: found.id } : 'absent';
}
