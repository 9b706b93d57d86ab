/** What the end-to-end benchmarks run VRCPulse against: a quiet fake VRChat and a Temporal dev server. */
import type { Logger } from '../../src/logger';
import { findTemporalCli } from '../../src/temporal/cli';
import { type DevServer, startDevServer } from '../../src/temporal/dev-server';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../../src/temporal/search-attributes';
import { METRIC_FEEDS } from '../../src/vrchat';
import { incidentsPayload, maintenancesPayload, summary } from '../../test/fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../../test/fakes/vrchat-server';
import { freePort } from '../../test/harness/ports';

/** A fake VRChat with valid, empty payloads: the poll loops succeed and alert nothing. */
export async function startQuietVrchat(): Promise<FakeVrchat> {
  const fake = await startFakeVrchat();
  fake.set('/api/v2/summary.json', summary({ updatedAt: new Date().toISOString(), indicator: 'none' }));
  fake.set('/api/v2/incidents.json', incidentsPayload([]));
  fake.set('/api/v2/scheduled-maintenances.json', maintenancesPayload([]));
  for (const feed of METRIC_FEEDS) fake.set(feed.path, []);
  return fake;
}

/** `temporal server start-dev` from the installed CLI on a free port, without its UI, with our search attributes. */
export async function startBenchTemporal(namespace: string, logger: Logger): Promise<DevServer> {
  return startDevServer({
    cliPath: findTemporalCli({ explicitPath: process.env.TEMPORAL_CLI_PATH }),
    port: await freePort(),
    uiPort: false,
    namespace,
    searchAttributes: SEARCH_ATTRIBUTE_DEFINITIONS,
    logger,
  });
}
