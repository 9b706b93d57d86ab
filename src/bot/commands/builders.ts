/**
 * What every slash command definition is built with (pure: no I/O): names, descriptions and
 * choices from the i18n catalogue in English with a Korean (`ko`) localisation (the English names
 * are what Discord sends back in interactions), and where commands work. Each command's own module
 * (status.ts, report.ts, config.ts, admin.ts) builds its `data` from these; index.ts lists them.
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  Locale,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandStringOption,
} from 'discord.js';
import { format, MESSAGES, type MessageKey } from '../../i18n';
import type { CommandContext } from '../context';
import { SETTING_KEYS } from '../../contracts/settings';

/**
 * A slash command: its definition as registered with Discord (`data`, which
 * `npm run commands:deploy` sends) and what runs when someone uses it (`execute`, after the router
 * has deferred the reply, ephemeral unless `public`).
 */
export interface SlashCommand {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Whether the answer is for everyone in the channel (else for the invoker alone). */
  public: boolean;
  execute(ctx: CommandContext): Promise<void>;
}

/** Every install and every place: servers, the bot's DM, other DMs and group DMs. */
export const EVERYWHERE = {
  integrationTypes: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
} as const;

/** `a.b` for every `command.a.b.name` key that has a `command.a.b.description` too. */
export type CommandPath = {
  [K in MessageKey]: K extends `command.${infer P}.name`
    ? `command.${P}.description` extends MessageKey
      ? P
      : never
    : never;
}[MessageKey];

interface Named {
  setName(name: string): unknown;
  setNameLocalizations(localizations: Partial<Record<Locale, string>>): unknown;
  setDescription(description: string): unknown;
  setDescriptionLocalizations(localizations: Partial<Record<Locale, string>>): unknown;
}

/** Sets the English name and description of `builder` and their Korean localisations. */
export function named<B extends Named>(builder: B, path: CommandPath, vars: Record<string, number> = {}): B {
  const name: MessageKey = `command.${path}.name`;
  const description: MessageKey = `command.${path}.description`;
  builder.setName(MESSAGES.en[name]);
  builder.setNameLocalizations({ [Locale.Korean]: MESSAGES.ko[name] });
  builder.setDescription(format(MESSAGES.en[description], vars));
  builder.setDescriptionLocalizations({ [Locale.Korean]: format(MESSAGES.ko[description], vars) });
  return builder;
}

export function choice<V extends string>(
  value: V,
  key: MessageKey,
  nameOf: (text: string) => string = (t) => t,
) {
  return {
    name: nameOf(MESSAGES.en[key]),
    name_localizations: { [Locale.Korean]: nameOf(MESSAGES.ko[key]) },
    value,
  };
}

/** The setting choices show the key itself (as the README documents it) and what it means. */
const settingChoices = () =>
  SETTING_KEYS.map((key) => choice(key, `setting.${key}`, (text) => `${key} · ${text}`));

export function settingKeyOption(option: SlashCommandStringOption, path: CommandPath, required: boolean) {
  return named(option, path)
    .setRequired(required)
    .addChoices(...settingChoices());
}
