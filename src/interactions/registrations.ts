/**
 * Registrations: a server's alert channel (guild_configs) or a user's DM alerts (user_configs).
 * Unregistering is a soft delete (`enabled = false`), so the history and the previous settings stay.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { AlertChannel, AlertPreference, GuildConfig, UserConfig } from '../db/entities/index';
import { type AlertStyle, DEFAULT_ALERT_STYLE } from '../contracts/alerts';
import {
  ALERT_KINDS,
  type AlertKind,
  DEFAULT_ALERT_FILTER,
  type Impact,
  preferencesOf,
} from '../contracts/preferences';
import type {
  CommandAnswer,
  DisabledReason,
  FilterView,
  RegistrationTarget,
  RegistrationView,
} from '../contracts/commands';
import type { Language } from '../contracts/languages';

type Row = GuildConfig | UserConfig;

async function findRow(em: EntityManager, recipient: RegistrationTarget): Promise<Row | null> {
  return recipient.kind === 'guild'
    ? em.findOne(GuildConfig, { guildId: recipient.guildId })
    : em.findOne(UserConfig, { userId: recipient.userId });
}

export function viewOf(row: Row): RegistrationView {
  return {
    enabled: row.enabled,
    channelId: row instanceof GuildConfig ? (row.channelId ?? null) : null,
    language: row.language ?? null,
    disabledReason:
      row instanceof GuildConfig ? ((row.disabledReason as DisabledReason | null) ?? null) : null,
  };
}

/** The registration as it stands, for `/config show` and the reply language. */
export async function readRegistration(
  em: EntityManager,
  recipient: RegistrationTarget,
): Promise<RegistrationView | null> {
  const row = await findRow(em, recipient);
  if (!row) return null;
  const preference = await em.findOne(AlertPreference, { recipient: preferenceKey(recipient) });
  return { ...viewOf(row), ...preferenceView(preference) };
}

/** What `/config show` tells of a preferences row (none: the defaults). */
function preferenceView(
  row: AlertPreference | null,
): Pick<RegistrationView, 'style' | 'filter' | 'mention' | 'mentionRoleDeleted'> {
  const chosen = row ? preferencesOf(row) : {};
  const off = chosen.filter?.off ?? [];
  return {
    style: chosen.style ?? DEFAULT_ALERT_STYLE,
    filter: {
      kinds: Object.fromEntries(
        ALERT_KINDS.map((kind) => [kind, !off.includes(kind)]),
      ) as FilterView['kinds'],
      minImpact: chosen.filter?.minImpact ?? DEFAULT_ALERT_FILTER.minImpact,
    },
    mention: chosen.mention ?? null,
    mentionRoleDeleted: row?.mentionRoleDeleted ?? null,
  };
}

const preferenceKey = (recipient: RegistrationTarget): string =>
  recipient.kind === 'guild' ? `guild:${recipient.guildId}` : `user:${recipient.userId}`;

/** The recipient's preferences row, created with the defaults when it has none. */
async function preferenceRow(em: EntityManager, recipient: RegistrationTarget): Promise<AlertPreference> {
  const key = preferenceKey(recipient);
  await em
    .createQueryBuilder(AlertPreference)
    .insert({ recipient: key, updatedAt: new Date() })
    .onConflict('recipient')
    .ignore()
    .execute();
  return em.findOneOrFail(AlertPreference, { recipient: key });
}

/**
 * `/config alerts`: switches the kinds given on or off and sets the minimum impact when given; what
 * is left out stays. A setting of the registration, like the language: it needs one.
 */
export async function setAlertFilter(
  em: EntityManager,
  recipient: RegistrationTarget,
  kinds: Partial<Record<AlertKind, boolean>>,
  minImpact: Impact | null,
): Promise<CommandAnswer> {
  if (!(await findRow(em, recipient))) return { status: 'not_registered' };
  const row = await preferenceRow(em, recipient);
  for (const kind of ALERT_KINDS) if (kinds[kind] !== undefined) row[kind] = kinds[kind];
  if (minImpact !== null) row.minImpact = minImpact;
  row.updatedAt = new Date();
  await em.flush();
  return { status: 'filter_set', filter: preferenceView(row).filter! };
}

/** `/config mention` (servers): the role pinged for new incidents of at least `minImpact`, or none. */
export async function setMention(
  em: EntityManager,
  recipient: RegistrationTarget,
  roleId: string | null,
  minImpact: Impact,
  maintenance: boolean,
): Promise<CommandAnswer> {
  if (!(await findRow(em, recipient))) return { status: 'not_registered' };
  const row = await preferenceRow(em, recipient);
  row.mentionRoleId = roleId;
  row.mentionMinImpact = minImpact;
  row.mentionMaintenance = roleId !== null && maintenance;
  row.mentionRoleDeleted = null;
  row.updatedAt = new Date();
  await em.flush();
  return { status: 'mention_set', mention: preferenceView(row).mention ?? null };
}

/**
 * The role to ping no longer exists in Discord: it is cleared (a ping of a deleted role reaches
 * nobody) and remembered, so `/config show` can say so until the admin picks another. Only the role
 * that was deleted: a newer choice made meanwhile stays.
 */
export async function clearDeletedMention(
  em: EntityManager,
  recipient: RegistrationTarget,
  roleId: string,
): Promise<CommandAnswer> {
  const row = await em.findOne(AlertPreference, { recipient: preferenceKey(recipient) });
  if (row?.mentionRoleId === roleId) {
    row.mentionRoleId = null;
    row.mentionMaintenance = false;
    row.mentionRoleDeleted = roleId;
    row.updatedAt = new Date();
    await em.flush();
  }
  return { status: 'mention_cleared' };
}

/** Creates, re-enables or moves a registration; the language setting is kept. */
export async function register(
  em: EntityManager,
  recipient: RegistrationTarget,
  channelId: string | null,
  locale: string | null,
  announcement?: boolean,
): Promise<CommandAnswer> {
  if (channelId !== null && announcement !== undefined) {
    await em
      .createQueryBuilder(AlertChannel)
      .insert({ channelId, announcement, updatedAt: new Date() })
      .onConflict('channelId')
      .merge(['announcement', 'updatedAt'])
      .execute();
  }
  const row = await findRow(em, recipient);
  const previous = row ? viewOf(row) : null;
  if (row) {
    row.enabled = true;
    if (row instanceof GuildConfig) {
      row.channelId = channelId;
      // set up again: whatever broke the channel is taken as fixed
      row.failureStreak = 0;
      row.disabledReason = null;
    }
    if (locale) row.locale = locale;
    await em.flush();
    return { status: 'registered', previous, current: viewOf(row) };
  }
  const created =
    recipient.kind === 'guild'
      ? em.create(GuildConfig, { guildId: recipient.guildId, channelId, enabled: true, locale })
      : em.create(UserConfig, { userId: recipient.userId, enabled: true, locale });
  await em.flush();
  return { status: 'registered', previous: null, current: viewOf(created) };
}

/**
 * Turns alerts off. Unregistering what is already off answers the same as the first time, so a
 * retried activity or a second press of the confirm button tells the truth: alerts are off.
 */
export async function unregister(em: EntityManager, recipient: RegistrationTarget): Promise<CommandAnswer> {
  const row = await findRow(em, recipient);
  if (!row) return { status: 'not_registered' };
  const previous = { ...viewOf(row), enabled: true };
  if (row.enabled) {
    row.enabled = false;
    if (row instanceof GuildConfig) row.disabledReason = null; // the admin's choice, not a breakage
    await em.flush();
  }
  return { status: 'unregistered', previous };
}

/**
 * Sets the language of replies and alerts (null = follow the Discord locale). Needs a registration:
 * it is a setting of the registration, and a disabled one keeps it for when alerts are turned on again.
 */
export async function setLanguage(
  em: EntityManager,
  recipient: RegistrationTarget,
  language: Language | null,
  locale: string | null,
  orCreate = false,
): Promise<CommandAnswer> {
  let row = await findRow(em, recipient);
  if (!row && orCreate && recipient.kind === 'guild') {
    // not set up yet: the language waits for /config setup, which keeps it (alerts stay off until then)
    row = em.create(GuildConfig, { guildId: recipient.guildId, channelId: null, enabled: false, locale });
  }
  if (!row) return { status: 'not_registered' };
  row.language = language;
  if (locale) row.locale = locale;
  await em.flush();
  return { status: 'language_set', current: viewOf(row) };
}

/**
 * How incidents and maintenances reach this recipient (ALERT_STYLES). Like the language, a setting of
 * the registration: it needs one, and a disabled one keeps it.
 */
export async function setStyle(
  em: EntityManager,
  recipient: RegistrationTarget,
  style: AlertStyle,
): Promise<CommandAnswer> {
  const row = await findRow(em, recipient);
  if (!row) return { status: 'not_registered' };
  const key = recipient.kind === 'guild' ? `guild:${recipient.guildId}` : `user:${recipient.userId}`;
  await em
    .createQueryBuilder(AlertPreference)
    .insert({ recipient: key, style, updatedAt: new Date() })
    .onConflict('recipient')
    .merge(['style', 'updatedAt'])
    .execute();
  return { status: 'style_set', style };
}

/** Records a new Discord locale for a registration (the one `language = NULL` follows). */
export async function updateLocale(
  em: EntityManager,
  recipient: RegistrationTarget,
  locale: string,
): Promise<CommandAnswer> {
  const row = await findRow(em, recipient);
  if (!row) return { status: 'not_registered' };
  if (row.locale !== locale) {
    row.locale = locale;
    await em.flush();
  }
  return { status: 'locale_updated' };
}
