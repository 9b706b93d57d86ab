/** `npm run worker`: the Temporal worker alone, against TEMPORAL_ADDRESS (default 127.0.0.1:7233). */
import { startApp } from './app';
import { configSecrets, loadConfigOrExit } from './config';
import { createLogger } from './logger';
import { exitFatal, runUntilSignal } from './process';
import { installTemporalRuntime } from './temporal/runtime';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: config.logLevel,
    secrets: configSecrets(config),
    name: 'vrcpulse-worker',
  });
  installTemporalRuntime(logger, {
    metricsPort: config.observability.metricsPort,
    metricsHost: config.observability.host,
  });
  const app = await startApp(config, logger, { embedTemporal: false }).catch((err: unknown) =>
    exitFatal(logger, 'start-up failed', err),
  );
  runUntilSignal(app, logger);
}

void main();
