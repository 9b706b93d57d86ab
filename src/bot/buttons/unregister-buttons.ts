/**
 * The confirm / cancel buttons of `/config unregister`. Everything a press needs is in the button's
 * custom id (action, the invoker, when they were shown), so a press works after a bot restart and
 * nothing has to be remembered: only the invoker may press, and only within 15 minutes.
 */
import { SNOWFLAKE_DIGITS } from '../../contracts/discord-ids';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { type Language, t } from '../../i18n';

export const UNREGISTER_BUTTONS_TTL_MS = 15 * 60_000;
const PREFIX = 'unregister';

export interface UnregisterButton {
  action: 'confirm' | 'cancel';
  invokerId: string;
  issuedAtMs: number;
}

export const unregisterCustomId = (b: UnregisterButton): string =>
  `${PREFIX}:${b.action}:${b.invokerId}:${b.issuedAtMs}`;

const CUSTOM_ID = new RegExp(`^${PREFIX}:(confirm|cancel):(${SNOWFLAKE_DIGITS}):(\\d{1,15})$`);

export function parseUnregisterCustomId(customId: string): UnregisterButton | null {
  const match = CUSTOM_ID.exec(customId);
  if (!match) return null;
  return { action: match[1] as 'confirm' | 'cancel', invokerId: match[2]!, issuedAtMs: Number(match[3]) };
}

export function unregisterButtons(language: Language, invokerId: string, issuedAtMs: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(unregisterCustomId({ action: 'confirm', invokerId, issuedAtMs }))
      .setLabel(t(language, 'button.confirmUnregister'))
      .setStyle(ButtonStyle.Danger),
    new ButtonBuilder()
      .setCustomId(unregisterCustomId({ action: 'cancel', invokerId, issuedAtMs }))
      .setLabel(t(language, 'button.cancel'))
      .setStyle(ButtonStyle.Secondary),
  );
}

export const isExpired = (button: UnregisterButton, nowMs: number): boolean =>
  nowMs - button.issuedAtMs >= UNREGISTER_BUTTONS_TTL_MS || nowMs < button.issuedAtMs - 60_000;
