import { SlashCommandBuilder } from 'discord.js';
import { MAX_REPORT_DETAILS, REPORT_TYPES } from '../../contracts/reports';
import { choice, EVERYWHERE, named, type SlashCommand } from './builders';
import { formatNumber } from '../../discord/presentation';
import { t } from '../../i18n';
import { buildWelcomeEmbed } from '../../welcome/embed';
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
      t(language, 'error.detailsTooLong', {
        count: formatNumber(language, length),
        max: formatNumber(language, MAX_REPORT_DETAILS),
      }),
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

/** `/report <type> [details]` for everyone, everywhere. */
export const command: SlashCommand = {
  data: named(new SlashCommandBuilder(), 'report')
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts)
    .setDefaultMemberPermissions(null)
    .addStringOption((option) =>
      named(option, 'report.type')
        .setRequired(true)
        .addChoices(...REPORT_TYPES.map((type) => choice(type, `reportType.${type}`))),
    )
    .addStringOption((option) =>
      named(option, 'report.details', { max: MAX_REPORT_DETAILS })
        .setRequired(false)
        .setMaxLength(MAX_REPORT_DETAILS),
    ),
  public: false,
  execute: handleReport,
};
