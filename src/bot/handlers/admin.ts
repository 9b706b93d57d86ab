import { t } from '../../discord/i18n';
import { type CommandRequest } from '../../contracts/commands';
import { checkSetting, isSettingKey, SETTINGS } from '../../contracts/settings';
import { runCommand } from '../../interactions/client';
import { type CommandContext, UserFacingError } from '../context';
import { invalidSettingReply, settingsChangedReply, settingsEmbed } from '../replies';
import { readSettings } from '../views';

/** `/admin config show|set|reset`: the global settings, for the bot's owners only. */
export async function handleAdmin(ctx: CommandContext): Promise<void> {
  const { interaction, language, services } = ctx;
  if (!(await services.owners.isOwner(interaction.user.id))) {
    throw new UserFacingError(t(language, 'error.ownerOnly'));
  }
  const sub = interaction.options.getSubcommand(true);
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
