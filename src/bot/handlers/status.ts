import { readMetricSummary, readStatusView } from '../views';
import { buildStatusEmbed } from '../status-embed';
import type { CommandContext } from '../context';

/** `/status`: a view, read from SQLite. */
export async function handleStatus(ctx: CommandContext): Promise<void> {
  const em = ctx.services.orm.em.fork();
  const [status, metrics] = await Promise.all([
    readStatusView(em),
    readMetricSummary(em, new Date(ctx.services.now())),
  ]);
  await ctx.interaction.editReply({
    embeds: [buildStatusEmbed(ctx.language, status, metrics, ctx.services.pageUrl)],
  });
}
