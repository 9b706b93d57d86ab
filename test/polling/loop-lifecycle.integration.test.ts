/**
 * The loop's life over time: a new interval applies at once without a restart, and continue-as-new
 * keeps the loop's state and interval while bounding its history.
 */
import { Client, Connection } from '@temporalio/client';
import { createLogger } from '../../src/logger';
import { setPollIntervalSignal } from '../../src/contracts/polling';
import { type DevServer, startDevServer } from '../../src/temporal/dev-server';
import { findTemporalCli } from '../../src/temporal/cli';
import { summary } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { withPollLoop } from '../harness/poll-loop';
import { freePort } from '../harness/ports';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient } from '../harness/temporal';

let fake: FakeVrchat;
beforeAll(async () => {
  fake = await startFakeVrchat();
  fake.set('/api/v2/summary.json', summary({ updatedAt: '2026-11-25T10:00:00.000Z', indicator: 'none' }));
});
afterAll(() => fake.close());

describe('poll loop interval', () => {
  it('changes through the signal and the next cycle comes at the new interval, without a restart', async () => {
    const temporal = await connectClient();
    const db = await createTestDatabase();
    try {
      await withPollLoop(
        { client: temporal.client, orm: db.orm, fake, source: 'status', intervalSeconds: 3600 },
        async (loop) => {
          const first = await loop.firstCycle();
          const firstAt = Date.parse(first.lastCycleAt!);
          expect(Date.parse(first.nextRunAt!) - firstAt).toBe(3_600_000);

          await loop.handle.signal(setPollIntervalSignal, { intervalSeconds: 30 }); // out of range: ignored
          await loop.handle.signal(setPollIntervalSignal, { intervalSeconds: 60 });
          const changed = await loop.state();
          expect(changed.intervalSeconds).toBe(60);
          expect(Date.parse(changed.nextRunAt!) - firstAt).toBe(60_000);
          expect(changed.cycles).toBe(1);

          const second = await loop.waitForCycles(2, 90_000);
          const gap = Date.parse(second.lastCycleAt!) - firstAt;
          // at the new interval, not the old hour (the margin is for a busy machine's late timers)
          expect(gap).toBeGreaterThanOrEqual(60_000);
          expect(gap).toBeLessThan(90_000);
        },
      );
    } finally {
      await temporal.close();
      await db.cleanup();
    }
  }, 120_000);
});

describe('poll loop continue-as-new', () => {
  let server: DevServer;
  let connection: Connection;

  beforeAll(async () => {
    // A server that suggests continue-as-new after 40 history events, so a few cycles reach it.
    server = await startDevServer({
      cliPath: findTemporalCli({ explicitPath: process.env.TEMPORAL_CLI_PATH }),
      port: await freePort(),
      uiPort: false,
      namespace: 'default',
      dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 },
      logger: createLogger({ level: 'warn' }),
    });
    connection = await Connection.connect({ address: server.address });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
  });

  it('continues as new when the server suggests it, keeping state and interval', async () => {
    const client = new Client({ connection, namespace: 'default' });
    const db = await createTestDatabase();
    try {
      await withPollLoop(
        {
          client,
          orm: db.orm,
          fake,
          source: 'status',
          intervalSeconds: 3600,
          server: { address: server.address, namespace: 'default' },
        },
        async (loop) => {
          await loop.firstCycle();
          await loop.handle.signal(setPollIntervalSignal, { intervalSeconds: 900 });
          const firstRunId = (await loop.handle.describe()).runId;

          let state = await loop.state();
          for (let i = 0; i < 12; i++) state = await loop.cycle();
          const described = await loop.handle.describe();

          expect(described.runId).not.toBe(firstRunId);
          expect(described.status.name).toBe('RUNNING');
          expect(described.historyLength).toBeLessThan(45);
          expect(state.cycles).toBe(13);
          expect(state.intervalSeconds).toBe(900);
          expect(state.lastSuccessAt).not.toBeNull();
          expect(Date.parse(state.nextRunAt!) - Date.parse(state.lastCycleAt!)).toBe(900_000);

          // every run but the current one ended by continuing as new
          const runs: string[] = [];
          for await (const execution of client.workflow.list({
            query: `WorkflowId = '${loop.handle.workflowId}'`,
          })) {
            runs.push(execution.status.name);
          }
          expect(runs.filter((s) => s === 'RUNNING')).toHaveLength(1);
          expect(runs.filter((s) => s === 'CONTINUED_AS_NEW').length).toBeGreaterThanOrEqual(1);
        },
      );
    } finally {
      await db.cleanup();
    }
  }, 90_000);
});
