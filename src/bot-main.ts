/**
 * `npm run bot`: the Discord process alone. It reads SQLite for its views and sends every change to
 * the worker through Temporal (TEMPORAL_ADDRESS, default 127.0.0.1:7233). A missing or bad token, an
 * unreachable Temporal or an unmigrated database stops it with one clear line and exit code 1.
 */
import { Client, Connection } from '@temporalio/client';
import { Events } from 'discord.js';
import { statusPageUrl } from './alerts/load-content';
import { startBot } from './bot/bot';
import { loadConfigOrExit } from './config';
import { openUpToDateOrm } from './db/migrate';
import { createLogger } from './logger';
import { exitFatal, runUntilSignal } from './process';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.discord.token],
    name: 'vrcpulse-bot',
  });
  const token = config.discord.token;
  if (!token) exitFatal(logger, 'DISCORD_TOKEN is not set: the bot needs a bot token', undefined);

  const address = config.temporal.address ?? `127.0.0.1:${config.temporal.devServerPort}`;
  const connection = await Connection.connect({ address, connectTimeout: '10 seconds' }).catch(
    (err: unknown) => exitFatal(logger, `Temporal is not reachable at ${address}`, err),
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

  // A gateway session Discord will not resume (the token revoked, intents refused) ends the process.
  const invalidated = new Promise<void>((_, reject) =>
    bot.client.once(Events.Invalidated, () => reject(new Error('the Discord session was invalidated'))),
  );
  runUntilSignal(
    {
      finished: invalidated,
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

void main();
