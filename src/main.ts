/**
 * `npm start`: everything in one process tree. Migrates the database, starts an embedded Temporal
 * dev server when TEMPORAL_ADDRESS is unset (Web UI on TEMPORAL_UI_PORT), runs the worker, and the
 * Discord bot when DISCORD_TOKEN is set. Runs until Ctrl-C, then shuts down in reverse order.
 */
import { startApp } from './app';
import { configSecrets, loadConfigOrExit } from './config';
import { createLogger } from './logger';
import { exitFatal, runUntilSignal } from './process';
import { installTemporalRuntime } from './temporal/runtime';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, secrets: configSecrets(config) });
  installTemporalRuntime(logger, {
    metricsPort: config.observability.metricsPort,
    metricsHost: config.observability.host,
  });
  const app = await startApp(config, logger, { embedTemporal: true, runBot: true }).catch((err: unknown) =>
    exitFatal(logger, 'start-up failed', err),
  );
  if (!config.temporal.address) {
    logger.info(`Temporal UI: http://127.0.0.1:${config.temporal.uiPort}`);
  }
  if (!config.discord.token)
    logger.info('DISCORD_TOKEN is not set: the Discord bot is off and alerts are not delivered');
  else logger.info('the Discord bot is connected: slash commands are answered, alerts are delivered');
  logger.info(
    'VRCPulse is running: polling VRChat status, incidents, maintenances and metrics. Ctrl-C stops it.',
  );
  runUntilSignal(app, logger);
}

void main();
