/**
 * A server without a system channel gets no welcome when VRCPulse joins it (there is nowhere to
 * post it), so it gets the welcome in the channel of its first command instead: a server joined in
 * the last week and not set up yet (a server that has used VRCPulse for long needs no welcome). The
 * welcome's workflow id is the one of the join (`welcome-<guild>-<joined at>`): one welcome per join,
 * across commands, processes and restarts; this process also remembers the servers it has seen, so
 * later commands cost nothing.
 */
import { type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { startWelcome } from '../interactions/client';
import type { Logger } from '../logger';
import { type BotServices, isGuildInstalled } from './context';
import { readRegistration } from './views';

const seen = new Set<string>();
/** Longer than Temporal keeps the welcome's run (which is what makes it once only): 7 days. */
const WELCOME_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

export async function welcomeOnFirstCommand(
  interaction: ChatInputCommandInteraction,
  services: BotServices,
  logger: Logger,
): Promise<void> {
  if (!interaction.inCachedGuild() || !isGuildInstalled(interaction)) return;
  const { guild } = interaction;
  if (guild.systemChannelId !== null || seen.has(guild.id)) return;
  seen.add(guild.id);
  if (services.now() - guild.joinedTimestamp > WELCOME_WITHIN_MS) return;
  if (await readRegistration(services.orm.em.fork(), { kind: 'guild', guildId: guild.id })) return;
  const channel = interaction.channel;
  const me = guild.members.me;
  const permissions = channel && me ? channel.permissionsFor(me) : null;
  const canPost = permissions?.has([
    PermissionFlagsBits.ViewChannel,
    PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.EmbedLinks,
  ]);
  if (!channel || !canPost)
    return logger.info({ guild: guild.id }, 'first command where no welcome can be posted');
  try {
    await startWelcome(
      services.temporal.client,
      services.temporal.taskQueue,
      { guildId: guild.id, channelId: channel.id, locale: guild.preferredLocale },
      guild.joinedTimestamp,
    );
  } catch (err) {
    seen.delete(guild.id); // the next command tries again
    logger.warn({ err, guild: guild.id }, 'could not start the welcome workflow');
  }
}
