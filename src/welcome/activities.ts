import { createHash } from 'node:crypto';
import { DiscordAPIError } from '@discordjs/rest';
import { ApplicationFailure } from '@temporalio/common';
import { Routes } from 'discord-api-types/v10';
import { FINAL_ERROR_CODES } from '../alerts/deliver';
import { resolveLanguage } from '../discord/i18n';
import { buildWelcomeEmbed } from './embed';
import type { WelcomeInput, WelcomeOutcome } from '../contracts/welcome';
import type { ActivityDeps } from '../activities/deps';

export function createWelcomeActivities({ discord, logger }: Pick<ActivityDeps, 'discord' | 'logger'>) {
  return {
    /**
     * Posts the welcome embed. The nonce is fixed per guild and channel, so a send repeated after a
     * crash or a timeout returns Discord's first message instead of posting a second one.
     */
    async sendWelcome(input: WelcomeInput): Promise<WelcomeOutcome> {
      if (!discord) {
        throw ApplicationFailure.nonRetryable('DISCORD_TOKEN is not set on the worker', 'DiscordDisabled');
      }
      const body = {
        embeds: [buildWelcomeEmbed(resolveLanguage(null, input.locale), 'guild')],
        nonce: createHash('sha256')
          .update(`welcome\u0000${input.guildId}\u0000${input.channelId}`)
          .digest('base64url')
          .slice(0, 25),
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
      };
      try {
        const message = (await discord.rest.post(Routes.channelMessages(input.channelId), { body })) as {
          id: string;
        };
        return { status: 'sent', messageId: message.id };
      } catch (err) {
        // No permission in the system channel, or it is gone: nothing to retry, nothing to fix here.
        if (err instanceof DiscordAPIError && typeof err.code === 'number' && err.code in FINAL_ERROR_CODES) {
          logger.warn({ guild: input.guildId, code: err.code }, 'welcome message not sent');
          return { status: 'not_sent', reason: FINAL_ERROR_CODES[err.code]!, code: err.code };
        }
        throw err;
      }
    },
  };
}
