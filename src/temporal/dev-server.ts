/**
 * Starts and stops an embedded Temporal dev server (`temporal server start-dev`): SQLite
 * persistence, the Web UI, bound to 127.0.0.1. Used by `npm start` and by the test harness.
 *
 * We spawn the CLI ourselves rather than through the SDK's test environment so that shutdown is
 * graceful (SIGTERM, then SIGKILL after a grace period) and the persistence file is closed cleanly.
 * When no binary is installed, the SDK's download is the last resort.
 */
import type * as Testing from '@temporalio/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from '../logger';

export interface DevServerOptions {
  /** Absolute path of the CLI; undefined = download it through the SDK (needs internet). */
  cliPath: string | undefined;
  port: number;
  /** Web UI port, or `false` for a headless server. */
  uiPort: number | false;
  /** Persistence file; undefined = in memory. Its folder is created. */
  dbFilename?: string | undefined;
  namespace: string;
  /** More namespaces to create at start (tests isolate fixed workflow ids this way). */
  extraNamespaces?: string[];
  /** `--dynamic-config-value KEY=VALUE` pairs; values are JSON-encoded as the CLI requires. */
  dynamicConfig?: Record<string, string | number | boolean>;
  /** Custom search attributes to register, e.g. `{ AlertType: 'Keyword' }`. */
  searchAttributes?: Record<
    string,
    'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList'
  >;
  logger: Logger;
  /** How long to wait for the frontend to answer. */
  startTimeoutMs?: number;
}

export interface DevServer {
  /** gRPC frontend, `127.0.0.1:<port>`. */
  address: string;
  uiUrl: string | undefined;
  /** The server's process id (undefined when the SDK owns the process). */
  pid: number | undefined;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

export function devServerArgs(options: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  for (const namespace of [options.namespace, ...(options.extraNamespaces ?? [])])
    args.push('--namespace', namespace);
  args.push('--log-level', 'warn', '--log-format', 'json');
  if (options.dbFilename) args.push('--db-filename', resolve(options.dbFilename));
  if (options.uiPort === false) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort), '--ui-disable-news-fetch');
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  for (const [name, type] of Object.entries(options.searchAttributes ?? {})) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  return args;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  if (options.dbFilename) mkdirSync(dirname(resolve(options.dbFilename)), { recursive: true });
  return options.cliPath ? startFromBinary(options.cliPath, options) : startThroughSdkDownload(options);
}

async function startFromBinary(cliPath: string, options: DevServerOptions): Promise<DevServer> {
  const { logger } = options;
  const address = `127.0.0.1:${options.port}`;
  // Another server already on the port would answer the readiness check in place of ours (and
  // vanish with its owner): refuse to start instead.
  for (const [port, variable] of [
    [options.port, 'TEMPORAL_DEV_PORT'],
    ...(options.uiPort === false ? [] : [[options.uiPort, 'TEMPORAL_UI_PORT'] as const]),
  ] as const) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} on 127.0.0.1 is in use (another Temporal server or VRCPulse?): stop it, or set ${variable} ` +
          'to a free port, or TEMPORAL_ADDRESS to use that server',
      );
    }
  }
  const child = spawn(cliPath, devServerArgs(options), { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child, logger);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolveExit();
    });
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exitPromise;
    clearTimeout(timer);
  };

  try {
    await Promise.race([
      spawnError,
      waitUntilServing(address, options.namespace, options.startTimeoutMs ?? 30_000, () => {
        if (exited) {
          throw new Error(
            `Temporal dev server exited (${exited.signal ?? `code ${exited.code}`}) before serving on ${address}: ` +
              output.tail(),
          );
        }
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  const uiUrl = options.uiPort === false ? undefined : `http://127.0.0.1:${options.uiPort}`;
  logger.info(
    { address, uiUrl, pid: child.pid, persistence: options.dbFilename ?? 'memory' },
    'Temporal dev server up',
  );
  return { address, uiUrl, pid: child.pid, stop };
}

/** Whether something already listens on 127.0.0.1:`port`. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolvePort(true);
    });
    socket.once('error', () => resolvePort(false));
  });
}

/** Keeps the last lines for error messages and forwards the server's own warnings to our log. */
function captureOutput(child: ChildProcess, logger: Logger): { tail(): string } {
  const lines: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > 20) lines.shift();
      logger.debug({ temporal: line }, 'temporal dev server output');
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return { tail: () => lines.slice(-5).join(' | ') || '(no output)' };
}

async function waitUntilServing(
  address: string,
  namespace: string,
  timeoutMs: number,
  checkAlive: () => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    checkAlive();
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  checkAlive();
  throw new Error(
    `Temporal dev server did not answer on ${address} within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

/**
 * Last resort for a development checkout with internet but no CLI: the SDK's test package downloads
 * and runs it. That package is a dev dependency (the tests use it too); a production install has no
 * embedded server to start, since it runs against TEMPORAL_ADDRESS, so there it fails with the fix.
 */
async function startThroughSdkDownload(options: DevServerOptions): Promise<DevServer> {
  options.logger.warn(
    'No Temporal CLI found (TEMPORAL_CLI_PATH, .tools/, PATH); downloading it through the SDK',
  );
  let TestWorkflowEnvironment: typeof Testing.TestWorkflowEnvironment;
  try {
    ({ TestWorkflowEnvironment } = await import('@temporalio/testing'));
  } catch {
    throw new Error(
      'No Temporal CLI found and @temporalio/testing is not installed (a production install): ' +
        'set TEMPORAL_ADDRESS to your Temporal frontend, or TEMPORAL_CLI_PATH to a `temporal` binary',
    );
  }
  const extraArgs = devServerArgs({ ...options, dbFilename: undefined }).slice(
    devServerArgs({ ...options, dbFilename: undefined, dynamicConfig: {}, searchAttributes: {} }).length,
  );
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip: '127.0.0.1',
      port: options.port,
      namespace: options.namespace,
      ...(options.dbFilename ? { dbFilename: resolve(options.dbFilename) } : {}),
      ...(options.uiPort === false ? { ui: false } : { ui: true, uiPort: options.uiPort }),
      extraArgs,
    },
  });
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort === false ? undefined : `http://127.0.0.1:${options.uiPort}`,
    pid: undefined,
    stop: () => env.teardown(),
  };
}
