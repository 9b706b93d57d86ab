import { t } from '../../discord/i18n';
import { buildWelcomeEmbed } from '../../welcome/embed';
import { MAX_REPORT_DETAILS } from '../../contracts/reports';
import { submitReport } from '../../reports/client';
import { type CommandContext, recipientOf, UserFacingError } from '../context';
import { reportReply } from '../replies';

/** `/report <type> [details]`: one `report-<interaction id>` workflow, which also logs the command. */
export async function handleReport(ctx: CommandContext): Promise<void> {
  const { interaction, language } = ctx;
  const type = interaction.options.getString('type', true);
  const details = interaction.options.getString('details')?.trim() || null;
  const length = details === null ? 0 : [...details].length;
  if (length > MAX_REPORT_DETAILS) {
    throw new UserFacingError(
      t(language, 'error.detailsTooLong', { count: length, max: MAX_REPORT_DETAILS }),
    );
  }
  const recipient = recipientOf(interaction);
  const answer = await submitReport(ctx.services.temporal.client, ctx.services.temporal.taskQueue, {
    interactionId: interaction.id,
    userId: interaction.user.id,
    guildId: recipient.kind === 'guild' ? recipient.guildId : null,
    channelId: interaction.channelId,
    type,
    details,
    log: ctx.log,
  });
  ctx.logged = true;
  // An unregistered user gets the introduction, with how to register, instead of a bare refusal.
  if (answer.status === 'not_registered' && answer.context === 'user') {
    await interaction.editReply({
      content: reportReply(language, answer),
      embeds: [buildWelcomeEmbed(language, 'user')],
    });
    return;
  }
  await interaction.editReply({ content: reportReply(language, answer) });
}
