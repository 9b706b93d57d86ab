/**
 * Delivers one alert to a list of recipients through Discord REST, exactly once per
 * (recipient, alert_type, reference_id):
 *  - a recipient with a sent_alerts row is skipped;
 *  - each message carries a deterministic nonce with enforce_nonce, so a send repeated after a crash
 *    (sent, but the row not yet written) returns Discord's existing message instead of a second one;
 *  - the sent_alerts row is written right after Discord accepted the message.
 * Errors that will not heal (unknown channel, missing access or permissions, DMs closed) are final
 * for the recipient; other failures are handed back for a later retry.
 */
import type { REST } from '@discordjs/rest';
import type { PublishLimit } from '../discord/publish-limit';
import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { Routes } from 'discord-api-types/v10';
import { DeliveryFailure, GuildConfig, SentAlert, UserConfig } from '../db/entities';
import type { AlertContent } from '../contracts/alert-content';
import type { APIEmbed } from 'discord-api-types/v10';
import { buildAlertEmbed } from './embeds';
import {
  crosspostMessage,
  editMessage,
  finalRefusal,
  isDiscordError,
  messageNonce,
  postMessage,
  STRIKES_BEFORE_SWITCH_OFF,
  UNKNOWN_MESSAGE,
} from '../discord/send';
import { replyEmbed, subjectEmbed } from './lifecycle/embeds';
import { readSubjectMessages } from './lifecycle/messages';
import { alertSubject, lifecycleStep, type SubjectMessage } from './lifecycle/subject';
import {
  alertPriority,
  asUrgentDelivery,
  waitForUrgentDeliveries,
  withRequestPriority,
} from '../discord/priority';
import {
  alertMarker,
  countPending,
  dropPending,
  findPosted,
  NONCE_TRUST_MS,
  notePending,
  type PendingPost,
  type PostedDigest,
  type PostingKind,
  readPending,
  recordDelivered,
  subjectMarker,
  withMarker,
} from './unknown-outcomes';
import { type Language, resolveLanguage } from '../i18n';
import { mentionedRole, passesFilter } from '../contracts/preferences';
import {
  type DigestItem,
  type DigestSettings,
  digestSettings,
  foldsIntoDigest,
  withItem,
} from '../contracts/digest';
import { digestEmbed, digestItem, readActiveDigest, recentAlertCount } from './digest';
import { readBotConfig } from '../db/settings';
import type { Logger } from '../logger';
import { type Recipient, recipientKey } from '../contracts/alerts';
import type { DisabledReason } from '../contracts/commands';

export interface DeliveryDeps {
  orm: MikroORM;
  rest: REST;
  /** Channels whose hourly publishing budget is spent (absent: ask Discord every time). */
  publishLimit?: PublishLimit;
  logger: Logger;
  /** How long a repeated post is left to Discord's nonce (NONCE_TRUST_MS; tests shorten it). */
  nonceTrustMs?: number;
}

export interface FailedRecipient {
  recipient: string;
  code: number | null;
  reason: string;
  disabled: boolean;
}

export interface DeliveryOutcome {
  delivered: number;
  alreadySent: number;
  failed: FailedRecipient[];
  /** Recipients that hit a transient error (5xx, timeout, network): try again later. */
  retryLater: Recipient[];
  /** Sends of this alert (to anyone) whose outcome is unknown after this delivery (absent in earlier releases). */
  unknownOutcome?: number;
  /** Recipients that chose not to get this kind of alert (`/config alerts`); absent in earlier releases. */
  filtered?: number;
}

/** The nonce of one alert to one recipient: the same on every attempt, in every run. */
export function deliveryNonce(
  content: Pick<AlertContent, 'type' | 'referenceId'>,
  recipient: Recipient,
): string {
  return messageNonce(content.type, content.referenceId, recipientKey(recipient));
}

/** The nonce of the subject's message (lifecycle style) that one alert posts to one recipient. */
export function subjectNonce(
  content: Pick<AlertContent, 'type' | 'referenceId'>,
  recipient: Recipient,
): string {
  return messageNonce('subject', content.type, content.referenceId, recipientKey(recipient));
}

/**
 * Sends in flight at once per page. At 49 requests a second each has 16 x 20 ms = 330 ms to come
 * back before the pace would wait for it: Discord answers a message in 100-300 ms; with 8 the
 * pace fell short whenever answers took over 160 ms.
 */
const CONCURRENT_SENDS = 16;

export async function deliverAlert(
  deps: DeliveryDeps,
  content: AlertContent,
  recipients: Recipient[],
  options: {
    concurrency?: number;
    onProgress?: () => void;
    /**
     * After this many transient failures in a row with no success, Discord is taken to be
     * unreachable: the recipients not tried yet are handed back untried, for a later retry.
     */
    stopAfterTransient?: number;
  } = {},
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = {
    delivered: 0,
    alreadySent: 0,
    failed: [],
    retryLater: [],
    unknownOutcome: 0,
    filtered: 0,
  };
  // what a recipient chose not to hear costs no request and is not recorded as sent
  const heard = await heardOfIncident(deps.orm, content, recipients);
  const wanted = recipients.filter((r) => passesFilter(r.filter, content, heard.has(recipientKey(r))));
  outcome.filtered = recipients.length - wanted.length;
  const sent = await alreadySent(deps.orm, content, wanted);
  const pending = wanted.filter((r) => !sent.has(recipientKey(r)));
  outcome.alreadySent = wanted.length - pending.length;
  const striking = await guildsWithStreak(deps.orm, pending);
  const inDoubt = await readPending(deps.orm, content, pending);

  const subject = alertSubject(content);
  const subjectMessages = subject ? await readSubjectMessages(deps.orm, subject, pending) : new Map();
  const storm = digestSettings(await readBotConfig(deps.orm.em.fork()));
  const render = renderer(content);
  let next = 0;
  let transientInARow = 0;
  const unreachable = () =>
    options.stopAfterTransient !== undefined && transientInARow >= options.stopAfterTransient;
  const urgent = alertPriority(content.type) === 'urgent';
  const worker = async () => {
    while (next < pending.length && !unreachable()) {
      // an official alert being delivered goes first (see asUrgentDelivery)
      if (!urgent) await waitForUrgentDeliveries();
      if (next >= pending.length) break;
      const recipient = pending[next++]!;
      // one delivery at a time per recipient in this process: whether it folds into the storm
      // digest, and the digest's edits, see every alert that went to it before
      const result = await oneAtATime(recipientKey(recipient), () =>
        deliverOne(deps, content, recipient, render, {
          pending: inDoubt.get(recipientKey(recipient)),
          subjectMessage: subjectMessages.get(recipientKey(recipient)),
          storm: { settings: storm, windowMs: storm.windowMinutes * 60_000 },
        }),
      );
      transientInARow = result === 'retry' ? transientInARow + 1 : 0;
      // the channel works again: its count of refusals starts over
      if (result === 'delivered' && striking.has(recipient.id)) await clearStreak(deps.orm, recipient.id);
      if (result === 'delivered') outcome.delivered++;
      else if (result === 'retry') outcome.retryLater.push(recipient);
      else outcome.failed.push(result);
      options.onProgress?.();
    }
  };
  const workers = () =>
    Promise.all(
      Array.from({ length: Math.min(options.concurrency ?? CONCURRENT_SENDS, pending.length) }, worker),
    );
  if (urgent) await asUrgentDelivery(workers);
  else await withRequestPriority('normal', workers);
  // not tried: a dead Discord would only fail them too (and spend its invalid-request budget)
  outcome.retryLater.push(...pending.slice(next));
  outcome.unknownOutcome = await countPending(deps.orm, content);
  return outcome;
}

/**
 * The query behind `alreadySent`: by alert (idx_sent_alerts_alert), then the page's recipients.
 * Exported so a test can check SQLite's plan for it.
 */
export function alreadySentQuery(
  em: EntityManager,
  content: Pick<AlertContent, 'type' | 'referenceId'>,
  recipients: Recipient[],
) {
  const guildIds = recipients.filter((r) => r.kind === 'guild').map((r) => r.id);
  const userIds = recipients.filter((r) => r.kind === 'user').map((r) => r.id);
  return em
    .createQueryBuilder(SentAlert)
    .select(['id', 'guildId', 'userId'])
    .where({
      alertType: content.type,
      referenceId: content.referenceId,
      $or: [{ guildId: { $in: guildIds } }, { userId: { $in: userIds } }],
    });
}

async function alreadySent(
  orm: MikroORM,
  content: Pick<AlertContent, 'type' | 'referenceId'>,
  recipients: Recipient[],
): Promise<Set<string>> {
  if (recipients.length === 0) return new Set();
  const rows = await alreadySentQuery(orm.em.fork(), content, recipients).getResultList();
  return new Set(rows.map((row) => (row.guildId ? `guild:${row.guildId}` : `user:${row.userId}`)));
}

type OneResult = 'delivered' | 'retry' | FailedRecipient;

/** The alert's embeds, each built once per language and kind, with the marker that finds it again. */
function renderer(content: AlertContent) {
  const built = new Map<string, APIEmbed>();
  const alert = alertMarker(content);
  const subject = alertSubject(content);
  const once = (key: string, build: () => APIEmbed) => {
    if (!built.has(key)) built.set(key, build());
    return built.get(key)!;
  };
  return {
    /** The alert as a message of its own (separate style, alerts without a subject). */
    alone: (language: Language) =>
      once(`alone:${language}`, () => withMarker(buildAlertEmbed(content, language), alert)),
    /** The subject's message: its current state, with the subject's marker. */
    subject: (language: Language) =>
      once(`subject:${language}`, () => withMarker(subjectEmbed(content, language), subjectMarker(subject!))),
    /** The reply that announces this alert under the subject's message. */
    reply: (language: Language) =>
      once(`reply:${language}`, () => withMarker(replyEmbed(content, language), alert)),
  };
}
type Renderer = ReturnType<typeof renderer>;

/** The message one delivery posts: what, with which nonce, and the marker that finds it after a lost answer. */
interface Posting {
  kind: PostingKind;
  embed: APIEmbed;
  nonce: string;
  marker: string;
  replyTo?: string;
}

async function deliverOne(
  deps: DeliveryDeps,
  content: AlertContent,
  recipient: Recipient,
  render: Renderer,
  earlier: {
    /** A try of this alert to this recipient whose outcome is unknown. */
    pending: PendingPost | undefined;
    subjectMessage: SubjectMessage | undefined;
    /** The storm digest's thresholds (absent: never fold). */
    storm?: { settings: DigestSettings; windowMs: number };
  },
): Promise<OneResult> {
  const language = resolveLanguage(recipient.language, recipient.locale);
  try {
    let channelId = recipient.kind === 'guild' ? recipient.channelId : await dmChannel(deps, recipient);
    // A user's DM channel is theirs whatever its id; a server's is the one registered now.
    let step = lifecycleStep(
      content,
      recipient.style,
      recipient.kind === 'guild' ? recipient.channelId : null,
      earlier.subjectMessage,
    );
    if (step.kind === 'edit-and-reply') {
      const { message } = step;
      try {
        await editMessage(deps.rest, message.channelId, message.messageId, {
          embeds: [render.subject(language)],
        });
      } catch (err) {
        // a user's DM channel that no longer exists is opened again by the post below
        if (!messageGone(err, recipient)) throw err;
        deps.logger.info(
          { recipient: recipientKey(recipient), subject: step.subject },
          "the subject's message was deleted; posting a new one",
        );
        step = { kind: 'post-subject', subject: step.subject };
      }
    }
    const now = Date.now();
    // a storm: the alert folds into the recipient's digest (the subject's message, if any, was
    // still brought up to date above; what the digest spares is the notification)
    const storm = earlier.storm;
    const folded = (await foldsNow(deps, content, recipient, earlier.pending, storm, now))
      ? digestItem(content, language, new Date(now))
      : null;
    // a try in doubt posted a digest of its own: repeat that post (its nonce finds it), never fold
    // it into another digest as well
    if (folded && storm && !earlier.pending) {
      const sinceMs = now - storm.windowMs;
      if (await editActiveDigest(deps, content, recipient, channelId, language, folded, sinceMs))
        return 'delivered';
    }
    const digestPosted = (messageId: string): PostedDigest | undefined =>
      folded ? { channelId, messageId, items: [folded], startedAt: new Date(now) } : undefined;
    const posting: Posting = folded
      ? {
          kind: 'digest',
          // the alert's own nonce and marker, as its own message would have
          embed: withMarker(digestEmbed([folded], language), alertMarker(content)),
          nonce: deliveryNonce(content, recipient),
          marker: alertMarker(content),
        }
      : step.kind === 'post-subject'
        ? {
            kind: 'subject',
            embed: render.subject(language),
            nonce: subjectNonce(content, recipient),
            marker: subjectMarker(step.subject),
          }
        : {
            kind: step.kind === 'edit-and-reply' ? 'reply' : 'alone',
            embed: step.kind === 'edit-and-reply' ? render.reply(language) : render.alone(language),
            nonce: deliveryNonce(content, recipient),
            marker: alertMarker(content),
            ...(step.kind === 'edit-and-reply' ? { replyTo: step.message.messageId } : {}),
          };
    const subjectPosted = (messageId: string) =>
      step.kind === 'post-subject' && !folded ? { subject: step.subject, channelId, messageId } : undefined;

    if (earlier.pending === undefined)
      await notePending(deps.orm, content, recipient, new Date(now), posting.kind);
    else if (now - earlier.pending.since >= (deps.nonceTrustMs ?? NONCE_TRUST_MS)) {
      // Discord may have forgotten the nonce: look before posting again
      const posted = await findPosted(deps.rest, channelId, posting.marker);
      if (typeof posted === 'object') {
        if (recipient.kind === 'guild' && recipient.announcement)
          await publish(deps, recipient, posted.found);
        await recordDelivered(
          deps.orm,
          content,
          recipient,
          subjectPosted(posted.found),
          digestPosted(posted.found),
        );
        deps.logger.info(
          { recipient: recipientKey(recipient), alert: content.referenceId },
          'alert found already posted after a lost answer; recorded without posting again',
        );
        return 'delivered';
      }
      if (posted === 'unreadable')
        deps.logger.warn(
          { recipient: recipientKey(recipient), alert: content.referenceId },
          'cannot read the channel to look for a message whose answer was lost; posting again',
        );
    }
    const pingRole = recipient.kind === 'guild' && !folded ? mentionedRole(recipient.mention, content) : null;
    const message = {
      embeds: [posting.embed],
      nonce: posting.nonce,
      ...(posting.replyTo ? { replyTo: posting.replyTo } : {}),
      ...(pingRole ? { pingRole } : {}),
    };
    let messageId: string;
    try {
      ({ messageId } = await postMessage(deps.rest, channelId, message));
    } catch (err) {
      // A cached DM channel that no longer exists: open a fresh one once and send again.
      if (recipient.kind !== 'user' || !isDiscordError(err, 10003) || !recipient.dmChannelId) throw err;
      channelId = await dmChannel(deps, { ...recipient, dmChannelId: null });
      ({ messageId } = await postMessage(deps.rest, channelId, message));
    }
    // published before it is recorded: a repeat after a crash finds it published (and goes on)
    if (recipient.kind === 'guild' && recipient.announcement) await publish(deps, recipient, messageId);
    await recordDelivered(deps.orm, content, recipient, subjectPosted(messageId), digestPosted(messageId));
    return 'delivered';
  } catch (err) {
    const refusal = finalRefusal(err);
    if (refusal) {
      // refused for good: no message exists, nothing is unknown; the history says why
      await dropPending(deps.orm, content, recipient);
      await noteFailure(deps.orm, content, recipient, refusal);
      let disabled = refusal.disablesRecipient;
      if (disabled) await disableRecipient(deps.orm, recipient, disabledReasonOf(refusal.code));
      // a refused test counts no strike: an admin checking a fix must not switch alerts off
      else if (refusal.strikes && recipient.kind === 'guild' && content.type !== 'test')
        disabled = await strike(deps.orm, recipient.id, disabledReasonOf(refusal.code));
      deps.logger.warn(
        {
          recipient: recipientKey(recipient),
          code: refusal.code,
          disabled,
          alert: content.referenceId,
        },
        `alert not deliverable: ${refusal.reason}`,
      );
      return { recipient: recipientKey(recipient), code: refusal.code, reason: refusal.reason, disabled };
    }
    deps.logger.warn(
      { recipient: recipientKey(recipient), err: describe(err) },
      'alert delivery failed; will retry',
    );
    return 'retry';
  }
}

/**
 * Of `recipients` with a minimum impact, those who already got the incident an update or resolution
 * is about (its first alert, or its message in the lifecycle style): one or two reads per page, and
 * none unless someone on the page set a minimum.
 */
async function heardOfIncident(
  orm: MikroORM,
  content: AlertContent,
  recipients: Recipient[],
): Promise<Set<string>> {
  if (content.type !== 'incident_update' && content.type !== 'incident_resolved') return new Set();
  const filtering = recipients.filter((r) => r.filter && r.filter.minImpact !== 'none');
  if (filtering.length === 0) return new Set();
  const incident = { type: 'incident' as const, referenceId: content.incidentId };
  const got = await alreadySent(orm, incident, filtering);
  const messages = await readSubjectMessages(orm, `incident:${content.incidentId}`, filtering);
  return new Set([...got, ...messages.keys()]);
}

/** An edit found its message deleted, or (DMs) the whole channel gone: the post that follows replaces it. */
const messageGone = (err: unknown, recipient: Recipient): boolean =>
  isDiscordError(err, UNKNOWN_MESSAGE) || (recipient.kind === 'user' && isDiscordError(err, 10003));

/**
 * Folds `item` into the recipient's digest if one is running in `channelId` (updated since
 * `sinceMs`): the digest edited, the alert recorded with it. False when there is none (or it was
 * deleted): the caller posts a new digest.
 */
async function editActiveDigest(
  deps: DeliveryDeps,
  content: AlertContent,
  recipient: Recipient,
  channelId: string,
  language: Language,
  item: DigestItem,
  sinceMs: number,
): Promise<boolean> {
  const active = await readActiveDigest(deps.orm, recipient, channelId, sinceMs);
  if (!active) return false;
  const items = withItem(active.items, item);
  try {
    await editMessage(deps.rest, channelId, active.messageId, { embeds: [digestEmbed(items, language)] });
  } catch (err) {
    if (messageGone(err, recipient)) return false;
    throw err;
  }
  await recordDelivered(deps.orm, content, recipient, undefined, { ...active, items });
  return true;
}

/**
 * Whether this delivery folds into the recipient's storm digest. A try in doubt is repeated as it
 * was (what it posted is noted with it); otherwise the recipient's alerts of the last window decide.
 */
async function foldsNow(
  deps: DeliveryDeps,
  content: AlertContent,
  recipient: Recipient,
  pending: PendingPost | undefined,
  storm: { settings: DigestSettings; windowMs: number } | undefined,
  nowMs: number,
): Promise<boolean> {
  if (pending?.posting) return pending.posting === 'digest';
  if (!storm) return false;
  const recent = await recentAlertCount(deps.orm, recipient, nowMs - storm.windowMs);
  return foldsIntoDigest(content, recent, storm.settings);
}

/** Deliveries running per recipient in this process, chained (see deliverAlert). */
const running = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = running.get(key) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  running.set(key, mine);
  try {
    return await mine;
  } finally {
    if (running.get(key) === mine) running.delete(key);
  }
}

/** Records a refusal for the recipient's delivery history (once per alert: a repeat changes nothing). */
async function noteFailure(
  orm: MikroORM,
  content: AlertContent,
  recipient: Recipient,
  refusal: { code: number; reason: string },
): Promise<void> {
  await orm.em
    .fork()
    .createQueryBuilder(DeliveryFailure)
    .insert({
      recipient: recipientKey(recipient),
      alertType: content.type,
      referenceId: content.referenceId,
      code: refusal.code,
      reason: refusal.reason,
      failedAt: new Date(),
    })
    .onConflict(['recipient', 'alertType', 'referenceId'])
    .ignore()
    .execute();
}

/**
 * Publishes a message in an announcement channel to the servers that follow it. Best effort: the
 * message is delivered whatever happens here, so a refusal (the hourly limit, a missing permission)
 * is logged, not retried.
 */
async function publish(
  deps: DeliveryDeps,
  recipient: Extract<Recipient, { kind: 'guild' }>,
  messageId: string,
): Promise<void> {
  if (deps.publishLimit?.spent(recipient.channelId)) {
    deps.logger.info(
      { recipient: recipientKey(recipient), channel: recipient.channelId },
      "not published to following servers: the channel's hourly limit is reached",
    );
    return;
  }
  try {
    await crosspostMessage(deps.rest, recipient.channelId, messageId);
  } catch (err) {
    deps.logger.warn(
      { recipient: recipientKey(recipient), channel: recipient.channelId, err: describe(err) },
      'could not publish the alert to following servers',
    );
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** The user's DM channel: cached in user_configs.dm_channel_id, opened (one request) when missing. */
async function dmChannel(deps: DeliveryDeps, user: Extract<Recipient, { kind: 'user' }>): Promise<string> {
  if (user.dmChannelId) return user.dmChannelId;
  const channel = (await deps.rest.post(Routes.userChannels(), { body: { recipient_id: user.id } })) as {
    id: string;
  };
  await deps.orm.em.fork().nativeUpdate(UserConfig, { userId: user.id }, { dmChannelId: channel.id });
  return channel.id;
}

async function disableRecipient(orm: MikroORM, recipient: Recipient, reason: DisabledReason): Promise<void> {
  const em = orm.em.fork();
  if (recipient.kind === 'guild')
    await em.nativeUpdate(GuildConfig, { guildId: recipient.id }, { enabled: false, disabledReason: reason });
  else await em.nativeUpdate(UserConfig, { userId: recipient.id }, { enabled: false, dmChannelId: null });
}

const disabledReasonOf = (code: number): DisabledReason =>
  code === 10003
    ? 'unknown_channel'
    : code === 50001
      ? 'missing_access'
      : code === 50013
        ? 'missing_permissions'
        : 'unreachable';

/**
 * One more alert the server's channel refused; at STRIKES_BEFORE_SWITCH_OFF in a row the
 * registration goes off with the reason kept for `/config show`. Atomic in SQL, so concurrent
 * fan-outs count every refusal. Resolves with whether it went off now.
 */
async function strike(orm: MikroORM, guildId: string, reason: DisabledReason): Promise<boolean> {
  const connection = orm.em.getConnection();
  await connection.execute(
    'update guild_configs set failure_streak = failure_streak + 1 where guild_id = ?',
    [guildId],
  );
  const result: { affectedRows: number } = (await connection.execute(
    `update guild_configs set enabled = 0, disabled_reason = ?, updated_at = ?
     where guild_id = ? and enabled = 1 and failure_streak >= ?`,
    [reason, Date.now(), guildId, STRIKES_BEFORE_SWITCH_OFF],
    'run',
  )) as never;
  return result.affectedRows > 0;
}

/** The servers among `recipients` whose channel has refused alerts lately (one read per page). */
async function guildsWithStreak(orm: MikroORM, recipients: Recipient[]): Promise<Set<string>> {
  const guildIds = recipients.filter((r) => r.kind === 'guild').map((r) => r.id);
  if (guildIds.length === 0) return new Set();
  const rows = await orm.em
    .fork()
    .find(GuildConfig, { guildId: { $in: guildIds }, failureStreak: { $gt: 0 } }, { fields: ['guildId'] });
  return new Set(rows.map((row) => row.guildId));
}

/** A delivery went through: the channel works, its count of refusals starts again. */
async function clearStreak(orm: MikroORM, guildId: string): Promise<void> {
  await orm.em
    .getConnection()
    .execute('update guild_configs set failure_streak = 0 where guild_id = ? and failure_streak > 0', [
      guildId,
    ]);
}
