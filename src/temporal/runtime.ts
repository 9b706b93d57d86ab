import { type LogLevel as TemporalLogLevel, type LogMetadata, Runtime } from '@temporalio/worker';
import type { Logger } from '../logger';

const LEVELS: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Routes the SDK's own logs (worker, workflow and activity loggers) into our pino logger, and turns
 * off the SDK's signal handling: our entry points own shutdown so its order is explicit.
 */
export function installTemporalRuntime(logger: Logger): void {
  const sdk = logger.child({ component: 'temporal-sdk' });
  const log = (level: TemporalLogLevel, message: string, meta?: LogMetadata) =>
    sdk[LEVELS[level]](meta ?? {}, message);
  Runtime.install({
    shutdownSignals: [],
    logger: {
      log,
      trace: (m, meta) => log('TRACE', m, meta),
      debug: (m, meta) => log('DEBUG', m, meta),
      info: (m, meta) => log('INFO', m, meta),
      warn: (m, meta) => log('WARN', m, meta),
      error: (m, meta) => log('ERROR', m, meta),
    },
  });
}
