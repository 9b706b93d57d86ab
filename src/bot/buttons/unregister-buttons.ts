/**
 * The confirm / cancel buttons of `/config unregister`. Everything a press needs is in the button's
 * custom id (action, the invoker, when they were shown, and what they unregister: a server or the
 * invoker's DMs), so a press works after a bot restart and nothing has to be remembered: only the
 * invoker may press, only within 15 minutes, and only for the registration they were shown for.
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
  /**
   * The server the buttons unregister, or null for the invoker's DMs. Undefined on buttons shown by
   * earlier releases (at most 15 minutes old at a deploy): those act where they are pressed.
   */
  guildId?: string | null;
}

export const unregisterCustomId = (b: UnregisterButton): string =>
  `${PREFIX}:${b.action}:${b.invokerId}:${b.issuedAtMs}` +
  (b.guildId === undefined ? '' : `:${b.guildId === null ? 'dm' : `g${b.guildId}`}`);

const CUSTOM_ID = new RegExp(
  `^${PREFIX}:(confirm|cancel):(${SNOWFLAKE_DIGITS}):(\\d{1,15})(?::(dm|g${SNOWFLAKE_DIGITS}))?$`,
);

export function parseUnregisterCustomId(customId: string): UnregisterButton | null {
  const match = CUSTOM_ID.exec(customId);
  if (!match) return null;
  const target = match[4];
  return {
    action: match[1] as 'confirm' | 'cancel',
    invokerId: match[2]!,
    issuedAtMs: Number(match[3]),
    ...(target === undefined ? {} : { guildId: target === 'dm' ? null : target.slice(1) }),
  };
}

export function unregisterButtons(
  language: Language,
  invokerId: string,
  issuedAtMs: number,
  guildId: string | null,
) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(unregisterCustomId({ action: 'confirm', invokerId, issuedAtMs, guildId }))
      .setLabel(t(language, 'button.confirmUnregister'))
      .setStyle(ButtonStyle.Danger),
    new ButtonBuilder()
      .setCustomId(unregisterCustomId({ action: 'cancel', invokerId, issuedAtMs, guildId }))
      .setLabel(t(language, 'button.cancel'))
      .setStyle(ButtonStyle.Secondary),
  );
}

export const isExpired = (button: UnregisterButton, nowMs: number): boolean =>
  nowMs - button.issuedAtMs >= UNREGISTER_BUTTONS_TTL_MS || nowMs < button.issuedAtMs - 60_000;
