/**
 * Posting a message: the one boundary every sender goes through (alert fan-outs and the welcome
 * message alike), so that the nonce, the mention policy and the reading of Discord's errors are
 * defined once.
 *
 * - Every message carries a deterministic nonce with `enforce_nonce`: a send repeated after a crash
 *   or a timeout (Discord acted, we did not hear) returns Discord's first message instead of posting
 *   a second one, within Discord's nonce window.
 * - Mentions are off (`allowed_mentions: { parse: [] }`): an incident text can never ping anyone;
 *   a server's chosen role is the one exception, named alone in `allowed_mentions.roles`.
 * - Errors that will not heal for this channel or user are final (one request, no retry); anything
 *   else (5xx, timeouts, broken connections) is thrown for the caller's retry.
 */
import { createHash } from 'node:crypto';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  Routes,
} from 'discord-api-types/v10';

/** Discord JSON error codes after which this channel or user cannot get this message. */
export const FINAL_ERROR_CODES: Readonly<Record<number, string>> = {
  10003: 'unknown channel',
  50001: 'missing access',
  50013: 'missing permissions',
  50007: 'cannot send messages to this user',
  50278: 'no mutual guilds with this user',
};

/**
 * Of those, the ones that will not heal by themselves (channel deleted, no shared server left): a
 * registration that hits one is switched off at once, so later alerts do not spend Discord's
 * invalid-request budget on it. Closed DMs can be opened again by the user: final for the message.
 */
export const DISABLING_ERROR_CODES: ReadonlySet<number> = new Set([10003, 50278]);

/**
 * Missing access (the bot removed, or the channel hidden from it) and missing permissions may be a
 * moment's misconfiguration an admin fixes, or for good: a server's registration goes off once its
 * channel has refused this many alerts in a row with one of them.
 */
export const STRIKE_ERROR_CODES: ReadonlySet<number> = new Set([50001, 50013]);
export const STRIKES_BEFORE_SWITCH_OFF = 3;

/** A final refusal: the code, its reason in words, and whether the registration should go off. */
export interface FinalRefusal {
  code: number;
  reason: string;
  disablesRecipient: boolean;
  /** Counts toward STRIKES_BEFORE_SWITCH_OFF for a server's channel. */
  strikes: boolean;
}

/** The final refusal `err` is, or null when it may heal (retry later). */
export function finalRefusal(err: unknown): FinalRefusal | null {
  if (!(err instanceof DiscordAPIError) || typeof err.code !== 'number') return null;
  const reason = FINAL_ERROR_CODES[err.code];
  if (reason === undefined) return null;
  return {
    code: err.code,
    reason,
    disablesRecipient: DISABLING_ERROR_CODES.has(err.code),
    strikes: STRIKE_ERROR_CODES.has(err.code),
  };
}

export const isDiscordError = (err: unknown, code: number): boolean =>
  err instanceof DiscordAPIError && err.code === code;

/** Discord nonces are at most 25 characters; this one is derived from `parts` alone. */
export function messageNonce(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 25);
}

/** Discord's error for a message that does not exist (any more): deleted by someone in the channel. */
export const UNKNOWN_MESSAGE = 10008;

/**
 * Posts `embeds` to a channel with the nonce `nonce`, as a reply to `replyTo` when given (a reply
 * to a message deleted meanwhile is posted as a plain message). Resolves with the message id;
 * rejects with Discord's error (see `finalRefusal` for which ones are final).
 */
export async function postMessage(
  rest: REST,
  channelId: string,
  message: {
    embeds: APIEmbed[];
    nonce: string;
    replyTo?: string;
    pingRole?: string;
    components?: APIActionRowComponent<APIButtonComponent>[];
  },
): Promise<{ messageId: string }> {
  const body = {
    embeds: message.embeds,
    ...(message.components ? { components: message.components } : {}),
    nonce: message.nonce,
    enforce_nonce: true,
    // a server's chosen role, and only it: never @everyone, @here or a user an incident text names
    ...(message.pingRole
      ? { content: `<@&${message.pingRole}>`, allowed_mentions: { parse: [], roles: [message.pingRole] } }
      : { allowed_mentions: { parse: [] } }),
    ...(message.replyTo
      ? { message_reference: { message_id: message.replyTo, fail_if_not_exists: false } }
      : {}),
  };
  const created = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
  return { messageId: created.id };
}

/** Discord's error for a message that was crossposted already (a repeated publish). */
export const ALREADY_CROSSPOSTED = 40033;

/**
 * Publishes a message of an announcement channel to the servers that follow the channel. Publishing
 * twice is harmless (Discord answers ALREADY_CROSSPOSTED, taken as done). Discord allows 10 an hour
 * per channel; past that the REST client rejects at once (see rest.ts) instead of waiting an hour.
 */
export async function crosspostMessage(rest: REST, channelId: string, messageId: string): Promise<void> {
  try {
    await rest.post(Routes.channelMessageCrosspost(channelId, messageId));
  } catch (err) {
    if (!isDiscordError(err, ALREADY_CROSSPOSTED)) throw err;
  }
}

/**
 * Replaces a message's embeds. Editing is idempotent (the same edit twice leaves the same message),
 * so it needs no nonce; rejects with UNKNOWN_MESSAGE when the message was deleted.
 */
export async function editMessage(
  rest: REST,
  channelId: string,
  messageId: string,
  message: { embeds: APIEmbed[] },
): Promise<void> {
  await rest.patch(Routes.channelMessage(channelId, messageId), {
    body: { embeds: message.embeds, allowed_mentions: { parse: [] } },
  });
}
