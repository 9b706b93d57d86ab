/**
 * The worker runs the delivery process as its child and keeps it running: started with the worker,
 * started again (with backoff) when it exits on its own, stopped with the worker. The child inherits
 * the worker's environment and output, with the Temporal address the worker actually uses (the
 * embedded dev server's under `npm start`), and an IPC channel whose closing tells it that the
 * worker is gone, so no delivery process outlives its worker, even one killed with SIGKILL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Logger } from '../logger';
import { forwardMetric, type MetricSink, metricMessage } from '../observability/metric-sink';

/** The compiled entry point beside this module's own compiled file (dist/src/delivery-main.js). */
export const DELIVERY_MAIN = join(__dirname, '..', 'delivery-main.js');
const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A child that ran this long before exiting starts again after the first delay, not a longer one. */
const STABLE_AFTER_MS = 60_000;
/** How long a stopping child gets (its worker's 15 s grace for a page in flight, and some). */
const STOP_DEADLINE_MS = 25_000;

export interface DeliveryProcess {
  /** The running child's pid (undefined between a crash and its restart). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export function superviseDeliveryProcess(options: {
  temporalAddress: string;
  /** Where the child's metrics go (it has no metrics endpoint of its own). */
  metrics: MetricSink;
  logger: Logger;
  entry?: string;
}): DeliveryProcess {
  const { logger } = options;
  let child: ChildProcess | undefined;
  let stopping = false;
  let restartDelayMs = FIRST_RESTART_DELAY_MS;
  let restartTimer: NodeJS.Timeout | undefined;

  const start = () => {
    const startedAt = Date.now();
    const spawned = spawn(process.execPath, [options.entry ?? DELIVERY_MAIN], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, TEMPORAL_ADDRESS: options.temporalAddress },
    });
    child = spawned;
    spawned.on('message', (message) => {
      const metric = metricMessage(message);
      if (metric) forwardMetric(options.metrics, metric);
    });
    logger.info({ pid: spawned.pid }, 'delivery process started');
    spawned.once('exit', (code, signal) => {
      child = undefined;
      if (stopping) return;
      if (Date.now() - startedAt >= STABLE_AFTER_MS) restartDelayMs = FIRST_RESTART_DELAY_MS;
      logger.error(
        { code, signal, restartInMs: restartDelayMs },
        'delivery process exited; starting it again (alerts wait meanwhile, none is lost)',
      );
      restartTimer = setTimeout(start, restartDelayMs);
      restartDelayMs = Math.min(restartDelayMs * 2, MAX_RESTART_DELAY_MS);
    });
    spawned.on('error', (err) => logger.error({ err }, 'delivery process error'));
  };
  start();

  return {
    get pid() {
      return child?.pid;
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      const deadline = setTimeout(() => running.kill('SIGKILL'), STOP_DEADLINE_MS);
      await exited;
      clearTimeout(deadline);
    },
  };
}
