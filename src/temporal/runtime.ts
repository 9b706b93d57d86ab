import { type LogLevel as TemporalLogLevel, type LogMetadata, Runtime } from '@temporalio/worker';
import type { Logger } from '../logger';

const LEVELS: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The poll loops' collect activities: their failed attempts are summed up by the loop itself. */
const POLL_ACTIVITY = /^collect[A-Z]/;

/** The SDK's warning for a worker without workflows: what the delivery process is by design. */
export const ACTIVITIES_ONLY = 'No workflows registered, not polling for workflow tasks';

/**
 * What an SDK log line becomes in ours. Task tokens are opaque bytes for the server, noise for an
 * operator, and leave every line. The delivery process serves activities only, as it should, so the
 * SDK's warning about that is debug. A failed attempt of a poll cycle's activity is debug: with VRChat
 * unreachable each cycle makes five attempts, and the loop already logs one line per failed cycle
 * ("poll cycle failed", with the reason and the next attempt's time).
 */
export function sdkLogEntry(
  level: TemporalLogLevel,
  message: string,
  meta: LogMetadata | undefined,
): { level: (typeof LEVELS)[TemporalLogLevel]; meta: LogMetadata } {
  const { taskToken: _taskToken, ...rest } = meta ?? {};
  const pollAttempt =
    message === 'Activity failed' &&
    typeof rest.activityType === 'string' &&
    POLL_ACTIVITY.test(rest.activityType);
  const quiet = pollAttempt || message === ACTIVITIES_ONLY;
  return { level: quiet && level === 'WARN' ? 'debug' : LEVELS[level], meta: rest };
}

/**
 * Routes the SDK's own logs (worker, workflow and activity loggers) into our pino logger, turns off
 * the SDK's signal handling (our entry points own shutdown so its order is explicit), and exposes
 * the SDK's metrics (workflow/activity task latencies, schedule-to-start, slots, polls, failures)
 * for Prometheus on `metricsPort` when one is given.
 */
export function installTemporalRuntime(
  logger: Logger,
  options: { metricsPort?: number; metricsHost?: string; service?: string } = {},
): void {
  const sdk = logger.child({ component: 'temporal-sdk' });
  const log = (level: TemporalLogLevel, message: string, meta?: LogMetadata) => {
    const entry = sdkLogEntry(level, message, meta);
    sdk[entry.level](entry.meta, message);
  };
  Runtime.install({
    shutdownSignals: [],
    ...(options.metricsPort
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: bindAddress(options.metricsHost ?? '127.0.0.1', options.metricsPort),
                countersTotalSuffix: true,
                unitSuffix: true,
              },
              // Every series says which service it is, so one Prometheus can scrape several deployments.
              globalTags: { service: options.service ?? 'vrcpulse-worker' },
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

/** `host:port`, with an IPv6 host in brackets. */
export const bindAddress = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
