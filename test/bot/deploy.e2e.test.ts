/**
 * `npm run commands:deploy` end to end: the compiled entry (the suite's global setup built dist/)
 * against the fake Discord REST server. The fake must receive exactly the reviewed command JSON, as
 * one bulk overwrite, globally or (with DISCORD_DEV_GUILD_ID) to one guild; missing settings and
 * Discord errors end in one line on stderr and exit code 1.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { ROOT } from '../harness/paths';
import { fakeSnowflake, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';

const EXPECTED = JSON.parse(
  readFileSync(join(__dirname, 'expected-commands.json'), 'utf8'),
) as RESTPostAPIChatInputApplicationCommandsJSONBody[];

/** Long enough for the config's token rule (bare, >= 20 characters). */
const TOKEN = 'fake-deploy-token-0123456789';
const ENTRY = join(ROOT, 'dist', 'src', 'bot', 'deploy-main.js');

let discord: FakeDiscord;
beforeAll(async () => {
  discord = await startFakeDiscord({ token: TOKEN });
});
afterAll(() => discord.close());
beforeEach(() => discord.reset());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function deploy(env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY], {
      cwd: ROOT,
      // Nothing from the test runner's environment but PATH, so only these settings apply.
      env: Object.fromEntries(
        Object.entries({ PATH: process.env.PATH, ...env }).filter(([, v]) => v !== undefined),
      ),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const baseEnv = () => ({
  DISCORD_TOKEN: TOKEN,
  DISCORD_APPLICATION_ID: discord.applicationId,
  DISCORD_API_BASE_URL: discord.apiBaseUrl,
});

const withoutGuildFields = (commands: RESTPostAPIChatInputApplicationCommandsJSONBody[]) =>
  commands.map(({ integration_types: _i, contexts: _c, ...rest }) => rest);

it('is what the commands:deploy script runs, after a build', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts['commands:deploy']).toBe(
    'npm run --silent build && node --env-file-if-exists=.env dist/src/bot/deploy-main.js',
  );
});

it('registers the commands globally with one bulk overwrite of exactly the reviewed JSON', async () => {
  const run = await deploy(baseEnv());

  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(discord.requests.map((r) => [r.method, r.path, r.status])).toEqual([
    ['PUT', `/api/v10/applications/${discord.applicationId}/commands`, 200],
  ]);
  expect(discord.commandRegistrations).toHaveLength(1);
  const [registration] = discord.commandRegistrations;
  expect(registration).toMatchObject({ applicationId: discord.applicationId, guildId: null });
  expect(registration?.body).toStrictEqual(EXPECTED);

  const lines = run.stdout.trimEnd().split('\n');
  expect(lines[0]).toBe(`Registered 4 commands globally for application ${discord.applicationId}:`);
  expect(lines.slice(1).map((line) => line.replace(/ \(id \d{17,20}\)$/, ''))).toEqual([
    '  /status',
    '  /report',
    '  /config setup|show|unregister|language|style|alerts|mention|test',
    '  /admin show, config show|set|reset',
  ]);
});

it('registers to DISCORD_DEV_GUILD_ID only, without the global-only fields', async () => {
  const guildId = fakeSnowflake();
  const run = await deploy({ ...baseEnv(), DISCORD_DEV_GUILD_ID: guildId });

  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(discord.requests.map((r) => [r.method, r.path, r.status])).toEqual([
    ['PUT', `/api/v10/applications/${discord.applicationId}/guilds/${guildId}/commands`, 200],
  ]);
  const [registration] = discord.commandRegistrations;
  expect(registration).toMatchObject({ applicationId: discord.applicationId, guildId });
  // integration_types and contexts apply to global commands only; everything else is the same.
  const expected = withoutGuildFields(EXPECTED);
  expect(registration?.body).toStrictEqual(expected);
  expect(expected.map((c) => c.default_member_permissions)).toEqual([null, null, null, '8']);
  expect(run.stdout.split('\n')[0]).toBe(
    `Registered 4 commands to guild ${guildId} for application ${discord.applicationId}:`,
  );
});

it('deploying again overwrites the same commands, which keep their ids', async () => {
  const first = await deploy(baseEnv());
  const second = await deploy(baseEnv());
  expect([first.code, second.code]).toEqual([0, 0]);
  expect(discord.commandRegistrations.map((r) => r.body)).toStrictEqual([EXPECTED, EXPECTED]);
  expect(second.stdout).toBe(first.stdout);
});

it.each([
  [{ DISCORD_TOKEN: undefined }, 'Cannot register commands: DISCORD_TOKEN is not set'],
  [{ DISCORD_APPLICATION_ID: undefined }, 'Cannot register commands: DISCORD_APPLICATION_ID is not set'],
  [
    { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: undefined },
    'Cannot register commands: DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set',
  ],
])('without %p: one line on stderr, exit 1, nothing sent', async (override, message) => {
  const run = await deploy({ ...baseEnv(), ...override });
  expect(run).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
  expect(discord.requests).toEqual([]);
});

it('a malformed setting is refused by the config check before anything is sent', async () => {
  const run = await deploy({ ...baseEnv(), DISCORD_APPLICATION_ID: 'my-app' });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    'Invalid configuration: DISCORD_APPLICATION_ID must be a Discord id (17-20 digits) (got "my-app")\n',
  );
  expect(discord.requests).toEqual([]);
});

it('a token Discord refuses: one line naming the 401, without the token, exit 1', async () => {
  const wrong = 'wrong-deploy-token-0123456789';
  const run = await deploy({ ...baseEnv(), DISCORD_TOKEN: wrong });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe('Command registration failed: DiscordAPIError[0]: 401: Unauthorized\n');
  expect(run.stderr).not.toContain(wrong);
  expect(discord.commandRegistrations).toEqual([]);
});
