/**
 * A real HTTP server that speaks Discord's REST wire format under /api/v10. It listens on 127.0.0.1
 * with an OS-assigned port and is meant for @discordjs/rest: `new REST({ api: fake.apiBaseUrl })`.
 * Integration tests and the alert-fanout benchmark use it.
 *
 * Routes: POST and GET /channels/{id}/messages (create, with replies through `message_reference`;
 * list), GET, PATCH and DELETE /channels/{id}/messages/{id} (fetch, edit, delete),
 * POST /channels/{id}/messages/{id}/crosspost (publish in an announcement channel),
 * POST /users/@me/channels (Create DM), GET /gateway/bot, GET /applications/@me, GET /users/@me, and the
 * command bulk overwrites PUT /applications/{id}/commands and PUT /applications/{id}/guilds/{id}/commands
 * (recorded in `commandRegistrations`, answered with the commands plus ids). Every other path answers 404
 * `{message:'404: Not Found', code:0}`, and a known path with another method 405.
 *
 * Channel messages (message.mdx): a message lives in one channel; `deleteMessage()` (a server admin in
 * the Discord client) or DELETE removes it from `messages` into `deletedMessages`, after which it is
 * 404 10008 Unknown Message to GET, PATCH, DELETE and crosspost, and an unknown reply target. An edit
 * changes the stored message in place (previous versions in `history`) and answers with
 * `edited_timestamp` set. A reply (`message_reference.message_id` naming a message in the same channel)
 * is type 19 with `message_reference` and `referenced_message` (null once the target is deleted); an
 * unknown target is 400 50035 `message_reference[MESSAGE_REFERENCE_UNKNOWN_MESSAGE]` unless
 * `fail_if_not_exists` is false, which sends a plain message. Channels are text channels (type 0) unless
 * `setChannelType()` says otherwise; only an announcement channel (type 5) crossposts.
 *
 * Interactions (receiving-and-responding.mdx): the gateway on the same port (`fake.gateway`, see
 * discord-gateway.ts) sends INTERACTION_CREATE, and the bot answers through
 * POST /interactions/{id}/{token}/callback (types 4, 5, 6, 7), GET/PATCH/DELETE
 * /webhooks/{application_id}/{token}/messages/@original (or a follow-up's id) and
 * POST /webhooks/{application_id}/{token} (follow-up). Like Discord, these need no Authorization
 * header and are exempt from the global limit. The callback is accepted once (then 400 40060) and
 * only within 3 s of dispatch (then 404 10062); the token works for 15 minutes (then 401 50027).
 * Every answer is recorded for `interactionResponses(id)`. Interaction replies are not part of
 * `messages` (which holds channel messages the bot posted itself).
 *
 * The behaviour follows Discord (discord/discord-api-docs: rate-limits.mdx and message.mdx):
 * - Every route needs `Authorization: Bot <token>`, or it answers 401 `{message:'401: Unauthorized', code:0}`.
 * - Global limit: an authenticated request is refused with a global 429 when `globalPerSecond`
 *   requests were already accepted in the last 1000 ms (a rolling window). Refused requests are not
 *   counted, so `retry_after` is exactly when the oldest accepted request leaves the window.
 * - Route limit on message creation, one bucket per channel: a fixed window of `routeWindowMs` that
 *   opens with the first request, `routeLimit` requests per window. Every answer on that route, 4xx
 *   included, carries the X-RateLimit-* headers. A 5xx fault comes from "the edge" before the limiter:
 *   it neither uses the bucket nor carries the headers. Message edits have a bucket of their own per
 *   channel (same limit and window, another bucket hash). DELETE has no route limit here.
 * - Crossposts: Discord allows 10 per hour per announcement channel. `crosspostLimitPerHour` accepted
 *   crossposts per channel in a fixed hour that opens with the first crosspost request; then 429
 *   (scope user). Every crosspost answer carries X-RateLimit-* headers for that limit, so note that
 *   @discordjs/rest, seeing remaining 0, queues the next crosspost of that channel until the hour is
 *   over unless `rejectOnRateLimit` covers the route.
 * - `failChannel` faults apply to every message route of the channel (create, edit, delete,
 *   crosspost) and are taken the same way; GET only peeks at them (a channel refusing messages refuses
 *   to be read too).
 * - Invalid-request accounting: 401, 403 and 429 count, except a 429 with `X-RateLimit-Scope: shared`.
 * - Text limits are counted in Unicode code points.
 *
 * Order of checks for one request: route (404/405), auth (401), global limit, forced 429, JSON body
 * (400 50109), then per route:
 * - create: 5xx fault, route bucket (429), 4xx fault, validation (400 50035/50006, `message_reference`
 *   included), nonce de-duplication, the reply target (400 50035 unless `fail_if_not_exists` is false),
 *   and finally the new message.
 * - edit: 5xx fault, edit bucket (429), 4xx fault, unknown message (404 10008), validation of the
 *   fields present (400 50035), an edit leaving the message empty (400 50006), the edit.
 * - delete: fault, unknown message (404 10008), 204.
 * - crosspost: 5xx fault, crosspost limit (429), 4xx fault, channel not an announcement channel
 *   (403 50024), unknown message (404 10008), already crossposted (400 40033), the crosspost.
 */
import { createHash } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { APIEmbed } from 'discord-api-types/v10';
import {
  attachFakeGateway,
  type FakeGateway,
  type GatewayOptions,
  type RegisteredInteraction,
} from './discord-gateway';

/** Everything the fake serves lives under this prefix; @discordjs/rest builds `${api}/v10${route}`. */
export const API_PREFIX = '/api/v10';
/** The token the fake accepts unless `options.token` says otherwise. */
export const FAKE_DISCORD_TOKEN = 't';

export interface FakeDiscordOptions {
  /** The bot token to accept. Default {@link FAKE_DISCORD_TOKEN}. */
  token?: string;
  /** Accepted requests per rolling second before a global 429. Default 50; 0 turns the limit off. */
  globalPerSecond?: number;
  /** Message creations per channel per window. Default 5; 0 turns the route limit and its headers off. */
  routeLimit?: number;
  /** Length of a channel's route-limit window. Default 5000 ms. */
  routeWindowMs?: number;
  /** Crossposts per announcement channel per hour (Discord: 10). Default 10; 0 turns the limit off. */
  crosspostLimitPerHour?: number;
  /** How long an enforced nonce is remembered. Default 5 minutes (Discord says "a few minutes"). */
  nonceWindowMs?: number;
  /** The application id, which is also the bot user's id. Default: a fixed snowflake. */
  applicationId?: string;
  /** The application owner's user id. Default: a fixed snowflake. */
  ownerId?: string;
  /**
   * The application belongs to a team: `owner` is then the team's pseudo-user and `team` lists the
   * members (accepted members, the first one the team owner), as Discord sends it.
   */
  teamMemberIds?: string[];
  /** Team members with their role and whether they accepted the invitation (added to teamMemberIds). */
  teamMembers?: { id: string; role: 'admin' | 'developer' | 'read_only'; accepted: boolean }[];
  /** The bot's username. Default 'VRCPulse'. */
  botUsername?: string;
  /**
   * How to write the `Retry-After` header. The body's `retry_after` is always a float in seconds.
   * 'ceil' (default) rounds up to whole seconds, as in Discord's documented examples (body 64.57,
   * header 65). 'float' writes the exact value.
   */
  retryAfterHeader?: 'ceil' | 'float';
  /** `requests` keeps about this many newest entries; older ones are dropped in batches. Default 50,000. */
  maxRequestLog?: number;
  /** How long after dispatch an interaction callback is accepted. Default 3000 ms. */
  interactionAckWindowMs?: number;
  /** How long an interaction token works on the webhook endpoints. Default 15 minutes. */
  interactionTokenTtlMs?: number;
  /** Options of the gateway on the same port. */
  gateway?: GatewayOptions;
}

/** One call the bot made about an interaction, accepted or not. */
export interface InteractionResponse {
  kind: 'callback' | 'edit' | 'followup' | 'fetch' | 'delete';
  /** The callback type (4 reply, 5 deferred reply, 6 deferred update, 7 update) for `callback`. */
  callbackType?: number;
  /** The message created or touched (the @original's id, or a follow-up's). */
  messageId?: string;
  /** The message fields as sent (`data` of a callback, the body of an edit or follow-up). */
  content?: string;
  embeds?: APIEmbed[];
  components?: unknown[];
  flags?: number;
  /** The JSON body as received. */
  body: unknown;
  /** The HTTP status answered, and the JSON error code when it was an error. */
  status: number;
  code?: number;
  /** `Date.now()` on arrival, and milliseconds since INTERACTION_CREATE was sent. */
  at: number;
  afterMs: number;
}

/** The current state of a message made by an interaction, in Discord's wire format. */
export interface FakeInteractionMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  /** 64 = ephemeral, 128 = loading (a deferred reply not yet edited). */
  flags: number;
  [key: string]: unknown;
}

export interface InteractionResponses {
  id: string;
  /** `Date.now()` when the gateway sent INTERACTION_CREATE. */
  dispatchedAt: number;
  /** The accepted callback, if any. */
  callback: InteractionResponse | undefined;
  /** Accepted edits of @original or of follow-ups, oldest first. */
  edits: InteractionResponse[];
  /** Accepted follow-ups, oldest first. */
  followUps: InteractionResponse[];
  /** Every call, rejected ones included, oldest first. */
  all: InteractionResponse[];
  /** The @original message as it stands now, if one exists. */
  original: FakeInteractionMessage | undefined;
  /** Whether the reply is ephemeral (flag 64 on @original). */
  ephemeral: boolean;
}

/** A JSON error code and/or HTTP status to answer instead of the real thing. */
export interface FaultSpec {
  status: number;
  /** The JSON error code. Default 0. */
  code?: number;
  /** Default: Discord's wording for the known codes, otherwise `<status>: <reason>`. */
  message?: string;
  /** Fail this many times, then behave normally. Default: until `clearFaults()`. */
  times?: number;
  /** Body format. Default 'json' below 500 and 'html' (a Cloudflare-style page) from 500. */
  body?: 'json' | 'html' | 'empty';
}

export interface UserFaultSpec extends FaultSpec {
  /** Fail the Create DM call for this user, or sends to the user's DM channel. Default 'send'. */
  on?: 'dm-create' | 'send';
}

export interface Force429Spec {
  /** The body's `retry_after`; the `Retry-After` header follows `options.retryAfterHeader`. */
  retryAfterSeconds: number;
  /** A global 429 (`X-RateLimit-Global: true`, scope global). Default false. */
  global?: boolean;
  /** Scope of a non-global 429. Default 'user'; 'shared' is not counted as an invalid request. */
  scope?: 'user' | 'shared';
  /** How many requests to refuse. Default 1. */
  times?: number;
}

export interface DelayOptions {
  /**
   * 'before' (default): the request is handled at once and only the answer is late, so a client
   * that times out has still created the message (which is what enforce_nonce is for). 'after': the
   * request is handled after the delay, and not at all if the client hung up before then.
   */
  commit?: 'before' | 'after';
  /** Delay this many requests. Default: until `clearFaults()`. */
  times?: number;
}

/** A channel message the bot posted; edits change it in place. */
export interface FakeMessage {
  id: string;
  channelId: string;
  /** The recipient when `channelId` is a DM channel the fake created. */
  userId?: string;
  /** The current content and embeds (after any edits). */
  content: string;
  embeds: APIEmbed[];
  /** The message components (buttons) as sent at creation; empty when none. */
  components: unknown[];
  nonce?: string | number;
  /** `Date.now()` when the message was created. */
  at: number;
  /** The message this one replies to (set only when the target existed at creation). */
  referencedMessageId?: string;
  /** `Date.now()` of the last accepted edit. */
  editedAt?: number;
  /** Accepted edits (PATCH answered 200), including ones that changed nothing; 0 if never edited. */
  edits: number;
  /**
   * The versions before the current one, oldest first: one entry per accepted edit, holding what the
   * message was before that edit and since when (`at`: creation or the previous edit).
   */
  history: FakeMessageVersion[];
  /** Published to following channels (POST …/crosspost accepted). */
  crossposted?: boolean;
  /**
   * Who the message notified when it was created, as Discord works it out from the content's
   * mentions and `allowed_mentions` (absent: Discord's default, every mention in the content).
   */
  pinged: { everyone: boolean; roles: string[]; users: string[] };
  /** `Date.now()` when it was deleted (only on messages in `deletedMessages`). */
  deletedAt?: number;
}

export interface FakeMessageVersion {
  content: string;
  embeds: APIEmbed[];
  at: number;
}

export interface FakeCrosspost {
  channelId: string;
  messageId: string;
  /** `Date.now()` when it was accepted. */
  at: number;
}

export interface RecordedRequest {
  method: string;
  /** The path as received, without the query string, e.g. `/api/v10/channels/123/messages`. */
  path: string;
  /** `Date.now()` on arrival. */
  at: number;
  /** The status answered; 0 while pending or when a delayed request was dropped. */
  status: number;
}

/** One bulk overwrite of an application's commands, global or for one guild. */
export interface CommandRegistration {
  applicationId: string;
  /** null for the global commands. */
  guildId: string | null;
  /** The JSON body exactly as received. */
  body: unknown;
  /** `Date.now()` on arrival. */
  at: number;
}

export interface FakeDiscord {
  /** `http://127.0.0.1:P/api`, the `api` option of @discordjs/rest. */
  readonly apiBaseUrl: string;
  /** `http://127.0.0.1:P` */
  readonly origin: string;
  /** The application id, which is also the bot user's id and the author of every message. */
  readonly applicationId: string;
  readonly ownerId: string;
  /** Every message created and not deleted, oldest first, in its current (edited) state. */
  readonly messages: readonly FakeMessage[];
  /** Messages sent to this channel id, or to the DM channel of this user id (not deleted ones). */
  messagesTo(channelOrUserId: string): FakeMessage[];
  /** Messages deleted (by `deleteMessage()` or DELETE), in the order they were deleted. */
  readonly deletedMessages: readonly FakeMessage[];
  /** Every accepted crosspost, oldest first. */
  readonly crossposts: readonly FakeCrosspost[];
  /**
   * Deletes a message as a server admin would in the Discord client: it leaves `messages` and GET,
   * and editing, deleting, crossposting or replying to it then finds an unknown message. Returns
   * false when no such message exists in that channel (never created, or already deleted).
   */
  deleteMessage(channelId: string, messageId: string): boolean;
  /** Sets a channel's type: 0 text (the default for every channel), 5 announcement (can crosspost). */
  setChannelType(channelId: string, type: number): void;
  /** The DM channel id the fake made for this user, if any. */
  dmChannelOf(userId: string): string | undefined;
  readonly requests: readonly RecordedRequest[];
  /** Every accepted command bulk overwrite, oldest first. */
  readonly commandRegistrations: readonly CommandRegistration[];
  /** The gateway on the same port: guilds, INTERACTION_CREATE and friends. */
  readonly gateway: FakeGateway;
  /** Everything the bot did about one interaction; throws for an id the gateway never sent. */
  interactionResponses(interactionId: string): InteractionResponses;
  /** The files uploaded with an interaction message (e.g. an edit that attaches an image). */
  uploadsTo(messageId: string): FakeUpload[];
  /** Global 429s answered, forced ones included. */
  readonly count429Global: number;
  /** Route (non-global) 429s answered, forced ones included. */
  readonly count429Route: number;
  /** 401, 403 and 429 answers, except 429s with scope shared. */
  readonly countInvalid: number;
  /** Successful Create DM calls, including those that returned an existing channel. */
  readonly dmChannelCreates: number;
  /** Distinct DM channels the fake made. */
  readonly dmChannelCount: number;
  failChannel(channelId: string, fault: FaultSpec): void;
  failUser(userId: string, fault: UserFaultSpec): void;
  /** Slows message creation on this channel (a DM channel id works too). */
  delayChannel(channelId: string, ms: number, options?: DelayOptions): void;
  /**
   * Creates messages but never answers: once the message exists the connection is closed (the
   * response lost after Discord acted). For the next `times` message creations, anywhere, or until
   * clearFaults().
   */
  dropAnswers(times?: number): void;
  /** Refuses requests to `path` (`/channels/…/messages`, with or without the /api/v10 prefix) with 429s. */
  force429(path: string, spec: Force429Spec): void;
  /** Forgets failures, delays and forced 429s. */
  clearFaults(): void;
  /**
   * Forgets everything: messages (deleted ones too), crossposts, channel types, requests, counters,
   * DM channels, nonces, rate-limit state, faults, command registrations, interactions. Guilds and
   * gateway connections stay.
   */
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Snowflakes

const DISCORD_EPOCH_MS = 1_420_070_400_000n;
let snowflakeSequence = 0;

/**
 * A fresh Discord-style snowflake (19 digits today). @discordjs/rest only treats 17-19 digit ids as
 * a route's major parameter, so tests should use these for channel and user ids: with short ids all
 * channels share one request queue.
 */
export function fakeSnowflake(at: number = Date.now()): string {
  snowflakeSequence = (snowflakeSequence + 1) % 0x400000;
  return ((BigInt(at) - DISCORD_EPOCH_MS) * 0x400000n + BigInt(snowflakeSequence)).toString();
}

// ---------------------------------------------------------------------------------------------------
// Message validation

interface FieldError {
  code: string;
  message: string;
}

/** Discord's nested `errors` object: keys are field names or indexes, leaves hold `_errors`. */
type ErrorTree = { [key: string]: ErrorTree | FieldError[] };

function addError(tree: ErrorTree, path: readonly (string | number)[], code: string, message: string): void {
  let node = tree;
  for (const key of path) {
    const next = node[String(key)];
    if (next === undefined || Array.isArray(next)) {
      const created: ErrorTree = {};
      node[String(key)] = created;
      node = created;
    } else {
      node = next;
    }
  }
  const existing = node._errors;
  if (Array.isArray(existing)) existing.push({ code, message });
  else node._errors = [{ code, message }];
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks an optional string field; returns its length in code points (0 when absent). */
function checkText(
  errors: ErrorTree,
  path: readonly (string | number)[],
  value: unknown,
  max: number,
  required = false,
): number {
  if (value === undefined || value === null) {
    if (required) addError(errors, path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (typeof value !== 'string') {
    addError(errors, path, 'BASE_TYPE_STRING', 'Must be a string.');
    return 0;
  }
  const length = codePoints(value);
  if (required && length === 0) addError(errors, path, 'BASE_TYPE_REQUIRED', 'This field is required');
  if (length > max) addError(errors, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return length;
}

function checkEmbed(errors: ErrorTree, index: number, embed: unknown): number {
  const at = ['embeds', index];
  if (!isPlainObject(embed)) {
    addError(errors, at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return 0;
  }
  let total = checkText(errors, [...at, 'title'], embed.title, 256);
  total += checkText(errors, [...at, 'description'], embed.description, 4096);
  if (embed.fields !== undefined && embed.fields !== null) {
    if (!Array.isArray(embed.fields)) {
      addError(errors, [...at, 'fields'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    } else {
      if (embed.fields.length > 25) {
        addError(errors, [...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      }
      embed.fields.forEach((field: unknown, i) => {
        const fieldAt = [...at, 'fields', i];
        if (!isPlainObject(field)) {
          addError(errors, fieldAt, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
          return;
        }
        total += checkText(errors, [...fieldAt, 'name'], field.name, 256, true);
        total += checkText(errors, [...fieldAt, 'value'], field.value, 1024, true);
      });
    }
  }
  if (embed.footer !== undefined && embed.footer !== null) {
    const footer = isPlainObject(embed.footer) ? embed.footer : {};
    total += checkText(errors, [...at, 'footer', 'text'], footer.text, 2048, true);
  }
  if (embed.author !== undefined && embed.author !== null) {
    const author = isPlainObject(embed.author) ? embed.author : {};
    total += checkText(errors, [...at, 'author', 'name'], author.name, 256, true);
  }
  return total;
}

/** Checks an optional `embeds` list; returns how many embeds it holds (0 when absent or null). */
function checkEmbeds(errors: ErrorTree, embeds: unknown): number {
  if (embeds === undefined || embeds === null) return 0;
  if (!Array.isArray(embeds)) {
    addError(errors, ['embeds'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return 0;
  }
  if (embeds.length > 10) {
    addError(errors, ['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  }
  let total = 0;
  embeds.forEach((embed: unknown, i) => {
    total += checkEmbed(errors, i, embed);
  });
  if (total > 6000) {
    addError(errors, ['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  return embeds.length;
}

/** A reply's `message_reference` as sent. */
interface ReplyReference {
  messageId: string;
  channelId?: string;
  /** Discord's default is true: an unknown target is an error rather than a plain message. */
  failIfNotExists: boolean;
}

function checkSnowflake(
  errors: ErrorTree,
  path: (string | number)[],
  value: unknown,
  required: boolean,
): void {
  if (value === undefined || value === null) {
    if (required) addError(errors, path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (typeof value !== 'string' || !SNOWFLAKE.test(value)) {
    addError(errors, path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not snowflake.`);
  }
}

/** Checks an optional `message_reference` (a reply; forwards, type 1, are not supported here). */
function checkMessageReference(errors: ErrorTree, value: unknown): ReplyReference | undefined {
  if (value === undefined || value === null) return undefined;
  const at = ['message_reference'];
  if (!isPlainObject(value)) {
    addError(errors, at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return undefined;
  }
  checkSnowflake(errors, [...at, 'message_id'], value.message_id, true);
  checkSnowflake(errors, [...at, 'channel_id'], value.channel_id, false);
  checkSnowflake(errors, [...at, 'guild_id'], value.guild_id, false);
  const fail = value.fail_if_not_exists;
  if (fail !== undefined && fail !== null && typeof fail !== 'boolean') {
    addError(errors, [...at, 'fail_if_not_exists'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  }
  if (value.type !== undefined && value.type !== null && value.type !== 0) {
    // Discord also knows 1 (FORWARD); the fake only does replies, so a forward fails loudly.
    addError(errors, [...at, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {0}.');
  }
  return {
    messageId: String(value.message_id),
    ...(typeof value.channel_id === 'string' ? { channelId: value.channel_id } : {}),
    failIfNotExists: fail !== false,
  };
}

type Validation =
  | {
      ok: true;
      content: string;
      embeds: APIEmbed[];
      nonce?: string | number;
      enforceNonce: boolean;
      reference?: ReplyReference;
      pinged: FakeMessage['pinged'];
      components: unknown[];
    }
  | { ok: false; status: number; body: unknown };

const MENTION_TYPES = ['roles', 'users', 'everyone'] as const;

/**
 * `allowed_mentions` as Discord checks it (message.mdx, "Allowed mentions object"): `parse` holds
 * only roles, users and everyone; `roles` and `users` at most 100 ids each; a type may not be both
 * in `parse` and listed (Discord refuses that as mutually exclusive). Returns who gets notified:
 * the content's mentions that the object allows (every one of them without the object).
 */
function checkAllowedMentions(errors: ErrorTree, raw: unknown, content: unknown): FakeMessage['pinged'] {
  const text = typeof content === 'string' ? content : '';
  const roles = [...text.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
  const users = [...text.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
  const everyone = /@(everyone|here)/.test(text);
  if (raw === undefined || raw === null) return { everyone, roles, users };
  if (!isPlainObject(raw)) {
    addError(
      errors,
      ['allowed_mentions'],
      'DICT_TYPE_CONVERT',
      'Only dictionaries may be used in a DictType',
    );
    return { everyone: false, roles: [], users: [] };
  }
  const parse = Array.isArray(raw.parse) ? (raw.parse as unknown[]) : [];
  for (const [i, value] of parse.entries()) {
    if (!(MENTION_TYPES as readonly unknown[]).includes(value))
      addError(
        errors,
        ['allowed_mentions', 'parse', String(i)],
        'BASE_TYPE_CHOICES',
        "Value must be one of {'roles', 'users', 'everyone'}.",
      );
  }
  const listed = (key: 'roles' | 'users'): string[] | null => {
    const list = raw[key];
    if (list === undefined || list === null) return null;
    if (
      !Array.isArray(list) ||
      list.length > 100 ||
      list.some((id) => typeof id !== 'string' || !/^\d{17,20}$/.test(id))
    ) {
      addError(
        errors,
        ['allowed_mentions', key],
        'BASE_TYPE_BAD_TYPE',
        'Must be a list of at most 100 snowflakes.',
      );
      return [];
    }
    if (parse.includes(key))
      addError(
        errors,
        ['allowed_mentions', key],
        'MUTUALLY_EXCLUSIVE',
        `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`,
      );
    return list as string[];
  };
  const allowedRoles = listed('roles');
  const allowedUsers = listed('users');
  return {
    everyone: everyone && parse.includes('everyone'),
    roles: roles.filter((id) => parse.includes('roles') || (allowedRoles ?? []).includes(id)),
    users: users.filter((id) => parse.includes('users') || (allowedUsers ?? []).includes(id)),
  };
}

function invalidFormBody(errors: ErrorTree): { ok: false; status: number; body: unknown } {
  return { ok: false, status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } };
}

/** Checks a message creation; `reference` also checks `message_reference` (channel messages only). */
function validateMessage(body: unknown, options: { reference?: boolean } = {}): Validation {
  const errors: ErrorTree = {};
  if (!isPlainObject(body)) {
    addError(errors, [], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return invalidFormBody(errors);
  }
  const contentLength = checkText(errors, ['content'], body.content, 2000);
  const embedCount = checkEmbeds(errors, body.embeds);
  const reference = options.reference ? checkMessageReference(errors, body.message_reference) : undefined;
  const pinged = checkAllowedMentions(errors, body.allowed_mentions, body.content);

  const nonce = body.nonce;
  if (nonce !== undefined && nonce !== null) {
    if (typeof nonce === 'string') {
      if (codePoints(nonce) > 25) {
        addError(errors, ['nonce'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      }
    } else if (typeof nonce !== 'number' || !Number.isSafeInteger(nonce)) {
      addError(errors, ['nonce'], 'NONCE_TYPE_INVALID', 'Nonce must be an integer or a string.');
    }
  }
  if (
    body.enforce_nonce !== undefined &&
    body.enforce_nonce !== null &&
    typeof body.enforce_nonce !== 'boolean'
  ) {
    addError(errors, ['enforce_nonce'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  }

  if (Object.keys(errors).length > 0) return invalidFormBody(errors);
  if (contentLength === 0 && embedCount === 0) {
    return { ok: false, status: 400, body: EMPTY_MESSAGE };
  }
  return {
    ok: true,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: (body.embeds as APIEmbed[] | undefined | null) ?? [],
    ...(typeof nonce === 'string' || typeof nonce === 'number' ? { nonce } : {}),
    enforceNonce: body.enforce_nonce === true,
    ...(reference ? { reference } : {}),
    pinged,
    components: Array.isArray(body.components) ? (body.components as unknown[]) : [],
  };
}

type EditValidation =
  { ok: true; content?: string; embeds?: APIEmbed[] } | { ok: false; status: number; body: unknown };

/**
 * Checks an edit of a channel message: the fields present, by the creation rules. Every field is
 * optional and nullable (message.mdx); null clears it. Whether the result is empty is for the caller.
 */
function validateEdit(body: unknown): EditValidation {
  const errors: ErrorTree = {};
  if (body === undefined) return { ok: true };
  if (!isPlainObject(body)) {
    addError(errors, [], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return invalidFormBody(errors);
  }
  checkText(errors, ['content'], body.content, 2000);
  checkEmbeds(errors, body.embeds);
  if (Object.keys(errors).length > 0) return invalidFormBody(errors);
  return {
    ok: true,
    ...('content' in body ? { content: typeof body.content === 'string' ? body.content : '' } : {}),
    ...('embeds' in body ? { embeds: (body.embeds as APIEmbed[] | null) ?? [] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// Responses

const KNOWN_ERROR_MESSAGES: Record<number, string> = {
  10003: 'Unknown Channel',
  10008: 'Unknown Message',
  10013: 'Unknown User',
  50001: 'Missing Access',
  50007: 'Cannot send messages to this user',
  50013: 'Missing Permissions',
  50278: 'Cannot send messages to this user due to having no mutual guilds',
};

function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function cloudflarePage(status: number): string {
  return [
    '<!DOCTYPE html>',
    `<html><head><title>discord.com | ${status}: ${reason(status)}</title></head>`,
    `<body><h1>Error ${status}</h1><p>${reason(status)}</p>`,
    '<p>Cloudflare Ray ID: 0000000000000000 &bull; Performance &amp; security by Cloudflare</p></body></html>',
  ].join('\n');
}

/** Discord's bucket ids are opaque and stable per route; any stable hash does. */
function bucketHash(routeTemplate: string): string {
  return createHash('sha256').update(routeTemplate).digest('hex').slice(0, 32);
}
const MESSAGE_BUCKET = bucketHash('POST /channels/{channel.id}/messages');
const EDIT_BUCKET = bucketHash('PATCH /channels/{channel.id}/messages/{message.id}');
const CROSSPOST_BUCKET = bucketHash('POST /channels/{channel.id}/messages/{message.id}/crosspost');
const HOUR_MS = 3_600_000;

const EMPTY_MESSAGE = { code: 50006, message: 'Cannot send an empty message' };
const UNKNOWN_MESSAGE = { message: 'Unknown Message', code: 10008 };
const UNKNOWN_REPLY_TARGET = {
  code: 50035,
  message: 'Invalid Form Body',
  errors: {
    message_reference: {
      _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }],
    },
  },
};
const ALREADY_CROSSPOSTED = { code: 40033, message: 'This message has already been crossposted.' };
/**
 * Crossposting outside an announcement channel. Discord's documented code for an action on the wrong
 * channel type is 50024; the HTTP status (403 here) is a guess, not confirmed against Discord.
 */
const NOT_ANNOUNCEMENT_CHANNEL = { code: 50024, message: 'Cannot execute action on this channel type' };
const ANNOUNCEMENT_CHANNEL = 5;
const CROSSPOSTED = 1;
const REPLY = 19;

const MAX_BODY_BYTES = 25 * 1024 * 1024;

interface StoredFault {
  spec: FaultSpec;
  left: number; // Infinity = until cleared
}

interface StoredDelay {
  ms: number;
  commit: 'before' | 'after';
  left: number;
}

interface StoredForce {
  spec: Force429Spec;
  left: number;
}

interface Bucket {
  resetAt: number;
  used: number;
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  entry: RecordedRequest;
  /** Hold the answer this long (a 'before' delay). */
  holdMs: number;
  /** Close the connection instead of answering (dropAnswers). */
  drop?: boolean;
  /** Files of a multipart request. */
  uploads?: FakeUpload[];
}

type Headers = Record<string, string>;

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function takeFault<K>(map: Map<K, StoredFault>, key: K): FaultSpec | undefined {
  const stored = map.get(key);
  if (!stored) return undefined;
  stored.left--;
  if (stored.left <= 0) map.delete(key);
  return stored.spec;
}

function storeFault(spec: FaultSpec): StoredFault {
  return { spec, left: spec.times ?? Number.POSITIVE_INFINITY };
}

const SNOWFLAKE = /^\d{1,20}$/;
const CALLBACK_PATH = /^\/interactions\/(\d{1,20})\/([^/]+)\/callback$/;
const WEBHOOK_PATH = /^\/webhooks\/(\d{1,20})\/([^/]+)$/;
const WEBHOOK_MESSAGE_PATH = /^\/webhooks\/(\d{1,20})\/([^/]+)\/messages\/(@original|\d{1,20})$/;

const EPHEMERAL = 64;
const LOADING = 128;

interface InteractionState {
  reg: RegisteredInteraction;
  acknowledged: boolean;
  original: FakeInteractionMessage | undefined;
  followUps: Map<string, FakeInteractionMessage>;
  log: InteractionResponse[];
}

/** The JSON body, or the `payload_json` part of a multipart body (sent when there are files). */
function payloadOf(raw: Buffer, contentType: string | undefined): unknown {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (contentType?.startsWith('multipart/form-data') && boundary) {
    const marker = `--${boundary[1] ?? boundary[2] ?? ''}`;
    for (const part of raw.toString('utf8').split(marker)) {
      if (!/name="payload_json"/.test(part)) continue;
      const start = part.indexOf('\r\n\r\n');
      return JSON.parse(part.slice(start + 4).replace(/\r\n$/, ''));
    }
    return {};
  }
  return JSON.parse(raw.toString('utf8'));
}

/** A file uploaded with a message (multipart part `files[n]`). */
export interface FakeUpload {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** The file parts of a multipart body, as bytes (an empty list for a JSON body). */
function uploadsOf(raw: Buffer, contentType: string | undefined): FakeUpload[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!contentType?.startsWith('multipart/form-data') || !boundary) return [];
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2] ?? ''}`);
  const uploads: FakeUpload[] = [];
  let at = raw.indexOf(marker);
  while (at !== -1) {
    const next = raw.indexOf(marker, at + marker.length);
    if (next === -1) break;
    const part = raw.subarray(at + marker.length + 2, next - 2); // skip CRLF after the marker and before the next
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const disposition = /name="([^"]+)"(?:; filename="([^"]*)")?/.exec(head);
    if (disposition?.[2] !== undefined) {
      uploads.push({
        field: disposition[1] ?? '',
        filename: disposition[2],
        contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream',
        data: Buffer.from(part.subarray(split + 4)),
      });
    }
    at = next;
  }
  return uploads;
}

/** Checks message fields of an interaction response; components alone make a message non-empty. */
function validateInteractionMessage(body: unknown, allowEmpty: boolean): Validation {
  const checked = validateMessage(body);
  if (checked.ok) return checked;
  const components = isPlainObject(body) ? body.components : undefined;
  const emptyError = isPlainObject(checked.body) && checked.body.code === 50006;
  if (emptyError && (allowEmpty || (Array.isArray(components) && components.length > 0))) {
    return {
      ok: true,
      content: '',
      embeds: [],
      enforceNonce: false,
      pinged: { everyone: false, roles: [], users: [] },
      components: Array.isArray(components) ? (components as unknown[]) : [],
    };
  }
  return checked;
}
const TEAM_ID = '1190000000000000003';
const MESSAGES_PATH = /^\/channels\/(\d{1,20})\/messages$/;
const MESSAGE_PATH = /^\/channels\/(\d{1,20})\/messages\/(\d{1,20})$/;
const CROSSPOST_PATH = /^\/channels\/(\d{1,20})\/messages\/(\d{1,20})\/crosspost$/;
const COMMANDS_PATH = /^\/applications\/(\d{1,20})(?:\/guilds\/(\d{1,20}))?\/commands$/;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? FAKE_DISCORD_TOKEN;
  const globalPerSecond = options.globalPerSecond ?? 50;
  const routeLimit = options.routeLimit ?? 5;
  const routeWindowMs = options.routeWindowMs ?? 5000;
  const crosspostLimit = options.crosspostLimitPerHour ?? 10;
  const nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
  const applicationId = options.applicationId ?? '1190000000000000001';
  const ownerId = options.ownerId ?? '1190000000000000002';
  const teamMembers =
    options.teamMemberIds || options.teamMembers
      ? [
          ...(options.teamMemberIds ?? []).map((id) => ({ id, role: 'admin' as const, accepted: true })),
          ...(options.teamMembers ?? []),
        ]
      : undefined;
  const botUsername = options.botUsername ?? 'VRCPulse';
  const retryAfterHeader = options.retryAfterHeader ?? 'ceil';
  const maxRequestLog = Math.max(1, options.maxRequestLog ?? 50_000);
  const ackWindowMs = options.interactionAckWindowMs ?? 3000;
  const tokenTtlMs = options.interactionTokenTtlMs ?? 15 * 60_000;

  // Recorded state.
  const messages: FakeMessage[] = [];
  const messagesByTarget = new Map<string, FakeMessage[]>();
  /** The messages in `messages`, by id. */
  const liveById = new Map<string, FakeMessage>();
  const deletedMessages: FakeMessage[] = [];
  const crossposts: FakeCrosspost[] = [];
  /** Channel types other than 0 (text). */
  const channelTypes = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const counters = { count429Global: 0, count429Route: 0, countInvalid: 0, dmChannelCreates: 0 };
  const dmByUser = new Map<string, string>();
  const userByDm = new Map<string, string>();
  const commandRegistrations: CommandRegistration[] = [];
  /** Discord keeps a command's id across overwrites when its scope, type and name stay the same. */
  const commandIds = new Map<string, string>();
  /** `${channelId}\n${nonce}` -> message, insertion-ordered by creation time, so pruning is from the front. */
  const nonces = new Map<string, FakeMessage>();
  const interactions = new Map<string, InteractionState>();
  /** Files uploaded with interaction messages, by message id. */
  const uploads = new Map<string, FakeUpload[]>();

  // Rate-limit state.
  let globalRing: number[] = [];
  let globalHead = 0;
  /** Route buckets: creation by channel id, edits by `edit:<channel id>`. */
  const buckets = new Map<string, Bucket>();
  let lastBucketSweep = 0;
  /** Crossposts per channel in the current hour (`used` counts accepted crossposts). */
  const crosspostWindows = new Map<string, Bucket>();

  // Faults.
  const channelFaults = new Map<string, StoredFault>();
  const userSendFaults = new Map<string, StoredFault>();
  const userDmCreateFaults = new Map<string, StoredFault>();
  const delays = new Map<string, StoredDelay>();
  /** Message creations left whose answer is dropped (dropAnswers). */
  let dropLeft = 0;
  const forced = new Map<string, StoredForce>();

  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const botUser = {
    id: applicationId,
    username: botUsername,
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };

  function later(ms: number, res: ServerResponse, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) fn();
    }, ms);
    timers.add(timer);
    res.once('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  function logRequest(entry: RecordedRequest): void {
    requests.push(entry);
    if (requests.length > maxRequestLog) requests.splice(0, Math.max(1, Math.ceil(maxRequestLog / 10)));
  }

  function retryAfterValue(secondsFloat: number): string {
    return retryAfterHeader === 'ceil' ? String(Math.ceil(secondsFloat)) : secondsFloat.toFixed(3);
  }

  /** Writes an answer (after `holdMs` if set); a string body is sent as HTML, anything else as JSON. */
  function respond(
    x: Exchange,
    status: number,
    body: unknown,
    headers: Headers = {},
    options: { scope?: string } = {},
  ): void {
    if (x.drop) {
      x.res.destroy();
      return;
    }
    x.entry.status = status;
    if (status === 401 || status === 403 || (status === 429 && options.scope !== 'shared')) {
      counters.countInvalid++;
    }
    const write = (): void => {
      if (body === undefined) {
        x.res.writeHead(status, { ...headers, 'content-length': 0 });
        x.res.end();
        return;
      }
      const html = typeof body === 'string';
      const text = html ? body : JSON.stringify(body);
      x.res.writeHead(status, {
        ...headers,
        'content-type': html ? 'text/html; charset=utf-8' : 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      x.res.end(text);
    };
    if (x.holdMs > 0) later(x.holdMs, x.res, write);
    else write();
  }

  function respondFault(x: Exchange, fault: FaultSpec, headers: Headers = {}): void {
    const kind = fault.body ?? (fault.status >= 500 ? 'html' : 'json');
    if (kind === 'html') {
      respond(x, fault.status, cloudflarePage(fault.status));
    } else if (kind === 'empty') {
      respond(x, fault.status, undefined, headers);
    } else {
      const code = fault.code ?? 0;
      const message =
        fault.message ?? KNOWN_ERROR_MESSAGES[code] ?? `${fault.status}: ${reason(fault.status)}`;
      respond(x, fault.status, { message, code }, headers);
    }
  }

  function respond429(
    x: Exchange,
    retryAfterSeconds: number,
    kind: 'global' | 'user' | 'shared',
    routeHeaders: Headers = {},
  ): void {
    const global = kind === 'global';
    if (global) counters.count429Global++;
    else counters.count429Route++;
    const headers: Headers = {
      ...(global ? {} : routeHeaders),
      'retry-after': retryAfterValue(retryAfterSeconds),
      'x-ratelimit-scope': kind,
      ...(global ? { 'x-ratelimit-global': 'true' } : {}),
    };
    const message = kind === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.';
    respond(x, 429, { message, retry_after: Number(retryAfterSeconds.toFixed(3)), global }, headers, {
      scope: kind,
    });
  }

  /** Returns the wait in ms when the global limit refuses this request, else records it and returns 0. */
  function takeGlobal(now: number): number {
    if (globalPerSecond <= 0) return 0;
    if (globalRing.length < globalPerSecond) {
      globalRing.push(now);
      return 0;
    }
    const oldest = globalRing[globalHead] ?? 0;
    if (now - oldest < 1000) return oldest + 1000 - now;
    globalRing[globalHead] = now;
    globalHead = (globalHead + 1) % globalPerSecond;
    return 0;
  }

  function bucketOf(channelId: string, now: number): Bucket {
    if (now - lastBucketSweep > routeWindowMs) {
      lastBucketSweep = now;
      for (const [key, bucket] of buckets) if (bucket.resetAt <= now) buckets.delete(key);
    }
    let bucket = buckets.get(channelId);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { resetAt: now + routeWindowMs, used: 0 };
      buckets.set(channelId, bucket);
    }
    return bucket;
  }

  function routeHeaders(bucket: Bucket, now: number, hash = MESSAGE_BUCKET, limit = routeLimit): Headers {
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - bucket.used)),
      'x-ratelimit-reset': (bucket.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': seconds(bucket.resetAt - now),
      'x-ratelimit-bucket': hash,
    };
  }

  function crosspostWindowOf(channelId: string, now: number): Bucket {
    let window = crosspostWindows.get(channelId);
    if (!window || window.resetAt <= now) {
      window = { resetAt: now + HOUR_MS, used: 0 };
      crosspostWindows.set(channelId, window);
    }
    return window;
  }

  /**
   * Takes one use of a route bucket (creation or edit). Returns the headers for the answer, or
   * undefined when the bucket was empty and a 429 has been answered.
   */
  function takeRoute(x: Exchange, key: string, hash: string, now: number): Headers | undefined {
    if (routeLimit <= 0) return {};
    const bucket = bucketOf(key, now);
    if (bucket.used >= routeLimit) {
      respond429(x, (bucket.resetAt - now) / 1000, 'user', routeHeaders(bucket, now, hash));
      return undefined;
    }
    bucket.used++;
    return routeHeaders(bucket, now, hash);
  }

  /** Takes the channel's fault if it is a 5xx (answered "at the edge", before any route limit). */
  function takeEdgeFault(channelId: string): FaultSpec | undefined {
    const status = channelFaults.get(channelId)?.spec.status ?? 0;
    return status >= 500 ? takeFault(channelFaults, channelId) : undefined;
  }

  /** The message with this id if it exists in this channel and was not deleted. */
  function liveMessage(channelId: string, messageId: string): FakeMessage | undefined {
    const message = liveById.get(messageId);
    return message?.channelId === channelId ? message : undefined;
  }

  function removeMessage(message: FakeMessage, now: number): void {
    const drop = (list: FakeMessage[] | undefined): void => {
      const index = list ? list.indexOf(message) : -1;
      if (list && index !== -1) list.splice(index, 1);
    };
    drop(messages);
    drop(messagesByTarget.get(message.channelId));
    if (message.userId !== undefined) drop(messagesByTarget.get(message.userId));
    liveById.delete(message.id);
    message.deletedAt = now;
    deletedMessages.push(message);
  }

  function forcedFor(path: string): StoredForce | undefined {
    const stored = forced.get(path);
    if (!stored) return undefined;
    stored.left--;
    if (stored.left <= 0) forced.delete(path);
    return stored;
  }

  function pruneNonces(now: number): void {
    for (const [key, message] of nonces) {
      if (now - message.at < nonceWindowMs) break;
      nonces.delete(key);
    }
  }

  function record(message: FakeMessage): void {
    messages.push(message);
    liveById.set(message.id, message);
    for (const target of message.userId ? [message.channelId, message.userId] : [message.channelId]) {
      const list = messagesByTarget.get(target);
      if (list) list.push(message);
      else messagesByTarget.set(target, [message]);
    }
  }

  /**
   * A message in Discord's wire format. `nonce` only in the answer to its creation; a reply carries
   * `message_reference` and `referenced_message` (null once the target is deleted; one level deep).
   */
  function messageObject(message: FakeMessage, options: { nonce?: boolean; nested?: boolean } = {}): unknown {
    const target = message.referencedMessageId;
    const referenced = target === undefined ? undefined : liveById.get(target);
    return {
      id: message.id,
      type: target === undefined ? 0 : REPLY,
      channel_id: message.channelId,
      author: botUser,
      content: message.content,
      timestamp: new Date(message.at).toISOString(),
      edited_timestamp: message.editedAt === undefined ? null : new Date(message.editedAt).toISOString(),
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: message.embeds,
      components: message.components,
      pinned: false,
      flags: message.crossposted ? CROSSPOSTED : 0,
      ...(options.nonce && message.nonce !== undefined ? { nonce: message.nonce } : {}),
      ...(target === undefined
        ? {}
        : {
            message_reference: { type: 0, channel_id: message.channelId, message_id: target },
            ...(options.nested
              ? {}
              : { referenced_message: referenced ? messageObject(referenced, { nested: true }) : null }),
          }),
    };
  }

  function dmChannelObject(channelId: string, userId: string): unknown {
    return {
      id: channelId,
      type: 1,
      last_message_id: null,
      flags: 0,
      recipients: [
        {
          id: userId,
          username: `user${userId.slice(-6)}`,
          discriminator: '0',
          global_name: null,
          avatar: null,
        },
      ],
    };
  }

  /** Everything after the delay decision for POST /channels/{id}/messages. */
  function createMessage(x: Exchange, channelId: string, body: unknown): void {
    const now = Date.now();
    const userId = userByDm.get(channelId);

    const peekFault = (): { map: Map<string, StoredFault>; key: string } | undefined => {
      if (channelFaults.has(channelId)) return { map: channelFaults, key: channelId };
      if (userId !== undefined && userSendFaults.has(userId)) return { map: userSendFaults, key: userId };
      return undefined;
    };

    const pending = peekFault();
    const pendingStatus = pending?.map.get(pending.key)?.spec.status ?? 0;
    if (pending && pendingStatus >= 500) {
      const fault = takeFault(pending.map, pending.key);
      if (fault) return respondFault(x, fault);
    }

    let headers: Headers = {};
    if (routeLimit > 0) {
      const bucket = bucketOf(channelId, now);
      if (bucket.used >= routeLimit) {
        return respond429(x, (bucket.resetAt - now) / 1000, 'user', routeHeaders(bucket, now));
      }
      bucket.used++;
      headers = routeHeaders(bucket, now);
    }

    if (pending) {
      const fault = takeFault(pending.map, pending.key);
      if (fault) return respondFault(x, fault, headers);
    }

    const checked = validateMessage(body, { reference: true });
    if (!checked.ok) return respond(x, checked.status, checked.body, headers);

    const nonceKey = checked.nonce === undefined ? undefined : `${channelId}\n${String(checked.nonce)}`;
    if (nonceKey !== undefined) pruneNonces(now);
    if (checked.enforceNonce && nonceKey !== undefined) {
      const existing = nonces.get(nonceKey);
      if (existing && now - existing.at < nonceWindowMs) {
        return respond(x, 200, messageObject(existing, { nonce: true }), headers);
      }
    }

    // A reply: the target must be a message of this channel (a reply cannot cross channels).
    const reference = checked.reference;
    const target =
      reference && (reference.channelId === undefined || reference.channelId === channelId)
        ? liveMessage(channelId, reference.messageId)
        : undefined;
    if (reference && !target && reference.failIfNotExists) {
      return respond(x, 400, UNKNOWN_REPLY_TARGET, headers);
    }

    const message: FakeMessage = {
      id: fakeSnowflake(now),
      channelId,
      ...(userId === undefined ? {} : { userId }),
      content: checked.content,
      embeds: checked.embeds,
      ...(checked.nonce === undefined ? {} : { nonce: checked.nonce }),
      at: now,
      ...(target ? { referencedMessageId: target.id } : {}),
      edits: 0,
      history: [],
      pinged: checked.pinged,
      components: checked.components,
    };
    record(message);
    if (nonceKey !== undefined) {
      // Re-insert so the map stays ordered by creation time.
      nonces.delete(nonceKey);
      nonces.set(nonceKey, message);
    }
    respond(x, 200, messageObject(message, { nonce: true }), headers);
  }

  /** PATCH /channels/{id}/messages/{id}: edits content and/or embeds in place. */
  function editMessage(x: Exchange, channelId: string, messageId: string, body: unknown): void {
    const now = Date.now();
    const edge = takeEdgeFault(channelId);
    if (edge) return respondFault(x, edge);
    const headers = takeRoute(x, `edit:${channelId}`, EDIT_BUCKET, now);
    if (!headers) return;
    const fault = takeFault(channelFaults, channelId);
    if (fault) return respondFault(x, fault, headers);

    const message = liveMessage(channelId, messageId);
    if (!message) return respond(x, 404, UNKNOWN_MESSAGE, headers);
    const checked = validateEdit(body);
    if (!checked.ok) return respond(x, checked.status, checked.body, headers);
    const content = checked.content ?? message.content;
    const embeds = checked.embeds ?? message.embeds;
    if (content === '' && embeds.length === 0) return respond(x, 400, EMPTY_MESSAGE, headers);

    message.history.push({
      content: message.content,
      embeds: message.embeds,
      at: message.editedAt ?? message.at,
    });
    message.content = content;
    message.embeds = embeds;
    message.editedAt = now;
    message.edits++;
    respond(x, 200, messageObject(message), headers);
  }

  /** DELETE /channels/{id}/messages/{id}: 204. */
  function deleteMessageRoute(x: Exchange, channelId: string, messageId: string): void {
    const fault = takeFault(channelFaults, channelId);
    if (fault) return respondFault(x, fault);
    const message = liveMessage(channelId, messageId);
    if (!message) return respond(x, 404, UNKNOWN_MESSAGE);
    removeMessage(message, Date.now());
    respond(x, 204, undefined);
  }

  /** GET /channels/{id}/messages/{id}. */
  function getMessage(x: Exchange, channelId: string, messageId: string): void {
    const fault = channelFaults.get(channelId);
    if (fault) return respondFault(x, fault.spec);
    const message = liveMessage(channelId, messageId);
    if (!message) return respond(x, 404, UNKNOWN_MESSAGE);
    respond(x, 200, messageObject(message));
  }

  /** POST /channels/{id}/messages/{id}/crosspost: publishes a message of an announcement channel. */
  function crosspostMessage(x: Exchange, channelId: string, messageId: string): void {
    const now = Date.now();
    const edge = takeEdgeFault(channelId);
    if (edge) return respondFault(x, edge);
    const window = crosspostLimit > 0 ? crosspostWindowOf(channelId, now) : undefined;
    const headersOf = (): Headers =>
      window ? routeHeaders(window, now, CROSSPOST_BUCKET, crosspostLimit) : {};
    if (window && window.used >= crosspostLimit) {
      return respond429(x, (window.resetAt - now) / 1000, 'user', headersOf());
    }
    const fault = takeFault(channelFaults, channelId);
    if (fault) return respondFault(x, fault, headersOf());

    if (channelTypes.get(channelId) !== ANNOUNCEMENT_CHANNEL) {
      return respond(x, 403, NOT_ANNOUNCEMENT_CHANNEL, headersOf());
    }
    const message = liveMessage(channelId, messageId);
    if (!message) return respond(x, 404, UNKNOWN_MESSAGE, headersOf());
    if (message.crossposted) return respond(x, 400, ALREADY_CROSSPOSTED, headersOf());

    if (window) window.used++;
    message.crossposted = true;
    crossposts.push({ channelId, messageId, at: now });
    respond(x, 200, messageObject(message), headersOf());
  }

  function createDm(x: Exchange, body: unknown): void {
    const recipient = isPlainObject(body) ? body.recipient_id : undefined;
    if (typeof recipient !== 'string' || !SNOWFLAKE.test(recipient)) {
      const errors: ErrorTree = {};
      addError(
        errors,
        ['recipient_id'],
        'NUMBER_TYPE_COERCE',
        `Value "${String(recipient)}" is not snowflake.`,
      );
      return respond(x, 400, { code: 50035, message: 'Invalid Form Body', errors });
    }
    const fault = takeFault(userDmCreateFaults, recipient);
    if (fault) return respondFault(x, fault);
    let channelId = dmByUser.get(recipient);
    if (channelId === undefined) {
      channelId = fakeSnowflake();
      dmByUser.set(recipient, channelId);
      userByDm.set(channelId, recipient);
    }
    counters.dmChannelCreates++;
    respond(x, 200, dmChannelObject(channelId, recipient));
  }

  /** PUT /applications/{id}/commands and PUT /applications/{id}/guilds/{id}/commands. */
  function overwriteCommands(x: Exchange, appId: string, guildId: string | null, body: unknown): void {
    if (!Array.isArray(body)) {
      const errors: ErrorTree = {};
      addError(errors, [], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
      return respond(x, 400, { code: 50035, message: 'Invalid Form Body', errors });
    }
    commandRegistrations.push({ applicationId: appId, guildId, body, at: Date.now() });
    const registered = body.map((command: unknown) => {
      const fields = isPlainObject(command) ? command : {};
      const type = typeof fields.type === 'number' ? fields.type : 1;
      const key = [appId, guildId ?? 'global', type, String(fields.name)].join('\n');
      let id = commandIds.get(key);
      if (id === undefined) {
        id = fakeSnowflake();
        commandIds.set(key, id);
      }
      return {
        type: 1,
        default_member_permissions: null,
        ...fields,
        id,
        application_id: appId,
        version: fakeSnowflake(),
        ...(guildId === null ? {} : { guild_id: guildId }),
      };
    });
    respond(x, 200, registered);
  }

  // -------------------------------------------------------------------------------------------------
  // Interactions

  function logInteraction(
    state: InteractionState,
    x: Exchange,
    entry: Omit<InteractionResponse, 'status' | 'at' | 'afterMs'>,
    status: number,
    answer: unknown,
  ): void {
    const at = x.entry.at;
    const code =
      status >= 400 && isPlainObject(answer) && typeof answer.code === 'number' ? answer.code : undefined;
    state.log.push({
      ...entry,
      status,
      ...(code === undefined ? {} : { code }),
      at,
      afterMs: at - state.reg.at,
    });
    respond(x, status, answer);
  }

  function messageFields(
    data: unknown,
  ): Pick<InteractionResponse, 'content' | 'embeds' | 'components' | 'flags'> {
    if (!isPlainObject(data)) return {};
    return {
      ...(typeof data.content === 'string' ? { content: data.content } : {}),
      ...(Array.isArray(data.embeds) ? { embeds: data.embeds as APIEmbed[] } : {}),
      ...(Array.isArray(data.components) ? { components: data.components as unknown[] } : {}),
      ...(typeof data.flags === 'number' ? { flags: data.flags } : {}),
    };
  }

  function newInteractionMessage(
    state: InteractionState,
    data: unknown,
    extraFlags = 0,
  ): FakeInteractionMessage {
    const fields = messageFields(data);
    const now = Date.now();
    const { reg } = state;
    return {
      id: fakeSnowflake(now),
      type: reg.type === 2 ? 20 : 19,
      channel_id: reg.channelId,
      ...(reg.guildId === null ? {} : { guild_id: reg.guildId }),
      author: botUser,
      webhook_id: applicationId,
      application_id: applicationId,
      content: fields.content ?? '',
      embeds: fields.embeds ?? [],
      components: fields.components ?? [],
      flags: ((fields.flags ?? 0) & EPHEMERAL) | extraFlags,
      timestamp: new Date(now).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      interaction_metadata: {
        id: reg.id,
        type: reg.type,
        user: reg.user,
        authorizing_integration_owners: reg.authorizingIntegrationOwners,
      },
    };
  }

  function applyEdit(message: FakeInteractionMessage, data: unknown): FakeInteractionMessage {
    const fields = messageFields(data);
    return {
      ...message,
      ...(fields.content === undefined ? {} : { content: fields.content }),
      ...(fields.embeds === undefined ? {} : { embeds: fields.embeds }),
      ...(fields.components === undefined ? {} : { components: fields.components }),
      // Ephemerality is fixed at creation; the first edit of a deferred reply ends "thinking".
      flags: message.flags & ~LOADING,
      edited_timestamp: new Date().toISOString(),
    };
  }

  function isEmpty(message: FakeInteractionMessage): boolean {
    return message.content === '' && message.embeds.length === 0 && message.components.length === 0;
  }

  /**
   * A component interaction's @original is the message its button is on; Discord has that message
   * once, so updating it through the press also changes the @original of the interaction that
   * posted it.
   */
  function setOriginal(state: InteractionState, message: FakeInteractionMessage | undefined): void {
    state.original = message;
    if (state.reg.type !== 3 || !message) return;
    for (const other of interactions.values()) {
      if (other !== state && other.original?.id === message.id) other.original = message;
    }
  }

  function componentMessage(reg: RegisteredInteraction): FakeInteractionMessage | undefined {
    const m = reg.message;
    if (!m) return undefined;
    return {
      ...m,
      id: String(m.id),
      channel_id: String(m.channel_id ?? reg.channelId),
      content: typeof m.content === 'string' ? m.content : '',
      embeds: Array.isArray(m.embeds) ? (m.embeds as APIEmbed[]) : [],
      components: Array.isArray(m.components) ? (m.components as unknown[]) : [],
      flags: typeof m.flags === 'number' ? m.flags : 0,
    };
  }

  const UNKNOWN_INTERACTION = { message: 'Unknown interaction', code: 10062 };
  const UNKNOWN_WEBHOOK = { message: 'Unknown Webhook', code: 10015 };
  const INVALID_WEBHOOK_TOKEN = { message: 'Invalid Webhook Token', code: 50027 };

  function interactionCallback(x: Exchange, id: string, interactionToken: string, body: unknown): void {
    const state = interactions.get(id);
    if (!state || state.reg.token !== interactionToken) return respond(x, 404, UNKNOWN_INTERACTION);
    const type = isPlainObject(body) && typeof body.type === 'number' ? body.type : undefined;
    const data = isPlainObject(body) ? body.data : undefined;
    const entry = { kind: 'callback' as const, ...(type === undefined ? {} : { callbackType: type }), body };
    const base = { ...entry, ...messageFields(data) };
    if (x.entry.at - state.reg.at > ackWindowMs)
      return logInteraction(state, x, base, 404, UNKNOWN_INTERACTION);
    if (state.acknowledged) {
      return logInteraction(state, x, base, 400, {
        message: 'Interaction has already been acknowledged.',
        code: 40060,
      });
    }
    const allowed = state.reg.type === 3 ? [4, 5, 6, 7] : [4, 5];
    if (type === undefined || !allowed.includes(type)) {
      const errors: ErrorTree = {};
      addError(errors, ['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'Invalid interaction response type');
      return logInteraction(state, x, base, 400, { code: 50035, message: 'Invalid Form Body', errors });
    }
    if (type === 4 || type === 7) {
      const checked = validateInteractionMessage(data ?? {}, type === 7);
      if (!checked.ok) return logInteraction(state, x, base, checked.status, checked.body);
    }
    state.acknowledged = true;
    if (type === 4) state.original = newInteractionMessage(state, data);
    else if (type === 5) state.original = newInteractionMessage(state, data, LOADING);
    else {
      const onMessage = componentMessage(state.reg);
      setOriginal(state, onMessage && type === 7 ? applyEdit(onMessage, data) : onMessage);
    }
    const messageId = type === 6 ? undefined : state.original?.id;
    const withResponse = new URL(x.req.url ?? '/', 'http://x').searchParams.get('with_response') === 'true';
    const answer = withResponse
      ? {
          interaction: {
            id,
            type: state.reg.type,
            response_message_id: messageId,
            response_message_loading: type === 5,
            response_message_ephemeral: ((state.original?.flags ?? 0) & EPHEMERAL) !== 0,
          },
          ...(state.original ? { resource: { type, message: state.original } } : { resource: { type } }),
        }
      : undefined;
    logInteraction(
      state,
      x,
      { ...base, ...(messageId ? { messageId } : {}) },
      withResponse ? 200 : 204,
      answer,
    );
  }

  /** The interaction behind a webhook token, or an error already answered. */
  function webhookState(x: Exchange, appId: string, interactionToken: string): InteractionState | undefined {
    let found: InteractionState | undefined;
    for (const state of interactions.values()) {
      if (state.reg.token === interactionToken) found = state;
    }
    if (!found || appId !== found.reg.applicationId) {
      respond(x, 404, UNKNOWN_WEBHOOK);
      return undefined;
    }
    return found;
  }

  function webhookMessage(
    x: Exchange,
    appId: string,
    interactionToken: string,
    target: string,
    method: string,
    body: unknown,
  ): void {
    const state = webhookState(x, appId, interactionToken);
    if (!state) return;
    const kind = method === 'GET' ? 'fetch' : method === 'DELETE' ? 'delete' : 'edit';
    const entry = { kind, body, ...messageFields(body) } as const;
    if (x.entry.at - state.reg.at > tokenTtlMs)
      return logInteraction(state, x, entry, 401, INVALID_WEBHOOK_TOKEN);
    const isOriginal = target === '@original' || target === state.original?.id;
    const current = isOriginal ? state.original : state.followUps.get(target);
    if (!current) return logInteraction(state, x, entry, 404, UNKNOWN_MESSAGE);
    const withId = { ...entry, messageId: current.id };
    if (method === 'GET') return logInteraction(state, x, withId, 200, current);
    if (method === 'DELETE') {
      if (isOriginal) state.original = undefined;
      else state.followUps.delete(current.id);
      return logInteraction(state, x, withId, 204, undefined);
    }
    const checked = validateInteractionMessage(body ?? {}, true);
    if (!checked.ok) return logInteraction(state, x, withId, checked.status, checked.body);
    const edited = applyEdit(current, body);
    if (isEmpty(edited)) {
      return logInteraction(state, x, withId, 400, { code: 50006, message: 'Cannot send an empty message' });
    }
    if (x.uploads && x.uploads.length > 0) {
      uploads.set(edited.id, x.uploads);
      edited.attachments = x.uploads.map((upload, index) => ({
        id: String(index),
        filename: upload.filename,
        size: upload.data.length,
        content_type: upload.contentType,
        url: `${origin}/attachments/${edited.id}/${upload.filename}`,
      }));
    }
    if (isOriginal) setOriginal(state, edited);
    else state.followUps.set(edited.id, edited);
    logInteraction(state, x, withId, 200, edited);
  }

  function followUp(x: Exchange, appId: string, interactionToken: string, body: unknown): void {
    const state = webhookState(x, appId, interactionToken);
    if (!state) return;
    const entry = { kind: 'followup' as const, body, ...messageFields(body) };
    if (x.entry.at - state.reg.at > tokenTtlMs)
      return logInteraction(state, x, entry, 401, INVALID_WEBHOOK_TOKEN);
    // Discord has no webhook for an interaction until it is acknowledged.
    if (!state.acknowledged) return logInteraction(state, x, entry, 404, UNKNOWN_WEBHOOK);
    const checked = validateInteractionMessage(body, false);
    if (!checked.ok) return logInteraction(state, x, entry, checked.status, checked.body);
    const message = newInteractionMessage(state, body);
    state.followUps.set(message.id, message);
    const wait = new URL(x.req.url ?? '/', 'http://x').searchParams.get('wait') === 'true';
    logInteraction(
      state,
      x,
      { ...entry, messageId: message.id },
      wait ? 200 : 204,
      wait ? message : undefined,
    );
  }

  /** Interaction routes: no auth, no global limit. Returns false when `route` is not one of them. */
  function handleInteractionRoute(x: Exchange, rawRoute: string, raw: Buffer | undefined): boolean {
    const method = x.entry.method;
    // @discordjs/rest percent-encodes '@original'.
    const route = rawRoute.replace(/%40/g, '@');
    const callback = CALLBACK_PATH.exec(route);
    const webhook = WEBHOOK_PATH.exec(route);
    const message = WEBHOOK_MESSAGE_PATH.exec(route);
    if (!callback && !webhook && !message) return false;
    const allowed = message ? ['GET', 'PATCH', 'DELETE'] : ['POST'];
    if (!allowed.includes(method)) {
      respond(x, 405, { message: '405: Method Not Allowed', code: 0 });
      return true;
    }
    let body: unknown = undefined;
    if (raw && raw.length > 0) {
      try {
        body = payloadOf(raw, x.req.headers['content-type']);
        x.uploads = uploadsOf(raw, x.req.headers['content-type']);
      } catch {
        respond(x, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
        return true;
      }
    }
    if (callback) interactionCallback(x, callback[1] ?? '', callback[2] ?? '', body);
    else if (webhook) followUp(x, webhook[1] ?? '', webhook[2] ?? '', body);
    else if (message) webhookMessage(x, message[1] ?? '', message[2] ?? '', message[3] ?? '', method, body);
    return true;
  }

  function handle(x: Exchange, raw: Buffer | undefined): void {
    const { req, entry } = x;
    if (!entry.path.startsWith(`${API_PREFIX}/`)) {
      return respond(x, 404, { message: '404: Not Found', code: 0 });
    }
    const route = entry.path.slice(API_PREFIX.length);
    const method = entry.method;
    if (handleInteractionRoute(x, route, raw)) return;
    const messagesMatch = MESSAGES_PATH.exec(route);
    const messageMatch = MESSAGE_PATH.exec(route);
    const crosspostMatch = CROSSPOST_PATH.exec(route);
    const commandsMatch = COMMANDS_PATH.exec(route);

    let allowed: string[];
    if (messagesMatch) allowed = ['GET', 'POST'];
    else if (messageMatch) allowed = ['GET', 'PATCH', 'DELETE'];
    else if (crosspostMatch) allowed = ['POST'];
    else if (commandsMatch) allowed = ['PUT'];
    else if (route === '/users/@me/channels') allowed = ['POST'];
    else if (route === '/gateway/bot' || route === '/applications/@me' || route === '/users/@me')
      allowed = ['GET'];
    else return respond(x, 404, { message: '404: Not Found', code: 0 });
    if (!allowed.includes(method)) return respond(x, 405, { message: '405: Method Not Allowed', code: 0 });

    if (req.headers.authorization !== `Bot ${token}`) {
      return respond(x, 401, { message: '401: Unauthorized', code: 0 });
    }

    const now = Date.now();
    const globalWait = takeGlobal(now);
    if (globalWait > 0) return respond429(x, globalWait / 1000, 'global');

    const force = forcedFor(entry.path);
    if (force) {
      const { spec } = force;
      let headers: Headers = {};
      if (messagesMatch && routeLimit > 0) {
        headers = routeHeaders(bucketOf(messagesMatch[1] ?? '', now), now);
      } else if (messageMatch && method === 'PATCH' && routeLimit > 0) {
        headers = routeHeaders(bucketOf(`edit:${messageMatch[1] ?? ''}`, now), now, EDIT_BUCKET);
      } else if (crosspostMatch && crosspostLimit > 0) {
        const window = crosspostWindowOf(crosspostMatch[1] ?? '', now);
        headers = routeHeaders(window, now, CROSSPOST_BUCKET, crosspostLimit);
      }
      return respond429(x, spec.retryAfterSeconds, spec.global ? 'global' : (spec.scope ?? 'user'), headers);
    }

    let body: unknown = undefined;
    if (raw && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return respond(x, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
      }
    }

    if (route === '/gateway/bot') {
      return respond(x, 200, {
        url: `ws://127.0.0.1:${port}`,
        shards: options.gateway?.recommendedShards ?? 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
      });
    }
    if (route === '/applications/@me') {
      return respond(x, 200, {
        id: applicationId,
        name: botUsername,
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        ...(teamMembers
          ? {
              owner: {
                id: TEAM_ID,
                username: `team${TEAM_ID}`,
                discriminator: '0000',
                avatar: null,
                flags: 1024,
              },
              team: {
                id: TEAM_ID,
                name: 'VRCPulse team',
                icon: null,
                owner_user_id: teamMembers[0]?.id ?? null,
                members: teamMembers.map((member) => ({
                  // 1 invited, 2 accepted
                  membership_state: member.accepted ? 2 : 1,
                  team_id: TEAM_ID,
                  role: member.role,
                  permissions: ['*'],
                  user: {
                    id: member.id,
                    username: `member${member.id}`,
                    discriminator: '0',
                    global_name: null,
                    avatar: null,
                  },
                })),
              },
            }
          : {
              owner: { id: ownerId, username: 'owner', discriminator: '0', global_name: null, avatar: null },
            }),
        bot: botUser,
      });
    }
    if (route === '/users/@me') return respond(x, 200, botUser);
    if (route === '/users/@me/channels') return createDm(x, body);
    if (commandsMatch) return overwriteCommands(x, commandsMatch[1] ?? '', commandsMatch[2] ?? null, body);
    if (messageMatch) {
      const [, channel = '', message = ''] = messageMatch;
      if (method === 'GET') return getMessage(x, channel, message);
      if (method === 'PATCH') return editMessage(x, channel, message, body);
      return deleteMessageRoute(x, channel, message);
    }
    if (crosspostMatch) return crosspostMessage(x, crosspostMatch[1] ?? '', crosspostMatch[2] ?? '');

    const channelId = messagesMatch?.[1] ?? '';
    if (method === 'GET') return listMessages(x, channelId);
    const delay = delays.get(channelId);
    if (delay) {
      delay.left--;
      if (delay.left <= 0) delays.delete(channelId);
      if (delay.commit === 'after') {
        return later(delay.ms, x.res, () => createMessage(x, channelId, body));
      }
      x.holdMs = delay.ms;
    }
    if (dropLeft > 0) {
      dropLeft--;
      x.drop = true;
    }
    createMessage(x, channelId, body);
  }

  /**
   * GET /channels/{id}/messages?limit=N (1-100, default 50): the channel's newest messages first, as
   * Discord returns them to a bot that may read the channel's history (without their nonce, which
   * only the answer to the creation carries).
   */
  function listMessages(x: Exchange, channelId: string): void {
    const query = new URLSearchParams((x.req.url ?? '').split('?')[1] ?? '');
    const limit = query.has('limit') ? Number(query.get('limit')) : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return respond(x, 400, { message: 'Invalid Form Body', code: 50035 });
    }
    // a channel refusing messages (missing access, unknown channel) refuses to be read too
    const fault = channelFaults.get(channelId);
    if (fault) return respondFault(x, fault.spec);
    const newest = [...(messagesByTarget.get(channelId) ?? [])].reverse().slice(0, limit);
    respond(
      x,
      200,
      newest.map((m) => messageObject(m)),
    );
  }

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const entry: RecordedRequest = {
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      at: Date.now(),
      status: 0,
    };
    logRequest(entry);
    const x: Exchange = { req, res, entry, holdMs: 0 };

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return respond(x, 413, { message: 'Request entity too large', code: 40005 });
      handle(x, chunks.length === 0 ? undefined : Buffer.concat(chunks));
    });
    req.on('error', () => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const gateway = attachFakeGateway(
    server,
    {
      token,
      applicationId,
      ownerId,
      botUser,
      snowflake: () => fakeSnowflake(),
      gatewayUrl: () => `ws://127.0.0.1:${port}`,
      registerInteraction(reg) {
        interactions.set(reg.id, {
          reg,
          acknowledged: false,
          original: undefined,
          followUps: new Map(),
          log: [],
        });
      },
      originalMessage(interactionId) {
        return interactions.get(interactionId)?.original;
      },
    },
    options.gateway,
  );

  function clearFaults(): void {
    channelFaults.clear();
    userSendFaults.clear();
    userDmCreateFaults.clear();
    delays.clear();
    forced.clear();
    dropLeft = 0;
  }

  return {
    apiBaseUrl: `${origin}/api`,
    origin,
    applicationId,
    ownerId,
    messages,
    messagesTo(channelOrUserId) {
      return [...(messagesByTarget.get(channelOrUserId) ?? [])];
    },
    deletedMessages,
    crossposts,
    deleteMessage(channelId, messageId) {
      const message = liveMessage(channelId, messageId);
      if (!message) return false;
      removeMessage(message, Date.now());
      return true;
    },
    setChannelType(channelId, type) {
      if (type === 0) channelTypes.delete(channelId);
      else channelTypes.set(channelId, type);
    },
    dmChannelOf(userId) {
      return dmByUser.get(userId);
    },
    requests,
    commandRegistrations,
    gateway,
    uploadsTo(messageId) {
      return uploads.get(messageId) ?? [];
    },
    interactionResponses(interactionId) {
      const state = interactions.get(interactionId);
      if (!state) throw new Error(`fake Discord: no interaction ${interactionId} was dispatched`);
      const ok = (r: InteractionResponse) => r.status < 400;
      return {
        id: interactionId,
        dispatchedAt: state.reg.at,
        callback: state.log.find((r) => r.kind === 'callback' && ok(r)),
        edits: state.log.filter((r) => r.kind === 'edit' && ok(r)),
        followUps: state.log.filter((r) => r.kind === 'followup' && ok(r)),
        all: [...state.log],
        original: state.original,
        ephemeral: ((state.original?.flags ?? 0) & EPHEMERAL) !== 0,
      };
    },
    get count429Global() {
      return counters.count429Global;
    },
    get count429Route() {
      return counters.count429Route;
    },
    get countInvalid() {
      return counters.countInvalid;
    },
    get dmChannelCreates() {
      return counters.dmChannelCreates;
    },
    get dmChannelCount() {
      return dmByUser.size;
    },
    failChannel(channelId, fault) {
      channelFaults.set(channelId, storeFault(fault));
    },
    failUser(userId, fault) {
      (fault.on === 'dm-create' ? userDmCreateFaults : userSendFaults).set(userId, storeFault(fault));
    },
    dropAnswers(times = Number.POSITIVE_INFINITY) {
      dropLeft = times;
    },
    delayChannel(channelId, ms, delayOptions = {}) {
      delays.set(channelId, {
        ms,
        commit: delayOptions.commit ?? 'before',
        left: delayOptions.times ?? Number.POSITIVE_INFINITY,
      });
    },
    force429(path, spec) {
      const bare = path.split('?')[0] ?? path;
      const full = bare.startsWith(`${API_PREFIX}/`) ? bare : `${API_PREFIX}${bare}`;
      forced.set(full, { spec, left: spec.times ?? 1 });
    },
    clearFaults,
    reset() {
      clearFaults();
      messages.length = 0;
      messagesByTarget.clear();
      liveById.clear();
      deletedMessages.length = 0;
      crossposts.length = 0;
      channelTypes.clear();
      crosspostWindows.clear();
      requests.length = 0;
      counters.count429Global = 0;
      counters.count429Route = 0;
      counters.countInvalid = 0;
      counters.dmChannelCreates = 0;
      dmByUser.clear();
      userByDm.clear();
      commandRegistrations.length = 0;
      commandIds.clear();
      nonces.clear();
      interactions.clear();
      uploads.clear();
      globalRing = [];
      globalHead = 0;
      buckets.clear();
    },
    async close() {
      await gateway.close();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
