import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { MAX_POLL_INTERVAL_SECONDS, MIN_POLL_INTERVAL_SECONDS } from '../../contracts/polling';
import { named, settingKeyOption, EVERYWHERE, type SlashCommand } from './builders';
import { t } from '../../i18n';
import { type CommandRequest } from '../../contracts/commands';
import { checkSetting, isSettingKey, SETTINGS } from '../../contracts/settings';
import { runCommand } from '../../interactions/client';
import { type CommandContext, UserFacingError } from '../context';
import { adminStatusEmbed, invalidSettingReply, settingsChangedReply, settingsEmbed } from '../replies';
import { readAdminStatus } from '../admin-status';
import { readSettings } from '../views';

/** `/admin show` and `/admin config show|set|reset`: for the bot's owners only. */
export async function handleAdmin(ctx: CommandContext): Promise<void> {
  const { interaction, language, services } = ctx;
  if (!(await services.owners.isOwner(interaction.user.id))) {
    throw new UserFacingError(t(language, 'error.ownerOnly'));
  }
  const sub = interaction.options.getSubcommand(true);
  if (interaction.options.getSubcommandGroup(false) === null && sub === 'show') {
    const status = await readAdminStatus({
      orm: services.orm,
      client: services.temporal.client,
      startedAtMs: services.startedAtMs,
    });
    await interaction.editReply({ embeds: [adminStatusEmbed(language, status)] });
    return;
  }
  if (sub === 'show') {
    const stored = await readSettings(services.orm.em.fork());
    await interaction.editReply({ embeds: [settingsEmbed(language, stored)] });
    return;
  }
  const key = interaction.options.getString('key', sub === 'set');
  if (key !== null && !isSettingKey(key)) throw new UserFacingError(invalidSettingReply(language, key, null));
  let request: CommandRequest;
  if (sub === 'set') {
    const value = interaction.options.getString('value', true);
    const check = checkSetting(key, value);
    if (!check.ok) {
      throw new UserFacingError(
        invalidSettingReply(language, key!, isSettingKey(key) ? SETTINGS[key].rule : null),
      );
    }
    request = {
      interactionId: interaction.id,
      log: ctx.log,
      action: { kind: 'setSetting', key: key!, value: check.value },
    };
  } else {
    request = { interactionId: interaction.id, log: ctx.log, action: { kind: 'resetSettings', key } };
  }
  const answer = await runCommand(services.temporal.client, services.temporal.taskQueue, request);
  ctx.logged = true;
  if (answer.status !== 'settings_changed') throw new Error(`unexpected answer ${answer.status}`);
  await interaction.editReply({ content: settingsChangedReply(language, answer.changes, sub === 'reset') });
}

const bounds = { min: MIN_POLL_INTERVAL_SECONDS, max: MAX_POLL_INTERVAL_SECONDS };

/**
 * `/admin config show|set|reset`: the settings are global, so only the bot's owners may use it
 * (application owner or team members, or DISCORD_OWNER_IDS), which Discord cannot express; the
 * handler checks it at run time and refuses everyone else, server Administrators included. To keep
 * the command out of ordinary members' command lists it has `default_member_permissions`
 * Administrator (only server admins see it in servers) and the contexts where an owner would run
 * it: servers and the bot's DM (where member permissions do not apply), not other people's DMs or
 * group DMs.
 */
export const command: SlashCommand = {
  data: named(new SlashCommandBuilder(), 'admin')
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
    .addSubcommand((sub) => named(sub, 'admin.show'))
    .addSubcommandGroup((group) =>
      named(group, 'admin.config')
        .addSubcommand((sub) => named(sub, 'admin.config.show'))
        .addSubcommand((sub: SlashCommandSubcommandBuilder) =>
          named(sub, 'admin.config.set')
            .addStringOption((option) => settingKeyOption(option, 'admin.config.set.key', true))
            .addStringOption((option) =>
              named(option, 'admin.config.set.value', bounds).setRequired(true).setMaxLength(100),
            ),
        )
        .addSubcommand((sub) =>
          named(sub, 'admin.config.reset').addStringOption((option) =>
            settingKeyOption(option, 'admin.config.reset.key', false),
          ),
        ),
    ),
  public: false,
  execute: handleAdmin,
};
