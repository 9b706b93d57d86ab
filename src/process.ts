/** Process plumbing shared by the entry points: signals, fatal errors, exit codes. */
import type { RunningApp } from './app';
import type { Logger } from './logger';

/**
 * Keeps the process up until SIGINT/SIGTERM, then stops the app and exits 0. An app that ends on its
 * own (`finished` settles: a worker that dies, a bot whose session is invalidated), or a second
 * signal during shutdown, exits 1. `what` names the app in those log lines.
 */
export function runUntilSignal(
  app: Pick<RunningApp, 'finished' | 'stop'>,
  logger: Logger,
  what = 'worker',
  /** Exit 1 when stopping takes longer than this (no deadline when unset). */
  deadlineMs?: number,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    if (deadlineMs !== undefined) {
      setTimeout(() => {
        logger.error({ deadlineMs }, `${what} did not stop within its shutdown deadline; exiting now`);
        process.exit(1);
      }, deadlineMs).unref();
    }
    app.stop().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => exitFatal(logger, 'shutdown failed', err),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  app.finished.then(
    () => {
      if (!stopping) exitFatal(logger, `${what} stopped unexpectedly`, undefined);
    },
    (err: unknown) => {
      if (!stopping) void app.stop().finally(() => exitFatal(logger, `${what} failed`, err));
    },
  );
}

export function exitFatal(logger: Logger, message: string, err: unknown): never {
  logger.fatal({ err }, message);
  process.exit(1);
}
