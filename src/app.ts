/**
 * Starts and stops VRCPulse's long-lived parts in a fixed order: database (migrated), Temporal
 * (embedded dev server or an existing cluster), the worker and, with a Discord token, its delivery
 * process, then the poll loops and the retention schedule (created once, idempotently). `stop()` reverses the order; running workflows simply wait
 * for the next worker.
 */
import { Client } from '@temporalio/client';
import type * as Bot from './bot/bot';
import type { AppConfig } from './config';
import { openMigratedOrm } from './db/migrate';
import { statusPageUrl } from './alerts/load-content';
import { startHealthServer } from './health';
import { pollIntervals, readBotConfig } from './db/settings';
import { superviseDeliveryProcess } from './delivery/child-process';
import { createDiscordRest, DISCORD_REQUESTS_PER_SECOND } from './discord/rest';
import { openSharedSchedule } from './discord/shared-schedule';
import type { Logger } from './logger';
import { findTemporalCli } from './temporal/cli';
import { connectClient, connectWorker, temporalTarget } from './temporal/connection';
import { type DevServer, startDevServer } from './temporal/dev-server';
import { ensurePollLoops } from './polling/client';
import { ensureRetentionSchedule } from './retention/schedule';
import { prepareSearchAttributes } from './temporal/search-attributes';
import { monitorEventLoop } from './observability/event-loop';
import { runtimeSink } from './observability/metric-sink';
import { trackRunningActivities } from './observability/running-activities';
import { watchSourceFreshness } from './observability/source-freshness';
import { countDiscordResponses } from './discord/response-counters';
import { createVrchatClient } from './vrchat';
import { createVrcpulseWorker } from './worker';

export interface RunningApp {
  /** Settles when the worker stops on its own (rejects on a fatal worker error). */
  readonly finished: Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Start `temporal server start-dev` when TEMPORAL_ADDRESS is unset (npm start), or not (npm run worker). */
  embedTemporal: boolean;
  /** Also run the Discord bot in this process when DISCORD_TOKEN is set (npm start). */
  runBot?: boolean;
}

export async function startApp(
  config: AppConfig,
  logger: Logger,
  options: StartOptions,
): Promise<RunningApp> {
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (err) {
        logger.error({ err }, 'error during shutdown');
      }
    }
  };

  try {
    const { orm, migration } = await openMigratedOrm(config.databasePath);
    cleanups.push(() => orm.close());
    logger.info({ database: config.databasePath, applied: migration.applied }, 'database ready');

    let embeddedAddress: string | undefined;
    if (!config.temporal.address && options.embedTemporal) {
      const server: DevServer = await startDevServer({
        cliPath: findTemporalCli({ explicitPath: config.temporal.cliPath }),
        port: config.temporal.devServerPort,
        uiPort: config.temporal.uiPort,
        dbFilename: config.temporal.dbPath,
        namespace: config.temporal.namespace,
        logger,
      });
      cleanups.push(() => server.stop());
      embeddedAddress = server.address;
    }
    const target = temporalTarget(config.temporal, embeddedAddress);
    const { address } = target;

    const clientConnection = await connectClient(target);
    cleanups.push(() => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
    // Registered on our embedded dev server; only checked on an existing cluster (see the module).
    const searchAttributes = await prepareSearchAttributes(client, {
      namespace: config.temporal.namespace,
      register: !config.temporal.address && options.embedTemporal,
      logger,
    });

    const connection = await connectWorker(target);
    cleanups.push(() => connection.close());
    // The worker sends only for fan-outs begun before the delivery process existed; it keeps to the
    // pace shared with every delivery process on this database all the same.
    const schedule = config.discord.token
      ? openSharedSchedule(config.databasePath, 1000 / DISCORD_REQUESTS_PER_SECOND)
      : undefined;
    if (schedule) cleanups.push(async () => schedule.close());
    const metrics = runtimeSink();
    if (config.discord.token) countDiscordResponses(config.discord.apiBaseUrl, metrics);
    const running = trackRunningActivities();
    const loop = monitorEventLoop({ logger, activities: running, process: 'worker', metrics });
    cleanups.push(async () => loop.stop());
    const worker = await createVrcpulseWorker({
      running,
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      orm,
      logger,
      vrchat: createVrchatClient({ ...config.vrchat }),
      discord: createDiscordRest({
        token: config.discord.token,
        apiBaseUrl: config.discord.apiBaseUrl,
        ...(schedule ? { schedule } : {}),
      }),
      temporal: { client, taskQueue: config.temporal.taskQueue, searchAttributes },
      pageUrl: statusPageUrl(config.vrchat.statusBaseUrl),
      delivery: config.alerts,
    });
    const finished = worker.run();
    cleanups.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await finished.catch(() => undefined);
    });
    logger.info({ temporal: address, taskQueue: config.temporal.taskQueue }, 'worker polling');
    if (config.discord.token) {
      const delivery = superviseDeliveryProcess({
        temporalAddress: address,
        metrics,
        logger: logger.child({ component: 'delivery-supervisor' }),
      });
      cleanups.push(() => delivery.stop());
    }

    const { intervals, invalid } = pollIntervals(await readBotConfig(orm.em.fork()));
    if (invalid.length > 0)
      logger.warn({ invalid }, 'invalid poll intervals in bot_config; using 60 s for those');
    await ensurePollLoops(client, config.temporal.taskQueue, intervals, { searchAttributes });
    logger.info({ intervals }, 'poll loops running');
    const retention = await ensureRetentionSchedule(client, {
      taskQueue: config.temporal.taskQueue,
      searchAttributes,
      logger,
    });
    logger.info({ schedule: 'retention-daily', outcome: retention }, 'retention schedule ready');

    if (config.observability.metricsPort) {
      const freshness = watchSourceFreshness(client, metrics);
      cleanups.push(async () => freshness.stop());
    }

    if (config.observability.healthPort) {
      const health = await startHealthServer({
        port: config.observability.healthPort,
        host: config.observability.host,
        workerState: () => worker.getState(),
        client,
        logger,
      });
      cleanups.push(() => health.close());
    }

    if (options.runBot && config.discord.token) {
      // discord.js is loaded only where the bot runs: `npm run worker` never needs it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose
      const { startBot } = require('./bot/bot') as typeof Bot;
      const bot = await startBot({
        token: config.discord.token,
        apiBaseUrl: config.discord.apiBaseUrl,
        ownerIds: config.discord.ownerIds,
        shards: config.discord.shards,
        gatewayTimeoutMs: config.discord.gatewayTimeoutSeconds * 1000,
        logger: logger.child({ name: 'vrcpulse-bot' }),
        orm,
        temporal: { client, taskQueue: config.temporal.taskQueue },
        pageUrl: statusPageUrl(config.vrchat.statusBaseUrl),
      });
      cleanups.push(() => bot.stop());
      // The bot's gateway closed for good (or away too long) ends the process as the worker's end does.
      return { finished: Promise.race([finished, bot.failed]), stop: stopAll };
    }
    return { finished, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
