/**
 * `npm run bot`: the Discord process alone. It reads SQLite for its views and sends every change to
 * the worker through Temporal (TEMPORAL_ADDRESS, default 127.0.0.1:7233). A missing or bad token, an
 * unreachable Temporal or an unmigrated database stops it with one clear line and exit code 1.
 */
import { Client } from '@temporalio/client';
import { Events } from 'discord.js';
import { statusPageUrl } from './alerts/load-content';
import { startBot } from './bot/bot';
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
  const bot = await startBot({
    token,
    apiBaseUrl: config.discord.apiBaseUrl,
    ownerIds: config.discord.ownerIds,
    logger,
    orm,
    temporal: {
      client: new Client({ connection, namespace: config.temporal.namespace }),
      taskQueue: config.temporal.taskQueue,
    },
    pageUrl: statusPageUrl(config.vrchat.statusBaseUrl),
  }).catch((err: unknown) =>
    exitFatal(logger, 'the Discord bot could not log in (is DISCORD_TOKEN right?)', err),
  );

  // discord.js emits ShardDisconnect only for close codes it will not reconnect after (the token
  // reset, sharding required, intents refused). A bot that stayed up then would answer nothing, so
  // the process ends and whatever supervises it (Compose's restart policy) starts it again.
  const gatewayClosed = new Promise<void>((_, reject) =>
    bot.client.once(Events.ShardDisconnect, (event) =>
      reject(new Error(`Discord closed the gateway for good: ${describeGatewayClose(event.code)}`)),
    ),
  );
  runUntilSignal(
    {
      finished: gatewayClosed,
      async stop() {
        await bot.stop();
        await orm.close();
        await connection.close();
      },
    },
    logger,
    'the Discord bot',
  );
}

/** What a final gateway close code means for the operator. */
function describeGatewayClose(code: number): string {
  const meaning: Record<number, string> = {
    4004: 'authentication failed: the token was reset or revoked; put the new one in DISCORD_TOKEN',
    4010: 'invalid shard',
    4011: 'sharding required: the bot is in too many servers for one connection',
    4012: 'invalid API version',
    4013: 'invalid intents',
    4014: 'disallowed intents: enable the intent in the Developer Portal or remove it',
  };
  return `code ${code} (${meaning[code] ?? 'not recoverable'})`;
}

void main();
