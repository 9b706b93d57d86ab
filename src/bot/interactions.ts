/**
 * Routes every interaction: acknowledge within Discord's 3 s (defer), resolve the reply language,
 * run the handler (which talks to Temporal), edit the reply. Every slash command ends up in
 * command_logs: through the handler's workflow message, or through a `logCommand` signal here.
 * Errors the user can fix are answered plainly; anything else gets a generic answer with a short
 * reference id that is also in the log line.
 */
import { randomBytes } from 'node:crypto';
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { type Language, resolveLanguage, t } from '../i18n';
import { logCommand } from '../interactions/client';
import { InvalidCommandError } from '../contracts/commands';
import { InvalidReportError } from '../contracts/reports';
import {
  type BotServices,
  type CommandContext,
  commandLogEntry,
  replyLanguage,
  UserFacingError,
} from './context';
import { commandNamed } from './commands';
import { handleUnregisterPress } from './buttons/unregister-press';
import { parseUnregisterCustomId } from './buttons/unregister-buttons';
import { handleWelcomePress } from './buttons/welcome-press';
import { welcomeOnFirstCommand } from './welcome';
import { parseWelcomeCustomId } from '../welcome/buttons';

/** A short id for an unexpected error, quoted to the user and logged with the error. */
export const errorReference = (): string => randomBytes(4).toString('hex');

export async function handleInteraction(interaction: Interaction, services: BotServices): Promise<void> {
  if (interaction.isChatInputCommand()) return handleCommand(interaction, services);
  if (interaction.isButton()) return handleButton(interaction, services);
}

/**
 * The bot is shutting down: an interaction that arrives now is answered at once (nobody would answer
 * it after the restart, and Discord shows "The application did not respond" after 3 s).
 */
export async function answerRestarting(
  interaction: Interaction,
  logger: BotServices['logger'],
): Promise<void> {
  if (!interaction.isRepliable()) return;
  const content = t(resolveLanguage(null, interaction.locale), 'error.restarting');
  try {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  } catch (err) {
    logger.warn({ err, interaction: interaction.id }, 'could not answer an interaction during shutdown');
  }
}

async function handleCommand(interaction: ChatInputCommandInteraction, services: BotServices): Promise<void> {
  const logger = services.logger.child({ interaction: interaction.id, command: interaction.commandName });
  const command = commandNamed(interaction.commandName);
  try {
    await interaction.deferReply(command?.public ? {} : { flags: MessageFlags.Ephemeral });
  } catch (err) {
    // Too late (10062) or already acknowledged elsewhere: nobody is waiting for this answer.
    logger.warn({ err }, 'could not acknowledge the interaction');
    return;
  }
  const ctx: CommandContext = {
    interaction,
    services,
    language: resolveLanguage(null, interaction.locale),
    log: commandLogEntry(interaction),
    logged: false,
  };
  try {
    ctx.language = await replyLanguage(services, interaction);
    if (!command) throw new UserFacingError(t(ctx.language, 'error.unknownCommand'));
    await command.execute(ctx);
    logger.debug({ subcommand: ctx.log.subcommand }, 'command answered');
  } catch (err) {
    await answerError(interaction, ctx.language, err, logger);
  } finally {
    await welcomeOnFirstCommand(interaction, services, logger);
    if (!ctx.logged) {
      await logCommand(services.temporal.client, services.temporal.taskQueue, ctx.log).catch((err: unknown) =>
        logger.error({ err, entry: ctx.log }, 'command could not be logged'),
      );
    }
  }
}

async function answerError(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  language: Language,
  err: unknown,
  logger: BotServices['logger'],
): Promise<void> {
  let content: string;
  if (err instanceof UserFacingError) {
    content = err.message;
    logger.info({ reason: err.message }, 'command refused');
  } else if (err instanceof InvalidCommandError || err instanceof InvalidReportError) {
    // The workflow's validator refused what the bot's own checks let through.
    content = t(language, 'error.invalidOption', { reason: err.message });
    logger.warn({ err }, 'command refused by the workflow');
  } else {
    const ref = errorReference();
    content = t(language, 'error.generic', { ref });
    logger.error({ err, ref }, 'command failed');
  }
  try {
    if (interaction.deferred || interaction.replied)
      await interaction.editReply({ content, embeds: [], components: [] });
    else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  } catch (replyErr) {
    logger.warn({ err: replyErr }, 'could not send the error reply');
  }
}

async function handleButton(interaction: ButtonInteraction, services: BotServices): Promise<void> {
  const logger = services.logger.child({ interaction: interaction.id, button: interaction.customId });
  const button = parseUnregisterCustomId(interaction.customId);
  const welcome = parseWelcomeCustomId(interaction.customId);
  const language = resolveLanguage(null, interaction.locale);
  try {
    if (welcome) return await handleWelcomePress(interaction, services, welcome);
    if (!button) throw new UserFacingError(t(language, 'error.unknownCommand'));
    await handleUnregisterPress(interaction, services, button);
  } catch (err) {
    await answerError(interaction, language, err, logger);
  }
}
