/**
 * `npm run commands:deploy`: registers the slash commands with one bulk overwrite, globally or, when
 * DISCORD_DEV_GUILD_ID is set, to that guild only, and lists what Discord now holds. Needs
 * DISCORD_TOKEN and DISCORD_APPLICATION_ID; any failure is one line on stderr and exit code 1.
 */
import { REST } from '@discordjs/rest';
import { loadConfigOrExit } from '../config';
import { scrubSecrets } from '../logger';
import { deployCommands, describeCommand } from './deploy';

function fail(message: string, token?: string): never {
  process.stderr.write(`${scrubSecrets(message.replace(/\s*\n\s*/g, '; '), token ? [token] : [])}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { token, applicationId, devGuildId, apiBaseUrl } = config.discord;
  if (!token || !applicationId) {
    const missing = [token ? null : 'DISCORD_TOKEN', applicationId ? null : 'DISCORD_APPLICATION_ID'].filter(
      (name) => name !== null,
    );
    fail(`Cannot register commands: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`);
  }

  const rest = new REST({ api: apiBaseUrl, version: '10', retries: 2, timeout: 15_000 }).setToken(token);
  const result = await deployCommands({ rest, applicationId, guildId: devGuildId }).catch((err: unknown) =>
    fail(
      `Command registration failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
      token,
    ),
  );

  const where = result.scope === 'global' ? 'globally' : `to guild ${result.guildId}`;
  const lines = [
    `Registered ${result.commands.length} commands ${where} for application ${applicationId}:`,
    ...result.commands.map((command) => `  ${describeCommand(command)} (id ${command.id})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => fail(`Command registration failed: ${String(err)}`));
