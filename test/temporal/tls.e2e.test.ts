/**
 * Temporal anywhere: the worker (with its delivery process) and the bot reach a cluster through TLS
 * with a client certificate and an API key, as they would Temporal Cloud or a self-hosted cluster
 * behind mutual TLS. The suite's dev server speaks plain gRPC, so a proxy in front of it plays the
 * secured frontend (test/harness/grpc-tls-proxy.ts): every call it forwards proves the connection
 * presented the CA-signed client certificate and the key.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { TEST_BOT_TOKEN } from '../harness/deps';
import { startGrpcTlsProxy, type GrpcTlsProxy } from '../harness/grpc-tls-proxy';
import { ROOT } from '../harness/paths';
import { exitOf, spawnEntryPoint, waitForOutput } from '../harness/processes';
import { createTestDatabase } from '../harness/sqlite';
import { harnessInfo } from '../harness/temporal';
import { makeTestCertificates, type TestCertificates } from '../harness/tls-certs';
import { waitFor } from '../harness/wait';

const NAMESPACE = 'vrcpulse-tls';
const API_KEY = 'test-api-key.3f9c2b7e51d04a6c';
const TASK_QUEUE = 'vrcpulse-tls';

let certs: TestCertificates;
let proxy: GrpcTlsProxy;
let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  certs = makeTestCertificates();
  proxy = await startGrpcTlsProxy({
    upstream: harnessInfo().address,
    apiKey: API_KEY,
    tls: {
      cert: certs.read(certs.files.serverCert),
      key: certs.read(certs.files.serverKey),
      ca: certs.read(certs.files.ca),
    },
  });
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await proxy?.close();
  await discord?.close();
  await db?.cleanup();
  certs?.cleanup();
});

/** The environment an operator would set for a secured cluster, here the proxy. */
function securedEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: proxy.address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    TEMPORAL_TLS_CA: certs.files.ca,
    TEMPORAL_TLS_CERT: certs.files.clientCert,
    TEMPORAL_TLS_KEY: certs.files.clientKey,
    // the certificate names localhost; the address is an IP
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
    TEMPORAL_API_KEY: API_KEY,
    DATABASE_PATH: db.path,
    DISCORD_TOKEN: TEST_BOT_TOKEN,
    DISCORD_API_BASE_URL: discord.apiBaseUrl,
    VRCHAT_STATUS_BASE_URL: 'http://127.0.0.1:9/api/v2',
    VRCHAT_METRICS_BASE_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'info',
    ...overrides,
  };
}

function launch(script: 'worker-main.js' | 'bot-main.js', env: Record<string, string>): ChildProcess {
  const child = spawnEntryPoint(script, env);
  children.push(child);
  return child;
}

function outputOf(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

const polled = (queue: string) =>
  proxy.calls.some(
    (call) => call.path.endsWith('/PollActivityTaskQueue') && call.body.includes(queue) && !call.refused,
  );

it('the worker, its delivery process and the bot work through mutual TLS and an API key', async () => {
  const worker = launch('worker-main.js', securedEnv());
  const workerOutput = outputOf(worker);
  await waitForOutput(worker, /poll loops running/, 60_000);
  const bot = launch('bot-main.js', securedEnv());
  const botOutput = outputOf(bot);
  await waitForOutput(bot, /discord bot connected/, 60_000);

  // A command that goes through a workflow: the bot's client starts it, the worker runs it.
  const sent = discord.gateway.dispatchInteraction({
    commandName: 'config',
    subcommand: 'setup',
    place: { kind: 'dm' },
  });
  await waitFor(() => discord.interactionResponses(sent.id).edits[0], 60_000, 'the /config setup answer');
  expect(discord.interactionResponses(sent.id).original?.content).toBe(
    'Done! You will get VRChat alerts in your DMs.',
  );
  // The delivery process polls its own queue through the same secured connection.
  await waitFor(() => polled(`${TASK_QUEUE}-delivery`) || undefined, 30_000, 'a delivery-queue poll');
  expect(polled(TASK_QUEUE)).toBe(true);

  const accepted = proxy.calls.filter((call) => !call.refused);
  expect(accepted.length).toBeGreaterThan(10);
  expect(new Set(accepted.map((call) => call.client))).toEqual(new Set(['vrcpulse-client']));
  expect(proxy.calls.filter((call) => call.refused)).toEqual([]);

  bot.kill('SIGTERM');
  worker.kill('SIGTERM');
  expect(await exitOf(bot)).toEqual({ code: 0, signal: null });
  expect(await exitOf(worker)).toEqual({ code: 0, signal: null });
  // The key is a secret: no line of either process shows it.
  expect(workerOutput()).not.toContain(API_KEY);
  expect(botOutput()).not.toContain(API_KEY);
}, 120_000);

it('a wrong API key stops the worker with one clear line and exit code 1', async () => {
  const worker = launch('worker-main.js', securedEnv({ TEMPORAL_API_KEY: 'not-the-key', DISCORD_TOKEN: '' }));
  const output = waitForOutput(worker, /start-up failed/, 60_000).catch((err: Error) => err.message);
  expect(await exitOf(worker)).toEqual({ code: 1, signal: null });
  expect(await output).toMatch(/invalid API key/);
}, 90_000);

/** Connects as the entry points do, in a process of its own, with a 1 s timeout: its exit code and output. */
async function tryConnect(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const script = `
    const { loadConfig } = require(${JSON.stringify(join(ROOT, 'dist', 'src', 'config.js'))});
    const { connectClient, temporalTarget } = require(${JSON.stringify(join(ROOT, 'dist', 'src', 'temporal', 'connection.js'))});
    connectClient(temporalTarget(loadConfig().temporal), '1 second').then(
      (connection) => connection.close().then(() => process.exit(0)),
      (err) => { console.error(err.message); process.exit(3); },
    );`;
  const child = spawn(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env } });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const { code } = await exitOf(child);
  return { code, output };
}

it('a client certificate from another CA is refused before any call', async () => {
  const before = proxy.calls.length;
  const stranger = await tryConnect(
    securedEnv({
      TEMPORAL_TLS_CERT: certs.strangerFiles.clientCert,
      TEMPORAL_TLS_KEY: certs.strangerFiles.clientKey,
    }),
  );
  expect(stranger.code).toBe(3);
  expect(proxy.calls.slice(before)).toEqual([]);
  // the same configuration with our own certificate gets through
  expect((await tryConnect(securedEnv())).code).toBe(0);
});
