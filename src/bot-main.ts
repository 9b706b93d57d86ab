/**
 * `npm run bot`: the Discord process alone. It reads SQLite for its views and sends every change to
 * the worker through Temporal (TEMPORAL_ADDRESS, default 127.0.0.1:7233). A missing or bad token, an
 * unreachable Temporal or an unmigrated database stops it with one clear line and exit code 1.
 */
import { Client } from '@temporalio/client';
import { statusPageUrl } from './alerts/load-content';
import { type RunningBot, startBot, STOP_DEADLINE_MS } from './bot/bot';
import { GatewayClosedError, GatewayUnreachableError } from './bot/gateway-watch';
import { serveHealth } from './observability/health-endpoint';
import { configSecrets, loadConfigOrExit } from './config';
import { openUpToDateOrm } from './db/migrate';
import { createLogger } from './logger';
import { exitFatal, runUntilSignal } from './process';
import { connectClient, temporalTarget } from './temporal/connection';
import { installTemporalRuntime } from './temporal/runtime';
import { countDiscordResponses } from './discord/response-counters';
import { runtimeSink } from './observability/metric-sink';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: config.logLevel,
    secrets: configSecrets(config),
    name: 'vrcpulse-bot',
  });
  const token = config.discord.token;
  if (!token) exitFatal(logger, 'DISCORD_TOKEN is not set: the bot needs a bot token', undefined);

  const { metricsPort, host } = config.observability;
  if (metricsPort) {
    // The bot's own Discord answers (429s, invalid requests) on its own /metrics.
    installTemporalRuntime(logger, { metricsPort, metricsHost: host, service: 'vrcpulse-bot' });
    countDiscordResponses(config.discord.apiBaseUrl, runtimeSink());
  }
  const target = temporalTarget(config.temporal);
  const connection = await connectClient(target, '10 seconds').catch((err: unknown) =>
    exitFatal(logger, `Temporal is not reachable at ${target.address}`, err),
  );
  const orm = await openUpToDateOrm(config.databasePath).catch((err: unknown) =>
    exitFatal(logger, 'database not ready', err),
  );
  // Listening before the login: until the gateway is ready the bot answers 503 "connecting".
  const running: { bot?: RunningBot } = {};
  const health = config.observability.healthPort
    ? await serveHealth({
        port: config.observability.healthPort,
        host: config.observability.host,
        logger,
        check: async () => {
          if (!running.bot) return { healthy: false, body: { status: 'connecting', shards: [] } };
          const report = running.bot.gateway();
          return { healthy: report.status !== 'down', body: report };
        },
      }).catch((err: unknown) => exitFatal(logger, 'the health endpoint could not listen', err))
    : undefined;
  const started = await startBot({
    token,
    apiBaseUrl: config.discord.apiBaseUrl,
    ownerIds: config.discord.ownerIds,
    shards: config.discord.shards,
    gatewayTimeoutMs: config.discord.gatewayTimeoutSeconds * 1000,
    logger,
    orm,
    temporal: {
      client: new Client({ connection, namespace: config.temporal.namespace }),
      taskQueue: config.temporal.taskQueue,
    },
    pageUrl: statusPageUrl(config.vrchat.statusBaseUrl),
  }).catch((err: unknown) =>
    exitFatal(
      logger,
      err instanceof GatewayClosedError || err instanceof GatewayUnreachableError
        ? err.message
        : 'the Discord bot could not log in (is DISCORD_TOKEN right?)',
      err,
    ),
  );

  running.bot = started;

  // A gateway closed for good or away too long ends the process (gateway-watch.ts): whatever
  // supervises it (Compose's restart policy) starts it again.
  runUntilSignal(
    {
      finished: started.failed,
      async stop() {
        await started.stop();
        await health?.close();
        await orm.close();
        await connection.close();
      },
    },
    logger,
    'the Discord bot',
    SHUTDOWN_DEADLINE_MS,
  );
}

/** Past the bot's own wait for interactions in progress, and within Compose's 15 s grace period. */
const SHUTDOWN_DEADLINE_MS = STOP_DEADLINE_MS + 3_000;

void main();
