/**
 * A VRCPulse worker as operators run it (`node dist/src/worker-main.js`, its own process, so its
 * RSS and event loop are its own), with the delivery process it starts beside it. Both are preloaded
 * with the stall reporter; the benchmark reads each one's stalls apart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { addStalls, type LoopStalls } from './loop-stalls';

const ROOT = join(__dirname, '..', '..', '..');
const WORKER_MAIN = join(ROOT, 'dist', 'src', 'worker-main.js');
const STALL_PRELOAD = process.env.BENCH_WORKER_PRELOAD ?? join(__dirname, 'loop-stalls-preload.js');

export interface WorkerProcess {
  pid: number;
  /** Milliseconds from the spawn to the worker's "worker polling" line (its task queue polled). */
  pollingAfterMs: number;
  /** Milliseconds from the spawn to the poll loops running and the delivery process polling. */
  readyAfterMs: number;
  /** warn and above, counted by message. */
  warnings: Map<string, number>;
  lastLines: string[];
  /** The worker's event-loop stalls since the previous call. */
  takeStalls(): LoopStalls;
  /** The delivery process's event-loop stalls since the previous call. */
  takeDeliveryStalls(): LoopStalls;
  stop(): Promise<void>;
}

const none = (): LoopStalls => ({ stalls: 0, stalledMs: 0, maxMs: 0 });

/** Starts the worker and resolves once its poll loops run and its delivery process polls. */
export async function startWorker(env: Record<string, string>, logPath: string): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, [WORKER_MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: `--require ${STALL_PRELOAD}`, ...env },
  });
  const spawnedAt = performance.now();
  let pollingAfterMs = Number.NaN;
  if (child.pid === undefined) throw new Error('worker did not start');
  const workerPid = child.pid;
  const warnings = new Map<string, number>();
  const logFile = createWriteStream(logPath);
  const lastLines: string[] = [];
  let stalls = none();
  let deliveryStalls = none();
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = signal ?? `code ${code}`;
      resolve();
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    let loops = false;
    let delivery = false;
    const onLine = (line: string) => {
      logFile.write(`${line}\n`);
      if (!line.startsWith('{"benchLoopStalls"')) {
        lastLines.push(line);
        if (lastLines.length > 20) lastLines.shift();
      }
      let entry: { level?: number; msg?: string; benchLoopStalls?: LoopStalls; pid?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.benchLoopStalls) {
        if (entry.pid === workerPid) stalls = addStalls(stalls, entry.benchLoopStalls);
        else deliveryStalls = addStalls(deliveryStalls, entry.benchLoopStalls);
        return;
      }
      if ((entry.level ?? 0) >= 40) {
        const key = entry.msg ?? '(no message)';
        warnings.set(key, (warnings.get(key) ?? 0) + 1);
      }
      if (entry.msg === 'worker polling') pollingAfterMs = performance.now() - spawnedAt;
      if (entry.msg === 'poll loops running') loops = true;
      if (entry.msg === 'delivery process polling') delivery = true;
      if (loops && delivery) resolve();
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', onLine);
    }
    void exit.then(() => reject(new Error(`worker exited (${exited}): ${lastLines.slice(-5).join(' | ')}`)));
  });
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    await exit;
    clearTimeout(timer);
    logFile.end();
  };
  let startTimer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise<never>((_, reject) => {
        startTimer = setTimeout(() => reject(new Error('worker not ready within 120 s')), 120_000);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clearTimeout(startTimer);
  }
  const readyAfterMs = performance.now() - spawnedAt;
  return {
    pid: workerPid,
    pollingAfterMs,
    readyAfterMs,
    warnings,
    lastLines,
    takeStalls() {
      const taken = stalls;
      stalls = none();
      return taken;
    },
    takeDeliveryStalls() {
      const taken = deliveryStalls;
      deliveryStalls = none();
      return taken;
    },
    stop,
  };
}
