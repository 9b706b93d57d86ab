/** What every handler gets: the interaction, the bot's dependencies, the reply language, the log entry. */
import type { MikroORM } from '@mikro-orm/sqlite';
import type { Client as TemporalClient } from '@temporalio/client';
import {
  ApplicationIntegrationType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { type Language, resolveLanguage } from '../i18n';
import type { Logger } from '../logger';
import type { CommandLogEntry, RegistrationTarget } from '../contracts/commands';
import type { DashboardRenderer } from '../dashboard/index';
import type { OwnerCheck } from './owners';
import { readRegistration } from './views';

export interface BotServices {
  logger: Logger;
  orm: MikroORM;
  temporal: { client: TemporalClient; taskQueue: string };
  owners: OwnerCheck;
  /** The /status dashboard, with its render cache (one per process). */
  dashboard: DashboardRenderer;
  /** The status page's public address, linked from /status. */
  pageUrl: string | null;
  /** Milliseconds since the epoch; tests move it to expire buttons. */
  now(): number;
  /** When the bot process started (epoch ms), for `/admin show`. */
  startedAtMs: number;
}

export interface CommandContext {
  interaction: ChatInputCommandInteraction;
  services: BotServices;
  language: Language;
  log: CommandLogEntry;
  /** Set by a handler whose workflow message carried `log`, so it is not sent twice. */
  logged: boolean;
}

/** A refusal the user can act on; its text is already in the reply language. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

/**
 * Whether VRCPulse is installed in (and a member of) the server the interaction came from. A
 * user-installed app can be used in any server, but only a server install can post there.
 */
export function isGuildInstalled(interaction: Interaction): boolean {
  return (
    interaction.inCachedGuild() &&
    interaction.authorizingIntegrationOwners[ApplicationIntegrationType.GuildInstall] === interaction.guildId
  );
}

/** Who the command is about: the server (server installs used in a server), otherwise the user. */
export function recipientOf(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
): RegistrationTarget {
  return isGuildInstalled(interaction) && interaction.guildId
    ? { kind: 'guild', guildId: interaction.guildId }
    : { kind: 'user', userId: interaction.user.id };
}

/**
 * The reply language: the registration's explicit language (server or user), else the invoker's
 * Discord locale. Reading the registration is one primary-key lookup.
 */
export async function replyLanguage(
  services: BotServices,
  interaction: ChatInputCommandInteraction | ButtonInteraction,
): Promise<Language> {
  const registration = await readRegistration(services.orm.em.fork(), recipientOf(interaction));
  return resolveLanguage(registration?.language ?? null, interaction.locale);
}

export function commandLogEntry(interaction: ChatInputCommandInteraction): CommandLogEntry {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(false);
  return {
    interactionId: interaction.id,
    commandName: interaction.commandName,
    subcommand: sub ? (group ? `${group} ${sub}` : sub) : null,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    executedAt: interaction.createdAt.toISOString(),
  };
}
