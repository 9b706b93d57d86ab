import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';
import { harnessInfo } from './temporal';

/** Every live descendant of `pid`, read from /proc (Linux). */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name, which is in parentheses and may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [child, parent] of parents) {
      if (parent === current) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Collects a child's stdout+stderr and resolves when a line matches (or rejects on exit/timeout). */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before ${pattern}; output:\n${output}`));
    });
  });
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** A compiled entry point (the suite's global setup built dist/). */
export type EntryPoint = 'main.js' | 'worker-main.js' | 'bot-main.js';

/**
 * Starts `node dist/src/<script>` as operators do, with only PATH and `env` in its environment
 * (no VRCPulse variable leaks in from the test process).
 */
export function spawnEntryPoint(
  script: EntryPoint,
  env: Record<string, string>,
  options: { cwd?: string; stdout?: 'pipe' | 'ignore' } = {},
): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'dist', 'src', script)], {
    cwd: options.cwd ?? ROOT,
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, ...env },
  });
}

/** The environment of a worker on the suite's Temporal server, in `namespace`, on `databasePath`. */
export function workerEnv(namespace: string, databasePath: string, extra: Record<string, string> = {}) {
  return {
    TEMPORAL_ADDRESS: harnessInfo().address,
    TEMPORAL_NAMESPACE: namespace,
    DATABASE_PATH: databasePath,
    ...extra,
  };
}
