/**
 * Registers the slash commands with one bulk overwrite (PUT): Discord then holds exactly this list,
 * so renamed or removed commands disappear too. Run by `npm run commands:deploy`, never on `ready`
 * (command creation is rate limited to 200 per day per guild, and a restart loop would burn it).
 */
import type { REST } from '@discordjs/rest';
import {
  ApplicationCommandOptionType,
  Routes,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord-api-types/v10';
import { commandDefinitions } from './commands';

export interface DeployOptions {
  rest: REST;
  applicationId: string;
  /** Register to this guild only (DISCORD_DEV_GUILD_ID): instant updates while developing. */
  guildId?: string | undefined;
  /** Default: {@link commandDefinitions}. */
  commands?: RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

export interface DeployResult {
  scope: 'global' | 'guild';
  guildId: string | undefined;
  /** What Discord answered: the registered commands, with their ids. */
  commands: APIApplicationCommand[];
}

/**
 * The commands as a guild registration: `integration_types` and `contexts` apply to global commands
 * only (application-commands.mdx), and guild commands do not support the BOT_DM context, so they are
 * left out rather than sent for Discord to ignore or refuse.
 */
export function asGuildCommands(
  commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => {
    const { integration_types: _integrationTypes, contexts: _contexts, ...rest } = command;
    return rest;
  });
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const all = options.commands ?? commandDefinitions();
  const guildId = options.guildId;
  const route =
    guildId === undefined
      ? Routes.applicationCommands(options.applicationId)
      : Routes.applicationGuildCommands(options.applicationId, guildId);
  const body = guildId === undefined ? all : asGuildCommands(all);
  const registered = (await options.rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return { scope: guildId === undefined ? 'global' : 'guild', guildId, commands: registered };
}

/**
 * `/config setup|show|unregister|language`, `/admin show, config show|set|reset`: for people to
 * read. Subcommands are joined by `|`, each group after them as `group a|b`.
 */
export function describeCommand(command: Pick<APIApplicationCommand, 'name' | 'options'>): string {
  const options = command.options ?? [];
  const subcommandsOf = (list: readonly APIApplicationCommandOption[] | undefined) =>
    (list ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand).map((o) => o.name);
  const parts = [
    subcommandsOf(options).join('|'),
    ...options
      .filter((o) => o.type === ApplicationCommandOptionType.SubcommandGroup)
      .map((group) => `${group.name} ${subcommandsOf('options' in group ? group.options : []).join('|')}`),
  ].filter((part) => part.length > 0);
  return parts.length === 0 ? `/${command.name}` : `/${command.name} ${parts.join(', ')}`;
}
