/** The bot's reply texts and embeds (pure): every answer a command can give, in one language. */
import { channelMention as mention, subtext } from '@discordjs/formatters';
import {
  discordTimestamp,
  type DiscordEmbed,
  EMBED_COLORS,
  formatNumber,
  PLACEHOLDER,
} from '../discord/presentation';
import { type Language, MESSAGES, plural, resolveLanguage, t } from '../i18n';
import type { CommandAnswer, RegistrationView, SettingChange } from '../contracts/commands';
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
    ],
    footer: { text: 'VRCPulse' },
  };
}

const shown = (value: string | null, key: SettingKey) => value ?? SETTINGS[key].defaultValue;

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
