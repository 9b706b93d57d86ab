/** Process plumbing shared by the entry points: signals, fatal errors, exit codes. */
import type { RunningApp } from './app';
import type { Logger } from './logger';

/**
 * Keeps the process up until SIGINT/SIGTERM, then stops the app and exits 0. A worker that dies on
 * its own, or a second signal during shutdown, exits 1.
 */
export function runUntilSignal(app: RunningApp, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
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
      if (!stopping) exitFatal(logger, 'worker stopped unexpectedly', undefined);
    },
    (err: unknown) => {
      if (!stopping) void app.stop().finally(() => exitFatal(logger, 'worker failed', err));
    },
  );
}

export function exitFatal(logger: Logger, message: string, err: unknown): never {
  logger.fatal({ err }, message);
  process.exit(1);
}
