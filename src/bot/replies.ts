/** The bot's reply texts and embeds (pure): every answer a command can give, in one language. */
import { channelMention as mention, roleMention, subtext } from '@discordjs/formatters';
import {
  discordTimestamp,
  type DiscordEmbed,
  EMBED_COLORS,
  fitEmbed,
  formatNumber,
  PLACEHOLDER,
} from '../discord/presentation';
import { type Language, MESSAGES, plural, resolveLanguage, t } from '../i18n';
import type { CommandAnswer, FilterView, RegistrationView, SettingChange } from '../contracts/commands';
import { ALERT_KINDS, type RoleMention } from '../contracts/preferences';
import { POLL_SOURCES } from '../contracts/polling';
import type { AdminStatus } from './admin-status';
import type { HistoryEntry } from '../alerts/history';
import type { ReportAnswer, ReportProgress } from '../contracts/reports';
import { type SettingKey, SETTING_KEYS, SETTINGS, type SettingRule } from '../contracts/settings';

export const channelMention = (channelId: string | null): string =>
  channelId ? mention(channelId) : PLACEHOLDER;

const languageName = (language: Language, of: Language) => MESSAGES[language][`language.${of}`];

export function reportReply(language: Language, answer: ReportAnswer): string {
  switch (answer.status) {
    case 'accepted': {
      const window = formatNumber(language, answer.windowMinutes);
      const n = answer.othersCount;
      const others =
        n === 0
          ? t(language, 'reply.report.noOthers', { window })
          : plural(language, 'reply.report.others', n, { count: formatNumber(language, n), window });
      const type = MESSAGES[language][`reportType.${answer.type}`];
      const lines = [t(language, 'reply.report.accepted', { type }), others];
      if (answer.progress) lines.push(progressLine(language, answer.progress));
      return lines.join('\n');
    }
    case 'cooldown': {
      // Rounded up: the reply must not promise a time before the cooldown ends.
      const time = discordTimestamp(answer.retryAt, 'R', 'up') ?? t(language, 'value.unknownTime');
      return t(language, 'error.cooldown', { time });
    }
    case 'not_registered':
      return t(
        language,
        answer.context === 'guild' ? 'error.notRegistered.guild' : 'error.notRegistered.user',
      );
  }
}

/** How far the report's type is from an alert. */
function progressLine(language: Language, p: ReportProgress): string {
  if (p.alert === 'started') return t(language, 'reply.report.alertStarted');
  if (p.alert === 'limited') return t(language, 'reply.report.alertLimited');
  const vars = {
    threshold: formatNumber(language, p.threshold),
    players: plural(language, 'value.players', p.voices, { count: formatNumber(language, p.voices) }),
    minSources: formatNumber(language, p.minSources),
    places: plural(language, 'value.places', p.sources, { count: formatNumber(language, p.sources) }),
  };
  return t(language, p.minSources > 1 ? 'reply.report.progress.sources' : 'reply.report.progress', vars);
}

/** Discord's limit for a field's value. */
const FIELD_VALUE_MAX = 1024;
const HISTORY_TITLE_MAX = 40;

/** The delivery history, newest first, one line per alert (the oldest lines go if they do not fit). */
export function historyLines(language: Language, history: HistoryEntry[]): string {
  if (history.length === 0) return t(language, 'value.history.none');
  const lines = history.map((entry) => {
    const title = entry.title ? oneLine(entry.title) : null;
    const what = [
      t(language, `alertType.${entry.type}`),
      ...(title
        ? [title.length > HISTORY_TITLE_MAX ? `${title.slice(0, HISTORY_TITLE_MAX - 1)}…` : title]
        : []),
    ].join(' · ');
    const outcome = entry.delivered
      ? t(language, 'value.history.delivered')
      : t(language, 'value.history.failed', { reason: refusalText(language, entry.code) });
    return `${discordTimestamp(entry.at, 'R') ?? entry.at} · ${what} · ${outcome}`;
  });
  while (lines.length > 1 && lines.join('\n').length > FIELD_VALUE_MAX) lines.pop();
  return lines.join('\n');
}

const REFUSALS = [10003, 50001, 50013, 50007, 50278] as const;

/** Discord's refusal in words the reader knows. */
export function refusalText(language: Language, code: number | null): string {
  const known = REFUSALS.find((refusal) => refusal === code);
  return known === undefined ? t(language, 'refusal.other') : t(language, `refusal.${known}`);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The kinds a recipient gets, e.g. "Incidents (Major and critical), Maintenances, Metrics". */
export function kindsList(language: Language, filter: FilterView): string {
  const on = ALERT_KINDS.filter((kind) => filter.kinds[kind]).map((kind) =>
    kind === 'incidents' && filter.minImpact !== 'none'
      ? t(language, 'value.kind.incidents.from', { impact: t(language, `minImpact.${filter.minImpact}`) })
      : t(language, `value.kind.${kind}`),
  );
  return on.length > 0 ? on.join(', ') : t(language, 'value.kinds.none');
}

/** Who a server pings and for what, e.g. "@oncall for new incidents: Major and critical". */
export function mentionLine(language: Language, mention: RoleMention): string {
  return t(language, mention.maintenance ? 'value.mention.role.maintenance' : 'value.mention.role', {
    role: roleMention(mention.roleId),
    impact: t(language, `minImpact.${mention.minImpact}`),
  });
}

export function filterReply(language: Language, filter: FilterView): string {
  return ALERT_KINDS.some((kind) => filter.kinds[kind])
    ? t(language, 'reply.alerts.set', { kinds: kindsList(language, filter) })
    : t(language, 'reply.alerts.none');
}

export function mentionReply(language: Language, mention: RoleMention | null): string {
  if (!mention) return t(language, 'reply.mention.cleared');
  return t(language, mention.maintenance ? 'reply.mention.set.maintenance' : 'reply.mention.set', {
    role: roleMention(mention.roleId),
    impact: t(language, `minImpact.${mention.minImpact}`),
  });
}

export function setupReply(language: Language, answer: CommandAnswer, target: 'guild' | 'user'): string {
  if (answer.status !== 'registered') return t(language, `error.notRegistered.${target}`);
  const { previous, current } = answer;
  const channel = channelMention(current.channelId);
  if (target === 'user') {
    if (!previous) return t(language, 'reply.setup.created.user');
    return t(language, previous.enabled ? 'reply.setup.unchanged.user' : 'reply.setup.reenabled.user');
  }
  if (!previous) return t(language, 'reply.setup.created.guild', { channel });
  if (!previous.enabled) return t(language, 'reply.setup.reenabled.guild', { channel });
  if (previous.channelId !== current.channelId)
    return t(language, 'reply.setup.moved.guild', { previous: channelMention(previous.channelId), channel });
  return t(language, 'reply.setup.unchanged.guild', { channel });
}

export function languageReply(language: Language, current: RegistrationView, discordLocale: string | null) {
  if (current.language)
    return t(language, 'reply.language.set', { language: languageName(language, current.language) });
  const effective = resolveLanguage(null, discordLocale);
  return t(language, 'reply.language.auto', { language: languageName(language, effective) });
}

/** `/config show`: the registration as it stands (or as it was, when alerts are off). */
export function registrationEmbed(
  language: Language,
  target: 'guild' | 'user',
  view: RegistrationView,
  discordLocale: string | null,
  history?: HistoryEntry[],
): DiscordEmbed {
  const effective = view.language ?? resolveLanguage(null, discordLocale);
  return {
    title: t(language, target === 'guild' ? 'reply.show.title.guild' : 'reply.show.title.user'),
    description: view.enabled
      ? ''
      : view.disabledReason && target === 'guild'
        ? t(language, `reply.show.switchedOff.${view.disabledReason}`, {
            channel: view.channelId ? channelMention(view.channelId) : t(language, 'value.noChannel'),
          })
        : t(language, 'reply.show.disabled'),
    color: view.enabled ? EMBED_COLORS.operational : EMBED_COLORS.info,
    fields: [
      {
        name: t(language, 'field.alerts'),
        value: t(language, view.enabled ? 'value.alertsOn' : 'value.alertsOff'),
        inline: true,
      },
      {
        name: t(language, 'field.channel'),
        value:
          target === 'user'
            ? t(language, 'value.dm')
            : view.channelId
              ? channelMention(view.channelId)
              : t(language, 'value.noChannel'),
        inline: true,
      },
      {
        name: t(language, 'field.language'),
        value: view.language
          ? languageName(language, view.language)
          : t(language, 'value.languageAuto', { language: languageName(language, effective) }),
        inline: true,
      },
      ...(view.style
        ? [
            {
              name: t(language, 'field.style'),
              value: t(language, `value.style.${view.style}`),
              inline: true,
            },
          ]
        : []),
      ...(view.filter ? [{ name: t(language, 'field.kinds'), value: kindsList(language, view.filter) }] : []),
      ...(target === 'guild' && view.mention !== undefined
        ? [
            {
              name: t(language, 'field.mention'),
              value: [
                view.mention ? mentionLine(language, view.mention) : t(language, 'value.mention.none'),
                ...(view.mentionRoleDeleted ? [t(language, 'reply.show.mentionDeleted')] : []),
              ].join('\n'),
            },
          ]
        : []),
      ...(history ? [{ name: t(language, 'field.history'), value: historyLines(language, history) }] : []),
    ],
    footer: { text: 'VRCPulse' },
  };
}

const shown = (value: string | null, key: SettingKey) => value ?? SETTINGS[key].defaultValue;

/** `/admin show`: the service at a glance, for the bot's owners. */
export function adminStatusEmbed(language: Language, status: AdminStatus): DiscordEmbed {
  const when = (iso: string | null) =>
    iso ? (discordTimestamp(iso, 'R') ?? iso) : t(language, 'value.never');
  const count = (n: number) => formatNumber(language, n);
  const registrations = (r: { enabled: number; disabled: number }) =>
    t(language, 'value.registrations', { enabled: count(r.enabled), disabled: count(r.disabled) });
  const loopFields = POLL_SOURCES.map((source) => {
    const loop = status.loops[source];
    const value =
      'unavailable' in loop
        ? t(language, 'value.loop.unavailable', { error: loop.unavailable })
        : [
            t(language, 'value.loop.success', { time: when(loop.lastSuccessAt) }),
            loop.lastFailureAt
              ? t(language, 'value.loop.failure', {
                  time: when(loop.lastFailureAt),
                  error: loop.lastError ?? '',
                })
              : t(language, 'value.loop.noFailure'),
          ].join('\n');
    return { name: t(language, 'field.loop', { source: t(language, `source.${source}`) }), value };
  });
  const { fanouts, unknownOutcomes } = status;
  // a loop's error can be long: fitEmbed keeps every field within Discord's limits
  return fitEmbed({
    title: t(language, 'reply.adminStatus.title'),
    description: '',
    color: EMBED_COLORS.info,
    fields: [
      {
        name: t(language, 'field.version'),
        value: t(language, 'value.version', { version: status.version, since: when(status.startedAt) }),
      },
      { name: t(language, 'field.servers'), value: registrations(status.servers), inline: true },
      { name: t(language, 'field.users'), value: registrations(status.users), inline: true },
      ...loopFields,
      {
        name: t(language, 'field.fanouts'),
        value:
          'unavailable' in fanouts
            ? t(language, 'value.loop.unavailable', { error: fanouts.unavailable })
            : fanouts.running === 0
              ? t(language, 'value.fanouts.none')
              : t(language, 'value.fanouts', {
                  count: `${count(fanouts.running)}${fanouts.capped ? '+' : ''}`,
                  since: when(fanouts.oldestSince),
                }),
      },
      {
        name: t(language, 'field.unknownOutcomes'),
        value:
          unknownOutcomes.count === 0
            ? t(language, 'value.unknownOutcomes.none')
            : t(language, 'value.unknownOutcomes', {
                count: count(unknownOutcomes.count),
                since: when(unknownOutcomes.oldestSince),
              }),
      },
    ],
    footer: { text: 'VRCPulse' },
  });
}

/** `/admin config show`: every setting with its value, defaults marked. */
export function settingsEmbed(language: Language, stored: ReadonlyMap<string, string>): DiscordEmbed {
  const lines = SETTING_KEYS.map((key) => {
    const value = stored.get(key);
    const isDefault = value === undefined || value === SETTINGS[key].defaultValue;
    const mark = isDefault ? ` (${t(language, 'value.default')})` : '';
    return `\`${key}\` = \`${shown(value ?? null, key)}\`${mark}\n${subtext(MESSAGES[language][`setting.${key}`])}`;
  });
  return {
    title: t(language, 'reply.admin.show.title'),
    description: `${t(language, 'reply.admin.show.description')}\n\n${lines.join('\n')}`,
    color: EMBED_COLORS.info,
    fields: [],
    footer: { text: 'VRCPulse' },
  };
}

export function settingsChangedReply(language: Language, changes: SettingChange[], reset: boolean): string {
  if (!reset) {
    const [change] = changes;
    if (!change) return t(language, 'reply.admin.reset.none');
    return t(language, 'reply.admin.set', {
      key: change.key,
      previous: shown(change.previous, change.key),
      value: shown(change.value, change.key),
    });
  }
  if (changes.length === 0) return t(language, 'reply.admin.reset.none');
  const lines = changes.map(
    (c) => `\`${c.key}\`: \`${shown(c.previous, c.key)}\` → \`${shown(c.value, c.key)}\``,
  );
  return t(language, 'reply.admin.reset', { changes: lines.join('\n') });
}

export function invalidSettingReply(language: Language, key: string, rule: SettingRule | null): string {
  if (!rule) return t(language, 'error.setting.unknown', { key });
  switch (rule.kind) {
    case 'integer':
      return t(language, 'error.setting.integer', { key, min: rule.min, max: rule.max });
    case 'number':
      return t(language, 'error.setting.number', { key, min: rule.min, max: rule.max });
    case 'ratio':
      return t(language, 'error.setting.ratio', { key });
    case 'boolean':
      return t(language, 'error.setting.boolean', { key });
  }
}
