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
 * Routes the SDK's own logs (worker, workflow and activity loggers) into our pino logger, turns off
 * the SDK's signal handling (our entry points own shutdown so its order is explicit), and exposes
 * the SDK's metrics (workflow/activity task latencies, schedule-to-start, slots, polls, failures)
 * for Prometheus on `metricsPort` when one is given.
 */
export function installTemporalRuntime(logger: Logger, options: { metricsPort?: number } = {}): void {
  const sdk = logger.child({ component: 'temporal-sdk' });
  const log = (level: TemporalLogLevel, message: string, meta?: LogMetadata) =>
    sdk[LEVELS[level]](meta ?? {}, message);
  Runtime.install({
    shutdownSignals: [],
    ...(options.metricsPort
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: `0.0.0.0:${options.metricsPort}`,
                countersTotalSuffix: true,
                unitSuffix: true,
              },
              // Every series says which service it is, so one Prometheus can scrape several deployments.
              globalTags: { service: 'vrcpulse-worker' },
            },
          },
        }
      : {}),
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
