import { LANGUAGE_SETTINGS } from '../../contracts/commands';
import { ALERT_STYLES, type AlertStyle } from '../../contracts/alerts';
import { choice, type CommandPath, EVERYWHERE, named, type SlashCommand } from './builders';
import {
  ALERT_KINDS,
  type AlertKind,
  DEFAULT_MENTION_MIN_IMPACT,
  type Impact,
  IMPACTS,
} from '../../contracts/preferences';
import {
  ChannelType,
  type GuildBasedChannel,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandStringOption,
} from 'discord.js';
import { type Language, resolveLanguage, t } from '../../i18n';
import { buildWelcomeEmbed } from '../../welcome/embed';
import type {
  CommandAction,
  CommandAnswer,
  LanguageSetting,
  RegistrationTarget,
} from '../../contracts/commands';
import { runCommand } from '../../interactions/client';
import { type CommandContext, isGuildInstalled, recipientOf, UserFacingError } from '../context';
import {
  channelMention,
  filterReply,
  languageReply,
  mentionReply,
  refusalText,
  registrationEmbed,
  setupReply,
} from '../replies';
import { unregisterButtons } from '../buttons/unregister-buttons';
import { readRegistration } from '../views';
import { missingPostPermissions, type PostPermission } from '../post-permissions';
import { lastTestAt, readDeliveryHistory } from '../../alerts/history';
import { discordTimestamp } from '../../discord/presentation';

/** `/config setup|show|unregister|language|style|alerts|mention|test`. */
export async function handleConfig(ctx: CommandContext): Promise<void> {
  switch (ctx.interaction.options.getSubcommand(true)) {
    case 'setup':
      return setup(ctx);
    case 'show':
      return show(ctx);
    case 'unregister':
      return unregister(ctx);
    case 'language':
      return language(ctx);
    case 'style':
      return style(ctx);
    case 'alerts':
      return alerts(ctx);
    case 'mention':
      return mention(ctx);
    case 'test':
      return test(ctx);
    default:
      throw new UserFacingError(t(ctx.language, 'error.unknownCommand'));
  }
}

/**
 * In a server, changing VRCPulse's settings takes a server install and an Administrator. Outside a
 * server (DMs, group DMs) the settings are the user's own.
 */
function settingsTarget(ctx: CommandContext): RegistrationTarget {
  const { interaction, language } = ctx;
  if (!interaction.inGuild()) return { kind: 'user', userId: interaction.user.id };
  if (!isGuildInstalled(interaction)) throw new UserFacingError(t(language, 'error.botNotInGuild'));
  if (!interaction.memberPermissions.has(PermissionFlagsBits.Administrator)) {
    throw new UserFacingError(t(language, 'error.adminOnly'));
  }
  return { kind: 'guild', guildId: interaction.guildId };
}

async function run(ctx: CommandContext, action: CommandAction): Promise<CommandAnswer> {
  const { client, taskQueue } = ctx.services.temporal;
  const answer = await runCommand(client, taskQueue, {
    interactionId: ctx.interaction.id,
    log: ctx.log,
    action,
  });
  ctx.logged = true;
  return answer;
}

async function setup(ctx: CommandContext): Promise<void> {
  const { interaction, language } = ctx;
  const recipient = settingsTarget(ctx);
  if (recipient.kind === 'user') {
    const answer = await run(ctx, {
      kind: 'register',
      recipient,
      channelId: null,
      locale: interaction.locale,
    });
    await interaction.editReply({ content: setupReply(language, answer, 'user') });
    return;
  }
  const option = interaction.options.getChannel('channel');
  if (!option) throw new UserFacingError(t(language, 'error.channelRequired'));
  const channel = await alertChannel(ctx, option.id);
  const answer = await run(ctx, {
    kind: 'register',
    recipient,
    channelId: channel.id,
    locale: interaction.guild?.preferredLocale ?? null,
    announcement: channel.type === ChannelType.GuildAnnouncement,
  });
  await interaction.editReply({ content: setupReply(language, answer, 'guild') });
}

/** The chosen channel, when the bot can post alerts there; otherwise a refusal that says why. */
async function alertChannel(ctx: CommandContext, channelId: string): Promise<GuildBasedChannel> {
  const { interaction, language } = ctx;
  const guild = interaction.guild!;
  const channel = guild.channels.cache.get(channelId);
  const mention = channelMention(channelId);
  if (
    !channel ||
    (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)
  ) {
    throw new UserFacingError(t(language, 'error.channelType', { channel: mention }));
  }
  const missing = await missingPostPermissions(channel);
  if (missing.length > 0) {
    const names = missing.map((name) => `**${t(language, `permission.${name}`)}**`).join(', ');
    throw new UserFacingError(
      t(language, 'error.channelPermissions', { channel: mention, permissions: names }),
    );
  }
  return channel;
}

async function show(ctx: CommandContext): Promise<void> {
  const { interaction, language, services } = ctx;
  const recipient = recipientOf(interaction);
  let registration = await readRegistration(services.orm.em.fork(), recipient);
  // a role to ping that was deleted in Discord is cleared here, and the reply says so
  const roleId = registration?.mention?.roleId;
  if (
    roleId &&
    recipient.kind === 'guild' &&
    interaction.inCachedGuild() &&
    !interaction.guild.roles.cache.has(roleId)
  ) {
    await run(ctx, { kind: 'clearDeletedMention', recipient, roleId });
    registration = await readRegistration(services.orm.em.fork(), recipient);
  }
  const audience = recipient.kind;
  // a server whose language was chosen (the welcome's button) before it was ever set up
  const neverSetUp =
    registration && !registration.enabled && audience === 'guild' && registration.channelId === null;
  if (!registration || neverSetUp) {
    await interaction.editReply({ embeds: [buildWelcomeEmbed(language, audience)] });
    return;
  }
  const locale = audience === 'guild' ? (interaction.guild?.preferredLocale ?? null) : interaction.locale;
  const history = await readDeliveryHistory(services.orm.em.fork(), recipient);
  await interaction.editReply({
    embeds: [registrationEmbed(language, audience, registration, locale, history)],
  });
}

async function unregister(ctx: CommandContext): Promise<void> {
  const { interaction, language, services } = ctx;
  const recipient = settingsTarget(ctx);
  const registration = await readRegistration(services.orm.em.fork(), recipient);
  if (!registration?.enabled) throw new UserFacingError(t(language, `error.notRegistered.${recipient.kind}`));
  const content =
    recipient.kind === 'guild'
      ? t(language, 'reply.unregister.confirm.guild', { channel: channelMention(registration.channelId) })
      : t(language, 'reply.unregister.confirm.user');
  await interaction.editReply({
    content,
    components: [
      unregisterButtons(
        language,
        interaction.user.id,
        services.now(),
        recipient.kind === 'guild' ? recipient.guildId : null,
      ),
    ],
  });
}

async function language(ctx: CommandContext): Promise<void> {
  const { interaction } = ctx;
  const recipient = settingsTarget(ctx);
  const choice = interaction.options.getString('language', true) as LanguageSetting;
  const chosen = choice === 'auto' ? null : choice;
  const locale =
    recipient.kind === 'guild' ? (interaction.guild?.preferredLocale ?? null) : interaction.locale;
  const answer = await run(ctx, { kind: 'setLanguage', recipient, language: chosen, locale });
  if (answer.status !== 'language_set') {
    throw new UserFacingError(t(ctx.language, `error.notRegistered.${recipient.kind}`));
  }
  // The reply is already in the new language; `auto` in a server follows the invoker's own locale.
  const replyIn: Language = resolveLanguage(chosen, interaction.locale);
  await interaction.editReply({ content: languageReply(replyIn, answer.current, locale) });
}

async function style(ctx: CommandContext): Promise<void> {
  const recipient = settingsTarget(ctx);
  const chosen = ctx.interaction.options.getString('style', true) as AlertStyle;
  const answer = await run(ctx, { kind: 'setStyle', recipient, style: chosen });
  if (answer.status !== 'style_set') {
    throw new UserFacingError(t(ctx.language, `error.notRegistered.${recipient.kind}`));
  }
  await ctx.interaction.editReply({ content: t(ctx.language, `reply.style.${answer.style}`) });
}

async function alerts(ctx: CommandContext): Promise<void> {
  const { interaction } = ctx;
  const recipient = settingsTarget(ctx);
  const kinds: Partial<Record<AlertKind, boolean>> = {};
  for (const kind of ALERT_KINDS) {
    const on = interaction.options.getBoolean(kind);
    if (on !== null) kinds[kind] = on;
  }
  const minImpact = interaction.options.getString('min_impact') as Impact | null;
  const answer = await run(ctx, { kind: 'setAlertFilter', recipient, kinds, minImpact });
  if (answer.status !== 'filter_set') {
    throw new UserFacingError(t(ctx.language, `error.notRegistered.${recipient.kind}`));
  }
  await interaction.editReply({ content: filterReply(ctx.language, answer.filter) });
}

async function mention(ctx: CommandContext): Promise<void> {
  const { interaction, language } = ctx;
  const recipient = settingsTarget(ctx);
  if (recipient.kind !== 'guild') throw new UserFacingError(t(language, 'error.mention.dm'));
  const role = interaction.options.getRole('role');
  if (role && role.id === recipient.guildId) throw new UserFacingError(t(language, 'error.mention.everyone'));
  const answer = await run(ctx, {
    kind: 'setMention',
    recipient,
    roleId: role?.id ?? null,
    minImpact: (interaction.options.getString('min_impact') as Impact | null) ?? DEFAULT_MENTION_MIN_IMPACT,
    maintenance: interaction.options.getBoolean('maintenance') ?? false,
  });
  if (answer.status !== 'mention_set') {
    throw new UserFacingError(t(language, `error.notRegistered.${recipient.kind}`));
  }
  await interaction.editReply({ content: mentionReply(language, answer.mention) });
}

/** Discord's refusals that mean the bot lacks something in the channel (missing access, missing permissions). */
const PERMISSION_REFUSALS: ReadonlySet<number> = new Set([50001, 50013]);
/** Discord's refusal of a DM to a user who does not accept them. */
const DMS_CLOSED = 50007;

/** One `/config test` a minute per server or user: each is a message, and the answer is waited for. */
const TEST_COOLDOWN_MS = 60_000;

async function test(ctx: CommandContext): Promise<void> {
  const { interaction, language, services } = ctx;
  const recipient = settingsTarget(ctx);
  const last = await lastTestAt(services.orm.em.fork(), recipient);
  if (last !== null && services.now() - last < TEST_COOLDOWN_MS) {
    const time = discordTimestamp(new Date(last + TEST_COOLDOWN_MS).toISOString(), 'R', 'up') ?? '';
    throw new UserFacingError(t(language, 'error.testCooldown', { time }));
  }
  const answer = await run(ctx, { kind: 'sendTestAlert', recipient });
  if (answer.status !== 'test_result') {
    throw new UserFacingError(t(language, `error.notRegistered.${recipient.kind}`));
  }
  const channelId =
    recipient.kind === 'guild'
      ? ((await readRegistration(services.orm.em.fork(), recipient))?.channelId ?? null)
      : null;
  if (answer.delivered) {
    await interaction.editReply({
      content: channelId
        ? t(language, 'reply.test.delivered', { where: channelMention(channelId) })
        : t(language, 'reply.test.delivered.dm'),
    });
    return;
  }
  if (answer.code === DMS_CLOSED) throw new UserFacingError(t(language, 'reply.test.dmClosed'));
  const missing =
    channelId && answer.code !== null && PERMISSION_REFUSALS.has(answer.code)
      ? await missingPermissions(ctx, channelId)
      : [];
  if (missing.length > 0) {
    throw new UserFacingError(
      t(language, 'reply.test.missingPermissions', {
        channel: channelMention(channelId),
        permissions: missing.map((name) => `**${t(language, `permission.${name}`)}**`).join(', '),
      }),
    );
  }
  if (answer.code === null) throw new UserFacingError(t(language, 'reply.test.noAnswer'));
  throw new UserFacingError(t(language, 'reply.test.failed', { reason: refusalText(language, answer.code) }));
}

/** The alert permissions the bot lacks in a channel of this server, by name (none when unknown). */
async function missingPermissions(ctx: CommandContext, channelId: string): Promise<PostPermission[]> {
  const channel = ctx.interaction.guild?.channels.cache.get(channelId);
  return channel ? missingPostPermissions(channel) : [];
}

/** `min_impact`: Statuspage's impacts, named for what they let through. */
const impactOption = (option: SlashCommandStringOption, path: CommandPath) =>
  named(option, path)
    .setRequired(false)
    .addChoices(...IMPACTS.map((impact) => choice(impact, `minImpact.${impact}`)));

/** Channels `/config setup` offers: text and announcement channels of a server. */
export const SETUP_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/**
 * `/config setup|show|unregister|language`, for everyone, everywhere: `default_member_permissions`
 * is null. `/config setup` needs Administrator in a server, but Discord's default permissions are
 * per top-level command: setting them on `/config` would also hide `/config show` and
 * `/config language` from every other member, and whether Discord applies member permissions to a
 * user-installed command run in a server is not documented. So the handler checks Administrator at
 * run time (and answers with a clear message); server admins may still restrict `/config` under
 * Server Settings > Integrations.
 */
export const command: SlashCommand = {
  data: named(new SlashCommandBuilder(), 'config')
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts)
    .setDefaultMemberPermissions(null)
    .addSubcommand((sub) =>
      named(sub, 'config.setup').addChannelOption((option) =>
        // Optional for Discord: in a server the handler requires it; in DMs it is not used.
        named(option, 'config.setup.channel')
          .setRequired(false)
          .addChannelTypes(...SETUP_CHANNEL_TYPES),
      ),
    )
    .addSubcommand((sub) => named(sub, 'config.show'))
    .addSubcommand((sub) => named(sub, 'config.unregister'))
    .addSubcommand((sub) =>
      named(sub, 'config.language').addStringOption((option) =>
        named(option, 'config.language.language')
          .setRequired(true)
          .addChoices(...LANGUAGE_SETTINGS.map((language) => choice(language, `language.${language}`))),
      ),
    )
    .addSubcommand((sub) =>
      named(sub, 'config.style').addStringOption((option) =>
        named(option, 'config.style.style')
          .setRequired(true)
          .addChoices(...ALERT_STYLES.map((style) => choice(style, `style.${style}`))),
      ),
    )
    .addSubcommand((sub) => {
      named(sub, 'config.alerts');
      for (const kind of ALERT_KINDS)
        sub.addBooleanOption((option) => named(option, `config.alerts.${kind}`).setRequired(false));
      return sub.addStringOption((option) => impactOption(option, 'config.alerts.min_impact'));
    })
    .addSubcommand((sub) =>
      named(sub, 'config.mention')
        .addRoleOption((option) => named(option, 'config.mention.role').setRequired(false))
        .addStringOption((option) => impactOption(option, 'config.mention.min_impact'))
        .addBooleanOption((option) => named(option, 'config.mention.maintenance').setRequired(false)),
    )
    .addSubcommand((sub) => named(sub, 'config.test')),
  public: false,
  execute: handleConfig,
};
