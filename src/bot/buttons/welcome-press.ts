/**
 * A press of a welcome message's button: the Korean guide, for whoever presses (only they see it),
 * or the server's language set to Korean, for administrators (a server not set up yet keeps the
 * language for when it is).
 */
import { type ButtonInteraction, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { t } from '../../i18n';
import { runCommand } from '../../interactions/client';
import { buildWelcomeEmbed } from '../../welcome/embed';
import type { WelcomeButton } from '../../welcome/buttons';
import { type BotServices, isGuildInstalled, replyLanguage, UserFacingError } from '../context';

export async function handleWelcomePress(
  interaction: ButtonInteraction,
  services: BotServices,
  button: WelcomeButton,
): Promise<void> {
  if (button === 'guide') {
    await interaction.reply({ embeds: [buildWelcomeEmbed('ko', 'guild')], flags: MessageFlags.Ephemeral });
    return;
  }
  const language = await replyLanguage(services, interaction);
  if (!interaction.inGuild() || !isGuildInstalled(interaction))
    throw new UserFacingError(t(language, 'error.botNotInGuild'));
  if (!interaction.memberPermissions.has(PermissionFlagsBits.Administrator))
    throw new UserFacingError(t(language, 'error.adminOnly'));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await runCommand(services.temporal.client, services.temporal.taskQueue, {
    interactionId: interaction.id,
    log: null,
    action: {
      kind: 'setLanguage',
      recipient: { kind: 'guild', guildId: interaction.guildId },
      language: 'ko',
      locale: interaction.guild?.preferredLocale ?? null,
      orCreate: true,
    },
  });
  await interaction.editReply({
    content: t('ko', 'reply.language.set', { language: t('ko', 'language.ko') }),
  });
}
