/**
 * The welcome message a server gets: in its system channel when VRCPulse joins it, or, for a server
 * without one (nowhere to post it then), in the channel of its first command: a server joined in the
 * last week and not set up yet (one that has used VRCPulse for long needs no welcome). The welcome's
 * workflow id is the join's (`welcome-<guild>-<joined at>`): one welcome per join, across commands,
 * processes and restarts; this process also remembers the servers it has seen, so later commands
 * cost nothing.
 */
import type { ChatInputCommandInteraction, Guild, GuildBasedChannel } from 'discord.js';
import type { Client } from '@temporalio/client';
import { startWelcome } from '../interactions/client';
import type { Logger } from '../logger';
import { type BotServices, isGuildInstalled } from './context';
import { missingPostPermissions } from './post-permissions';
import { readRegistration } from './views';

type Temporal = { client: Client; taskQueue: string };

/** Starts the welcome in `channel` when the bot may post there; false when it may not. */
async function welcomeIn(guild: Guild, channel: GuildBasedChannel, temporal: Temporal): Promise<boolean> {
  if ((await missingPostPermissions(channel)).length > 0) return false;
  await startWelcome(
    temporal.client,
    temporal.taskQueue,
    { guildId: guild.id, channelId: channel.id, locale: guild.preferredLocale },
    guild.joinedTimestamp,
  );
  return true;
}

/** A server just joined: the welcome in its system channel, when it has one we may post in. */
export async function welcomeOnJoin(guild: Guild, temporal: Temporal, logger: Logger): Promise<void> {
  const log = logger.child({ guild: guild.id });
  log.info({ name: guild.name }, 'joined a server');
  const channel = guild.systemChannel;
  if (!channel) return log.info('no system channel: no welcome message');
  try {
    if (!(await welcomeIn(guild, channel, temporal)))
      log.info({ channel: channel.id }, 'cannot post in the system channel: no welcome message');
  } catch (err) {
    log.error({ err }, 'could not start the welcome workflow');
  }
}

const seen = new Set<string>();
/** Longer than Temporal keeps the welcome's run (which is what makes it once only): 7 days. */
const WELCOME_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

export async function welcomeOnFirstCommand(
  interaction: ChatInputCommandInteraction,
  services: BotServices,
  logger: Logger,
): Promise<void> {
  if (!interaction.inCachedGuild() || !isGuildInstalled(interaction)) return;
  const { guild, channel } = interaction;
  if (guild.systemChannelId !== null || seen.has(guild.id)) return;
  seen.add(guild.id);
  if (services.now() - guild.joinedTimestamp > WELCOME_WITHIN_MS) return;
  if (await readRegistration(services.orm.em.fork(), { kind: 'guild', guildId: guild.id })) return;
  try {
    if (!channel || !(await welcomeIn(guild, channel, services.temporal)))
      logger.info({ guild: guild.id }, 'first command where no welcome can be posted');
  } catch (err) {
    seen.delete(guild.id); // the next command tries again
    logger.warn({ err, guild: guild.id }, 'could not start the welcome workflow');
  }
}
