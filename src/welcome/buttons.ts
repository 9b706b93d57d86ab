/**
 * The welcome message's buttons (pure, Discord's wire format): the Korean guide, shown to whoever
 * presses, and setting the server's language to Korean (administrators). Their custom ids carry
 * everything a press needs, so a press works whenever it comes.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { type Language, t } from '../i18n';

export const WELCOME_GUIDE_BUTTON = 'welcome:guide:ko';
export const WELCOME_KOREAN_BUTTON = 'welcome:language:ko';

export type WelcomeButton = 'guide' | 'korean';

export function parseWelcomeCustomId(customId: string): WelcomeButton | null {
  if (customId === WELCOME_GUIDE_BUTTON) return 'guide';
  if (customId === WELCOME_KOREAN_BUTTON) return 'korean';
  return null;
}

export function welcomeButtons(language: Language): APIActionRowComponent<APIButtonComponent>[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          custom_id: WELCOME_GUIDE_BUTTON,
          label: t(language, 'welcome.button.guide'),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          custom_id: WELCOME_KOREAN_BUTTON,
          label: t(language, 'welcome.button.korean'),
        },
      ],
    },
  ];
}
