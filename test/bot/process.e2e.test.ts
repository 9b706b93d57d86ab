/**
 * The bot as operators run it: `npm run bot` (dist/src/bot-main.js) alone, and inside `npm start`
 * when DISCORD_TOKEN is set. Clear fatal errors with exit code 1 (no token, bad token, Temporal not
 * reachable, database not migrated), one gateway connection with the Guilds intent only, commands
 * answered, and a clean exit 0 on SIGTERM. (The suite's global setup built dist/.)
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayIntentBits } from 'discord.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { TEST_BOT_TOKEN } from '../harness/deps';
import { harnessInfo } from '../harness/temporal';
import { freePort } from '../harness/ports';
import { exitOf, waitForOutput, type EntryPoint, spawnEntryPoint } from '../harness/processes';
import { createTestDatabase } from '../harness/sqlite';
import { waitFor } from '../harness/wait';

let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await discord?.close();
  await db?.cleanup();
});

function launch(script: EntryPoint, env: Record<string, string>): ChildProcess {
  const child = spawnEntryPoint(script, { LOG_LEVEL: 'info', ...env });
  children.push(child);
  return child;
}

function botEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const info = harnessInfo();
  return {
    DISCORD_TOKEN: TEST_BOT_TOKEN,
    DISCORD_API_BASE_URL: discord.apiBaseUrl,
    TEMPORAL_ADDRESS: info.address,
    TEMPORAL_NAMESPACE: info.namespace,
    DATABASE_PATH: db.path,
    ...overrides,
  };
}

async function failsWith(child: ChildProcess, pattern: RegExp): Promise<void> {
  const output = waitForOutput(child, pattern, 30_000).catch((err: Error) => err.message);
  const exit = await exitOf(child);
  expect(await output).toMatch(pattern);
  expect(exit.code).toBe(1);
}

describe('npm run bot: fatal errors stop it with one clear line and exit code 1', () => {
  it('without DISCORD_TOKEN', async () => {
    const { DISCORD_TOKEN: _unused, ...env } = botEnv();
    await failsWith(launch('bot-main.js', env), /DISCORD_TOKEN is not set/);
  });

  it('with a token Discord refuses', async () => {
    await failsWith(
      launch('bot-main.js', botEnv({ DISCORD_TOKEN: 'not-the-right-token-0000000000' })),
      /could not log in \(is DISCORD_TOKEN right\?\)/,
    );
  });

  it('when Temporal is not reachable', async () => {
    const port = await freePort();
    await failsWith(
      launch('bot-main.js', botEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${port}` })),
      new RegExp(`Temporal is not reachable at 127\\.0\\.0\\.1:${port}`),
    );
  }, 40_000);

  it('when the database has not been migrated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-bot-'));
    try {
      await failsWith(
        launch('bot-main.js', botEnv({ DATABASE_PATH: join(dir, 'new.db') })),
        /needs \d+ migration\(s\); run `npm run migrate`/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('npm run bot: one connection with the Guilds intent, answers commands, exits 0 on SIGTERM', async () => {
  const identifiesBefore = discord.gateway.identifies.length;
  const child = launch('bot-main.js', botEnv());
  await waitForOutput(child, /discord bot connected/, 30_000);
  expect(discord.gateway.identifies.slice(identifiesBefore)).toEqual([
    expect.objectContaining({ token: TEST_BOT_TOKEN, intents: GatewayIntentBits.Guilds }),
  ]);
  // Nothing registers commands on start: that is `npm run commands:deploy`.
  expect(discord.commandRegistrations).toEqual([]);
  // A view needs no worker: the bot reads SQLite and only signals the log.
  const sent = discord.gateway.dispatchInteraction({ commandName: 'status', place: { kind: 'dm' } });
  await waitFor(() => discord.interactionResponses(sent.id).edits[0], 60_000, 'the /status answer');
  expect(discord.interactionResponses(sent.id).original?.embeds[0]?.title).toBe('VRChat status');
  child.kill('SIGTERM');
  expect(await exitOf(child)).toEqual({ code: 0, signal: null });
}, 60_000);

it.each([
  [
    4004,
    /Discord closed the gateway for good \(shard 0\): code 4004 \(authentication failed: the token was reset or revoked/,
  ],
  [4014, /Discord closed the gateway for good \(shard 0\): code 4014 \(disallowed intents/],
])(
  'npm run bot ends with exit 1 and the reason when Discord closes the gateway with %i',
  async (code, reason) => {
    const child = launch('bot-main.js', botEnv());
    await waitForOutput(child, /discord bot connected/, 30_000);
    const output = waitForOutput(child, reason, 30_000).catch((err: Error) => err.message);
    discord.gateway.disconnect(code, 'closed by the test');
    expect(await exitOf(child)).toEqual({ code: 1, signal: null });
    expect(await output).toMatch(reason);
  },
  60_000,
);

it('npm start with DISCORD_TOKEN runs the bot next to the worker', async () => {
  const info = harnessInfo();
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-start-bot-'));
  try {
    const child = launch('main.js', {
      ...botEnv({ TEMPORAL_NAMESPACE: 'vrcpulse-bot-process', DATABASE_PATH: join(dir, 'vrcpulse.db') }),
      TEMPORAL_ADDRESS: info.address,
      VRCHAT_STATUS_BASE_URL: 'http://127.0.0.1:9/api/v2',
      VRCHAT_METRICS_BASE_URL: 'http://127.0.0.1:9',
    });
    await waitForOutput(child, /VRCPulse is running/, 60_000);
    // A command that goes through a workflow proves the worker and the bot are both up.
    const sent = discord.gateway.dispatchInteraction({
      commandName: 'config',
      subcommand: 'setup',
      place: { kind: 'dm' },
    });
    await waitFor(() => discord.interactionResponses(sent.id).edits[0], 60_000, 'the /config setup answer');
    expect(discord.interactionResponses(sent.id).original?.content).toBe(
      'Done! You will get VRChat alerts in your DMs.',
    );
    child.kill('SIGINT');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
