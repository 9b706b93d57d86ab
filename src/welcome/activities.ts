import { ApplicationFailure } from '@temporalio/common';
import { finalRefusal, messageNonce, postMessage } from '../discord/send';
import { resolveLanguage } from '../i18n';
import { buildWelcomeEmbed } from './embed';
import { welcomeButtons } from './buttons';
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
      const language = resolveLanguage(null, input.locale);
      const message = {
        embeds: [buildWelcomeEmbed(language, 'guild')],
        components: welcomeButtons(language),
        nonce: messageNonce('welcome', input.guildId, input.channelId),
      };
      try {
        return { status: 'sent', ...(await postMessage(discord.rest, input.channelId, message)) };
      } catch (err) {
        // No permission in the system channel, or it is gone: nothing to retry, nothing to fix here.
        const refusal = finalRefusal(err);
        if (!refusal) throw err;
        logger.warn({ guild: input.guildId, code: refusal.code }, 'welcome message not sent');
        return { status: 'not_sent', reason: refusal.reason, code: refusal.code };
      }
    },
  };
}
