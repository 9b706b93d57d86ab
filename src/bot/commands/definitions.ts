/**
 * The slash commands VRCPulse registers with Discord, as the JSON `npm run commands:deploy` sends
 * (pure: no I/O). Every name, description and choice comes from the i18n catalogue in English with a
 * Korean (`ko`) localisation; the English names are what Discord sends back in interactions.
 *
 * Where the commands work (integration_types / contexts):
 * - `/status`, `/report`, `/config`: server installs and user installs; usable in servers, in the
 *   bot's DM and in other DMs / group DMs (user install). `default_member_permissions` is null
 *   (everyone). `/config setup` needs Administrator in a server, but Discord's default permissions
 *   are per top-level command: setting them on `/config` would also hide `/config show` and
 *   `/config language` from every other member, and whether Discord applies member permissions to a
 *   user-installed command run in a server is not documented. So the handler checks Administrator
 *   at run time (and answers with a clear message); server admins may still restrict `/config` under
 *   Server Settings > Integrations.
 * - `/admin`: the settings are global, so only the bot's owners may use it (application owner or
 *   team members, or DISCORD_OWNER_IDS), which Discord cannot express; the handler checks it at run
 *   time and refuses everyone else, server Administrators included. To keep the command out of
 *   ordinary members' command lists it has `default_member_permissions` Administrator (only server
 *   admins see it in servers) and the contexts where an owner would run it: servers and the bot's DM
 *   (where member permissions do not apply), not other people's DMs or group DMs.
 */
import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  Locale,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandStringOption,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { format, MESSAGES, type MessageKey } from '../../discord/i18n';
import { LANGUAGE_SETTINGS } from '../../contracts/commands';
import { MAX_POLL_INTERVAL_SECONDS, MIN_POLL_INTERVAL_SECONDS } from '../../contracts/polling';
import { MAX_REPORT_DETAILS, REPORT_TYPES } from '../../contracts/reports';
import { SETTING_KEYS } from '../../contracts/settings';

/** Channels `/config setup` offers: text and announcement channels of a server. */
export const SETUP_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** Every install and every place: servers, the bot's DM, other DMs and group DMs. */
const EVERYWHERE = {
  integrationTypes: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
} as const;

/** `a.b` for every `command.a.b.name` key that has a `command.a.b.description` too. */
type CommandPath = {
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
function named<B extends Named>(builder: B, path: CommandPath, vars: Record<string, number> = {}): B {
  const name: MessageKey = `command.${path}.name`;
  const description: MessageKey = `command.${path}.description`;
  builder.setName(MESSAGES.en[name]);
  builder.setNameLocalizations({ [Locale.Korean]: MESSAGES.ko[name] });
  builder.setDescription(format(MESSAGES.en[description], vars));
  builder.setDescriptionLocalizations({ [Locale.Korean]: format(MESSAGES.ko[description], vars) });
  return builder;
}

function choice<V extends string>(value: V, key: MessageKey, nameOf: (text: string) => string = (t) => t) {
  return {
    name: nameOf(MESSAGES.en[key]),
    name_localizations: { [Locale.Korean]: nameOf(MESSAGES.ko[key]) },
    value,
  };
}

/** The setting choices show the key itself (as the README documents it) and what it means. */
const settingChoices = () =>
  SETTING_KEYS.map((key) => choice(key, `setting.${key}`, (text) => `${key} · ${text}`));

function settingKeyOption(option: SlashCommandStringOption, path: CommandPath, required: boolean) {
  return named(option, path)
    .setRequired(required)
    .addChoices(...settingChoices());
}

function statusCommand(): SlashCommandBuilder {
  return named(new SlashCommandBuilder(), 'status')
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts)
    .setDefaultMemberPermissions(null);
}

function reportCommand() {
  return named(new SlashCommandBuilder(), 'report')
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts)
    .setDefaultMemberPermissions(null)
    .addStringOption((option) =>
      named(option, 'report.type')
        .setRequired(true)
        .addChoices(...REPORT_TYPES.map((type) => choice(type, `reportType.${type}`))),
    )
    .addStringOption((option) =>
      named(option, 'report.details', { max: MAX_REPORT_DETAILS })
        .setRequired(false)
        .setMaxLength(MAX_REPORT_DETAILS),
    );
}

function configCommand() {
  return named(new SlashCommandBuilder(), 'config')
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(...EVERYWHERE.contexts)
    .setDefaultMemberPermissions(null)
    .addSubcommand((sub) =>
      named(sub, 'config.setup').addChannelOption((option) =>
        // Optional for Discord: in a server the handler requires it; in DMs it is not used.
        named(option, 'config.setup.channel')
          .setRequired(false)
          .addChannelTypes(...SETUP_CHANNEL_TYPES),
      ),
    )
    .addSubcommand((sub) => named(sub, 'config.show'))
    .addSubcommand((sub) => named(sub, 'config.unregister'))
    .addSubcommand((sub) =>
      named(sub, 'config.language').addStringOption((option) =>
        named(option, 'config.language.language')
          .setRequired(true)
          .addChoices(...LANGUAGE_SETTINGS.map((language) => choice(language, `language.${language}`))),
      ),
    );
}

function adminCommand() {
  const bounds = { min: MIN_POLL_INTERVAL_SECONDS, max: MAX_POLL_INTERVAL_SECONDS };
  return named(new SlashCommandBuilder(), 'admin')
    .setIntegrationTypes(...EVERYWHERE.integrationTypes)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
    .addSubcommandGroup((group) =>
      named(group, 'admin.config')
        .addSubcommand((sub) => named(sub, 'admin.config.show'))
        .addSubcommand((sub: SlashCommandSubcommandBuilder) =>
          named(sub, 'admin.config.set')
            .addStringOption((option) => settingKeyOption(option, 'admin.config.set.key', true))
            .addStringOption((option) =>
              named(option, 'admin.config.set.value', bounds).setRequired(true).setMaxLength(100),
            ),
        )
        .addSubcommand((sub) =>
          named(sub, 'admin.config.reset').addStringOption((option) =>
            settingKeyOption(option, 'admin.config.reset.key', false),
          ),
        ),
    );
}

/**
 * The command list for a bulk overwrite (PUT), in the order Discord shows them, built fresh on each
 * call. It is the JSON as it goes on the wire: the builders' unset fields (`autocomplete: undefined`
 * and the like) are dropped, so the value compares equal to what Discord receives.
 */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const commands = [statusCommand(), reportCommand(), configCommand(), adminCommand()];
  return JSON.parse(
    JSON.stringify(commands.map((command) => command.toJSON())),
  ) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
}
