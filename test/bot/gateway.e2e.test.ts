/**
 * The bot's gateway connection as operators run it (`npm run bot`): shards (Discord's recommended
 * count, or a fixed one that Discord refuses), `/healthz` with each shard's state, the exit when the
 * gateway stays away, and a shutdown that answers what arrives meanwhile and keeps a deadline.
 */
import type { ChildProcess } from 'node:child_process';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { shardOf } from '../fakes/discord-gateway';
import { TEST_BOT_TOKEN } from '../harness/deps';
import { freePort } from '../harness/ports';
import { exitOf, spawnEntryPoint, waitForOutput } from '../harness/processes';
import { createTestDatabase } from '../harness/sqlite';
import { harnessInfo, uniqueTaskQueue } from '../harness/temporal';
import { waitFor } from '../harness/wait';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const children: ChildProcess[] = [];
const fakes: FakeDiscord[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const fake of fakes) await fake.close();
  await db?.cleanup();
});

async function fakeDiscord(gateway: Parameters<typeof startFakeDiscord>[0] = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord({ token: TEST_BOT_TOKEN, ...gateway });
  fakes.push(fake);
  return fake;
}

function launchBot(discord: FakeDiscord, env: Record<string, string> = {}): ChildProcess {
  const info = harnessInfo();
  const child = spawnEntryPoint('bot-main.js', {
    DISCORD_TOKEN: TEST_BOT_TOKEN,
    DISCORD_API_BASE_URL: discord.apiBaseUrl,
    TEMPORAL_ADDRESS: info.address,
    TEMPORAL_NAMESPACE: info.namespace,
    DATABASE_PATH: db.path,
    LOG_LEVEL: 'info',
    ...env,
  });
  children.push(child);
  return child;
}

/** A guild id whose events Discord sends to `shard` of `count` (the timestamp bits decide). */
const guildOnShard = (shard: number, count: number, n = 0): string => {
  for (let ts = 1_700_000_000_000 + n * count; ; ts++) {
    const id = String(BigInt(ts) << 22n);
    if (shardOf(id, count) === shard) return id;
  }
};

const healthz = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; shards: unknown[] } };
};

it("runs as many shards as Discord recommends, each serving its servers' interactions", async () => {
  const discord = await fakeDiscord({ gateway: { recommendedShards: 2, requiredShards: 2 } });
  const guilds = [guildOnShard(0, 2), guildOnShard(1, 2)];
  for (const id of guilds) discord.gateway.addGuild({ id });
  const healthPort = await freePort();
  const bot = launchBot(discord, { HEALTH_PORT: String(healthPort) });
  await waitForOutput(bot, /discord bot connected/, 60_000);

  expect(discord.gateway.identifies.map((identify) => identify.shard)).toEqual([
    [0, 2],
    [1, 2],
  ]);
  expect(discord.gateway.readyShards).toEqual([
    [0, 2],
    [1, 2],
  ]);
  // An interaction in a server of each shard, and one in DMs (shard 0), each answered.
  const sent = [
    ...guilds.map((guildId) =>
      discord.gateway.dispatchInteraction({ commandName: 'status', place: { kind: 'guild', guildId } }),
    ),
    discord.gateway.dispatchInteraction({ commandName: 'status', place: { kind: 'dm' } }),
  ];
  for (const interaction of sent) {
    await waitFor(() => discord.interactionResponses(interaction.id).edits[0], 30_000, 'the /status answer');
    expect(discord.interactionResponses(interaction.id).original?.embeds[0]?.title).toBe('VRChat status');
  }

  const health = await healthz(healthPort);
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({
    status: 'ok',
    shards: [
      { id: 0, status: 'ready' },
      { id: 1, status: 'ready' },
    ],
  });
  bot.kill('SIGTERM');
  expect(await exitOf(bot)).toEqual({ code: 0, signal: null });
}, 90_000);

it('a shard count Discord refuses (4011 sharding required) ends the bot with one clear line', async () => {
  const discord = await fakeDiscord({ gateway: { recommendedShards: 2, requiredShards: 2 } });
  const bot = launchBot(discord, { DISCORD_SHARDS: '1' });
  const reason =
    /Discord closed the gateway for good( \(shard 0\))?: code 4011 \(sharding required: .*DISCORD_SHARDS=auto\)/;
  const output = waitForOutput(bot, reason, 30_000).catch((err: Error) => err.message);
  expect(await exitOf(bot)).toEqual({ code: 1, signal: null });
  expect(await output).toMatch(reason);
}, 60_000);

it('a gateway that stays away turns /healthz to 503, then ends the bot for its supervisor to restart', async () => {
  const discord = await fakeDiscord();
  const healthPort = await freePort();
  const bot = launchBot(discord, { HEALTH_PORT: String(healthPort), DISCORD_GATEWAY_TIMEOUT: '10' });
  await waitForOutput(bot, /discord bot connected/, 60_000);
  expect((await healthz(healthPort)).status).toBe(200);

  const reason =
    /the Discord gateway \(shard 0\) has not been connected for \d+ s, longer than DISCORD_GATEWAY_TIMEOUT/;
  const output = waitForOutput(bot, reason, 40_000).catch((err: Error) => err.message);
  await discord.gateway.close(); // connections dropped, new ones refused: discord.js keeps trying
  const down = await waitFor(
    async () => {
      const health = await healthz(healthPort);
      return health.status === 503 ? health.body : undefined;
    },
    20_000,
    '/healthz to answer 503',
  );
  expect(down).toMatchObject({ status: 'down', shards: [{ id: 0, status: 'connecting' }] });
  expect(await exitOf(bot)).toEqual({ code: 1, signal: null });
  expect(await output).toMatch(reason);
}, 90_000);

it('a gateway that refuses connections at start-up ends the bot with one clear line', async () => {
  const discord = await fakeDiscord();
  await discord.gateway.close(); // REST answers; the gateway refuses every connection (HTTP 404)
  const bot = launchBot(discord, { DISCORD_GATEWAY_TIMEOUT: '10' });
  // refused at once here; a gateway that accepts and then says nothing ends it after the timeout
  const reason =
    /"level":60.*"msg":"(the Discord bot could not log in|the Discord gateway did not become ready)/;
  const output = waitForOutput(bot, reason, 40_000).catch((err: Error) => err.message);
  expect(await exitOf(bot)).toEqual({ code: 1, signal: null });
  expect(await output).toMatch(reason);
}, 60_000);

it('on SIGTERM it answers new interactions with "restarting" and stops within its deadline', async () => {
  const discord = await fakeDiscord();
  // No worker serves this queue: a command that needs one stays in progress.
  const bot = launchBot(discord, { TEMPORAL_TASK_QUEUE: uniqueTaskQueue('bot-shutdown') });
  let output = '';
  bot.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForOutput(bot, /discord bot connected/, 60_000);
  const stuck = discord.gateway.dispatchInteraction({
    commandName: 'config',
    subcommand: 'setup',
    place: { kind: 'dm' },
  });
  await waitFor(() => discord.interactionResponses(stuck.id).callback, 30_000, 'the deferral');

  const stoppingAt = Date.now();
  bot.kill('SIGTERM');
  await waitFor(() => (output.includes('shutting down') ? true : undefined), 10_000, 'shutting down');
  const late = discord.gateway.dispatchInteraction({ commandName: 'status', place: { kind: 'dm' } });
  await waitFor(() => discord.interactionResponses(late.id).original, 10_000, 'the answer during shutdown');
  expect(discord.interactionResponses(late.id).original?.content).toBe(
    'VRCPulse is restarting. Please try again in a minute.',
  );
  expect(discord.interactionResponses(late.id).ephemeral).toBe(true);

  expect(await exitOf(bot)).toEqual({ code: 0, signal: null });
  // it waited for the command in progress, but not forever
  expect(Date.now() - stoppingAt).toBeGreaterThanOrEqual(9_000);
  expect(output).toMatch(/shutdown deadline: disconnecting with interactions still in progress/);
}, 90_000);
