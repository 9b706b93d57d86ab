import { type ButtonInteraction, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { t } from '../../i18n';
import { runCommand } from '../../interactions/client';
import { type BotServices, recipientOf, replyLanguage } from '../context';
import { isExpired, type UnregisterButton } from './unregister-buttons';

/** A press of `/config unregister`'s confirm or cancel button. */
export async function handleUnregisterPress(
  interaction: ButtonInteraction,
  services: BotServices,
  button: UnregisterButton,
): Promise<void> {
  const language = await replyLanguage(services, interaction);
  if (button.invokerId !== interaction.user.id) {
    // Someone else's buttons: say so to them alone, and leave the message as it is.
    await interaction.reply({ content: t(language, 'error.notYourButtons'), flags: MessageFlags.Ephemeral });
    return;
  }
  if (isExpired(button, services.now())) {
    await interaction.update({ content: t(language, 'error.buttonsExpired'), components: [] });
    return;
  }
  if (button.action === 'cancel') {
    await interaction.update({ content: t(language, 'reply.unregister.cancelled'), components: [] });
    return;
  }
  // The invoker may have lost Administrator since the command was run.
  if (interaction.inGuild() && !interaction.memberPermissions.has(PermissionFlagsBits.Administrator)) {
    await interaction.update({ content: t(language, 'error.adminOnly'), components: [] });
    return;
  }
  const recipient = recipientOf(interaction);
  // Act only on the registration the buttons were shown for: if the bot left the server since,
  // the press would otherwise land on the presser's DMs.
  const here = recipient.kind === 'guild' ? recipient.guildId : null;
  if (button.guildId !== undefined && button.guildId !== here) {
    await interaction.update({ content: t(language, 'error.buttonsElsewhere'), components: [] });
    return;
  }
  await interaction.deferUpdate();
  const answer = await runCommand(services.temporal.client, services.temporal.taskQueue, {
    interactionId: interaction.id,
    log: null,
    action: { kind: 'unregister', recipient },
  });
  const content =
    answer.status === 'unregistered'
      ? t(language, recipient.kind === 'guild' ? 'reply.unregister.done.guild' : 'reply.unregister.done.user')
      : t(language, recipient.kind === 'guild' ? 'error.notRegistered.guild' : 'error.notRegistered.user');
  await interaction.editReply({ content, components: [] });
}
