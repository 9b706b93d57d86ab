/**
 * VRCPulse as `npm start` runs it with a token (worker and bot in one process,
 * `node dist/src/main.js`), for the end-to-end benchmarks that drive it through the fake Discord.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Logger } from '../../src/logger';
import { type FakeDiscord, startFakeDiscord } from '../../test/fakes/discord-server';
import { startBenchTemporal, startQuietVrchat } from './bench-services';

export interface AppOptions {
  /** Working folder of the process (its relative paths land there). */
  cwd: string;
  databasePath: string;
  temporalAddress: string;
  namespace: string;
  statusBaseUrl: string;
  metricsBaseUrl: string;
  discordToken: string;
  discordApiBaseUrl: string;
}

export interface RunningApp {
  process: ChildProcess;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Starts `dist/src/main.js` and resolves once it logs that it is running. */
export async function startApp(options: AppOptions, readyTimeoutMs = 120_000): Promise<RunningApp> {
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'src', 'main.js')], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_NAMESPACE: options.namespace,
      DATABASE_PATH: options.databasePath,
      VRCHAT_STATUS_BASE_URL: options.statusBaseUrl,
      VRCHAT_METRICS_BASE_URL: options.metricsBaseUrl,
      DISCORD_TOKEN: options.discordToken,
      DISCORD_API_BASE_URL: options.discordApiBaseUrl,
      LOG_LEVEL: 'info',
    },
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForLine(child, /VRCPulse is running/, readyTimeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { process: child, stop };
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining the pipes: a full pipe would block the process's logging.
      child.stdout?.resume();
      child.stderr?.resume();
      fn();
    };
    const timer = setTimeout(
      () => done(() => reject(new Error(`timed out waiting for ${pattern}:\n${seen}`))),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-20_000);
      if (pattern.test(seen)) done(resolve);
    };
    const onExit = (code: number | null) =>
      done(() => reject(new Error(`VRCPulse exited (${code}):\n${seen}`)));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * The whole end-to-end stack of the bot benchmarks: a quiet fake VRChat, the fake Discord (REST and
 * gateway, with the bot in `guildIds`), a Temporal dev server and VRCPulse on `databasePath`, each
 * stopped by a function pushed onto `cleanups` (run them in reverse). Resolves once the poll loops
 * have had their first cycles.
 */
export async function startAppStack(
  options: {
    cwd: string;
    databasePath: string;
    guildIds: string[];
    token: string;
    namespace: string;
    logger: Logger;
  },
  cleanups: (() => Promise<unknown>)[],
): Promise<{ discord: FakeDiscord; temporalAddress: string }> {
  const vrchat = await startQuietVrchat();
  cleanups.push(() => vrchat.close());
  const discord = await startFakeDiscord({ token: options.token });
  cleanups.push(() => discord.close());
  for (const id of options.guildIds) discord.gateway.addGuild({ id, systemChannelId: null });
  const server = await startBenchTemporal(options.namespace, options.logger);
  cleanups.push(() => server.stop());
  const app = await startApp({
    cwd: options.cwd,
    databasePath: options.databasePath,
    temporalAddress: server.address,
    namespace: options.namespace,
    statusBaseUrl: vrchat.statusBaseUrl,
    metricsBaseUrl: vrchat.metricsBaseUrl,
    discordToken: options.token,
    discordApiBaseUrl: discord.apiBaseUrl,
  });
  cleanups.push(() => app.stop());
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // the poll loops' first cycles
  return { discord, temporalAddress: server.address };
}
