/**
 * The delivery process: started by every worker as its child (see src/delivery/child-process.ts),
 * never by hand. It serves the Discord sends on the delivery task queue in an event loop of its own,
 * so the worker's database work (a first metrics ingest, a catch-up, retention's deletes) never
 * holds a paced request back and bunches it with the next ones on the wire.
 */
import { configSecrets, loadConfigOrExit } from './config';
import { openUpToDateOrm } from './db/migrate';
import { createDeliveryWorker } from './delivery/worker';
import { createDiscordRest, DISCORD_REQUESTS_PER_SECOND } from './discord/rest';
import { openSharedSchedule } from './discord/shared-schedule';
import { createLogger } from './logger';
import { monitorEventLoop } from './observability/event-loop';
import { parentSink } from './observability/metric-sink';
import { trackRunningActivities } from './observability/running-activities';
import { countDiscordResponses } from './discord/response-counters';
import { exitFatal, runUntilSignal } from './process';
import { connectWorker, temporalTarget } from './temporal/connection';
import { installTemporalRuntime } from './temporal/runtime';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: config.logLevel,
    secrets: configSecrets(config),
    name: 'vrcpulse-delivery',
  });
  installTemporalRuntime(logger);
  const target = temporalTarget(config.temporal);
  const orm = await openUpToDateOrm(config.databasePath).catch((err: unknown) =>
    exitFatal(logger, 'database not ready', err),
  );
  const connection = await connectWorker(target).catch((err: unknown) =>
    exitFatal(logger, `Temporal is not reachable at ${target.address}`, err),
  );
  // one pace for every process sending on this database (several workers: still under 50/s)
  const schedule = openSharedSchedule(config.databasePath, 1000 / DISCORD_REQUESTS_PER_SECOND);
  // measured here, served by the worker (this process has no metrics endpoint)
  const metrics = parentSink();
  countDiscordResponses(config.discord.apiBaseUrl, metrics);
  const running = trackRunningActivities();
  const loop = monitorEventLoop({ logger, activities: running, process: 'delivery', metrics });
  const worker = await createDeliveryWorker({
    running,
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    deps: {
      orm,
      logger,
      discord: createDiscordRest({
        token: config.discord.token,
        apiBaseUrl: config.discord.apiBaseUrl,
        schedule,
      }),
    },
  });
  const finished = worker.run();
  // The worker that started this process is gone (stopped, or killed outright): stop too.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  logger.info({ taskQueue: worker.options.taskQueue }, 'delivery process polling');
  runUntilSignal(
    {
      finished,
      async stop() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await finished.catch(() => undefined);
        loop.stop();
        await connection.close();
        schedule.close();
        await orm.close();
      },
    },
    logger,
    'delivery worker',
  );
}

void main();
