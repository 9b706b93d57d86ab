/**
 * Every slash command VRCPulse has, in the order Discord shows them. The interaction router runs
 * them by name and `npm run commands:deploy` registers their `data`: one list for both, so a
 * command cannot be registered without a handler or handled without being registered.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { command as admin } from './admin';
import type { SlashCommand } from './builders';
import { command as config } from './config';
import { command as report } from './report';
import { command as status } from './status';

export type { SlashCommand } from './builders';

export const COMMANDS: readonly SlashCommand[] = [status, report, config, admin];

/** The command that Discord names `name` in an interaction. */
export const commandNamed = (name: string): SlashCommand | undefined =>
  COMMANDS.find((command) => command.data.name === name);

/**
 * The command list for a bulk overwrite (PUT), as it goes on the wire: the builders' unset fields
 * (`autocomplete: undefined` and the like) are dropped, so the value compares equal to what Discord
 * receives.
 */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return JSON.parse(
    JSON.stringify(COMMANDS.map((command) => command.data.toJSON())),
  ) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
}
