import { SlashCommandBuilder } from 'discord.js';
import { EVERYWHERE, named, type SlashCommand } from './builders';
import { DASHBOARD_ATTACHMENT_NAME, loadDashboardSeries } from '../../dashboard/index';
import { readStaleSources } from '../freshness';
import { summarizeMetrics } from '../metric-summary';
import { buildStatusEmbed } from '../status-embed';
import { readReportCounts, readStatusView } from '../views';
import type { CommandContext } from '../context';

/**
 * `/status`: a view, read from SQLite: the embed, with the 12-hour dashboard image attached. One
 * query for the metrics serves both the embed's numbers and the picture. A dashboard that cannot be
 * drawn is logged and left out; the embed alone still answers.
 */
export async function handleStatus(ctx: CommandContext): Promise<void> {
  const { interaction, language, services } = ctx;
  const now = new Date(services.now());
  const em = services.orm.em.fork();
  const status = await readStatusView(em);
  const data = await loadDashboardSeries(em, now);
  const stale = await readStaleSources(services.temporal.client, now.getTime(), services.logger);
  const reports = await readReportCounts(em, now);
  const embed = buildStatusEmbed(
    language,
    status,
    summarizeMetrics(data.series),
    services.pageUrl,
    stale,
    reports,
  );
  let png: Buffer | null = null;
  try {
    png = await services.dashboard.render({ now, language, ...data });
  } catch (err) {
    services.logger.error(
      { err, interaction: interaction.id },
      'dashboard not rendered; answering without it',
    );
  }
  await interaction.editReply(
    png
      ? {
          embeds: [{ ...embed, image: { url: `attachment://${DASHBOARD_ATTACHMENT_NAME}` } }],
          files: [{ attachment: png, name: DASHBOARD_ATTACHMENT_NAME }],
        }
      : { embeds: [embed] },
  );
}

/** `/status` for everyone, everywhere; its answer is public (the whole channel sees it). */
export const command: SlashCommand = {
  data: named(new SlashCommandBuilder(), 'status')
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts)
    .setDefaultMemberPermissions(null),
  public: true,
  execute: handleStatus,
};
