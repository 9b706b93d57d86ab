/**
 * The worker's operator endpoints, on the real entry point (`npm run worker`): `GET /healthz` with
 * the worker state and each poll loop's freshness, and the Temporal SDK's Prometheus metrics. Also
 * the pure rules of the health report, and the activity context on log lines.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import fc from 'fast-check';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { healthReport, type HealthReport } from '../../src/health';
import { createLogger } from '../../src/logger';
import { activityLogContext } from '../../src/worker';
import { diagnosticsWorkflow } from '../../src/workflows/index';
import type { PollLoopState } from '../../src/contracts/polling';
import { METRIC_PATHS, startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { incidentsPayload, maintenancesPayload, metricFeed, summary } from '../fakes/statuspage-builders';
import { waitFor } from '../harness/wait';
import { freePort } from '../harness/ports';
import { exitOf, waitForOutput, spawnEntryPoint, workerEnv } from '../harness/processes';
import { connectClient, uniqueTaskQueue, withWorker } from '../harness/temporal';

const loop = (overrides: Partial<PollLoopState> = {}): PollLoopState => ({
  source: 'status',
  intervalSeconds: 60,
  cycles: 3,
  lastCycleAt: '2026-11-25T10:00:00.000Z',
  lastSuccessAt: '2026-11-25T10:00:00.000Z',
  lastError: null,
  consecutiveFailures: 0,
  nextRunAt: '2026-11-25T10:01:00.000Z',
  lastResult: null,
  ...overrides,
});
const NOW = Date.parse('2026-11-25T10:03:00.000Z');

describe('healthReport', () => {
  const fresh = { status: loop(), incident: loop(), maintenance: loop(), metrics: loop() };

  it('is ok when the worker runs and every loop is fresh', () => {
    expect(healthReport('RUNNING', fresh, NOW).status).toBe('ok');
  });

  it('is degraded (still 200) when a loop is stale or does not answer', () => {
    const stale = loop({ lastSuccessAt: '2026-11-25T09:57:59.000Z', consecutiveFailures: 6 });
    const report = healthReport('RUNNING', { ...fresh, metrics: stale }, NOW);
    expect(report.status).toBe('degraded');
    expect(report.loops.metrics).toMatchObject({ stale: true, consecutiveFailures: 6 });
    expect(report.loops.status).toMatchObject({ stale: false });
    expect(
      healthReport('RUNNING', { ...fresh, incident: new Error('no answer') }, NOW).loops.incident,
    ).toEqual({
      unknown: 'no answer',
    });
  });

  it('is down when the worker is not running', () => {
    expect(healthReport('STOPPING', fresh, NOW).status).toBe('down');
  });

  it('a loop that never succeeded is stale after five failed cycles, not before', () => {
    const never = (n: number) => loop({ lastSuccessAt: null, consecutiveFailures: n });
    expect(healthReport('RUNNING', { ...fresh, status: never(4) }, NOW).loops.status).toMatchObject({
      stale: false,
    });
    expect(healthReport('RUNNING', { ...fresh, status: never(5) }, NOW).loops.status).toMatchObject({
      stale: true,
    });
  });
});

/** Requests no client should send, reproducible (fixed seed). */
function malformedRequests(count: number, seed: number): string[] {
  const line = (method: string, target: string, version: string) =>
    `${method} ${target} ${version}\r\nHost: x\r\nConnection: close\r\n\r\n`;
  return fc.sample(
    fc.oneof(
      fc.string({ maxLength: 200 }).map((garbage) => `${garbage}\r\n\r\n`),
      fc
        .tuple(
          fc.constantFrom('GET', 'POST', 'DELETE', 'BREW', '', 'G\u0000T', 'get'),
          fc.oneof(
            fc.string({ maxLength: 120 }),
            fc.constantFrom('//[', '/healthz?%zz', '*', 'http://[::1', '/..%2f'),
          ),
          fc.constantFrom('HTTP/1.1', 'HTTP/9.9', '', 'HTTP/1.1 extra', 'http/1.1'),
        )
        .map(([method, target, version]) => line(method, target, version)),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc
        .integer({ min: 17_000, max: 40_000 })
        .map((n) => `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(n)}\r\n\r\n`),
    ),
    { numRuns: count, seed },
  );
}

/**
 * Sends each request on its own connection (50 at a time) and waits until the server has closed it,
 * or gives up on it after 3 s. Resolves with how many it gave up on.
 */
async function throwAt(port: number, requests: string[]): Promise<number> {
  let next = 0;
  let abandoned = 0;
  const one = (request: string) =>
    new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(request, 'latin1'));
      const giveUp = setTimeout(() => {
        abandoned++;
        socket.destroy();
      }, 3_000);
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < requests.length) await one(requests[next++]!);
    }),
  );
  return abandoned;
}

describe('npm run worker with HEALTH_PORT and METRICS_PORT', () => {
  let vrchat: FakeVrchat;
  let child: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-health-'));

  beforeAll(async () => {
    vrchat = await startFakeVrchat();
    const now = new Date().toISOString();
    vrchat.set('/api/v2/summary.json', summary({ indicator: 'none', updatedAt: now }));
    vrchat.set('/api/v2/incidents.json', incidentsPayload([], now));
    vrchat.set('/api/v2/scheduled-maintenances.json', maintenancesPayload([], now));
    const start = Math.floor(Date.now() / 1000) - 600;
    for (const path of METRIC_PATHS) vrchat.set(path, metricFeed(start, [0.5, 0.6, 0.7]));
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await vrchat.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /healthz with the worker state and every loop, serves metrics, and stops cleanly', async () => {
    const [healthPort, metricsPort] = [await freePort(), await freePort()];
    child = spawnEntryPoint(
      'worker-main.js',
      workerEnv('vrcpulse-health', join(dir, 'vrcpulse.db'), {
        VRCHAT_STATUS_BASE_URL: vrchat.statusBaseUrl,
        VRCHAT_METRICS_BASE_URL: vrchat.metricsBaseUrl,
        HEALTH_PORT: String(healthPort),
        METRICS_PORT: String(metricsPort),
      }),
      { cwd: dir },
    );
    await waitForOutput(child, /health endpoint listening/, 60_000);

    let report: HealthReport | undefined;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      report = (await res.json()) as HealthReport;
      const loops = Object.values(report.loops);
      if (loops.every((l) => 'lastSuccessAt' in l && l.lastSuccessAt !== null)) break;
      if (Date.now() > deadline) throw new Error(`loops not all fresh: ${JSON.stringify(report)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(report).toMatchObject({ status: 'ok', worker: 'RUNNING' });
    expect(Object.keys(report.loops).sort()).toEqual(['incident', 'maintenance', 'metrics', 'status']);
    for (const l of Object.values(report.loops))
      expect(l).toMatchObject({ intervalSeconds: 60, stale: false, lastError: null });
    expect((await fetch(`http://127.0.0.1:${healthPort}/other`)).status).toBe(404);

    // A request target that is not a URL gets a 400, and the worker lives on.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(healthPort, '127.0.0.1', () =>
        socket.write('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      );
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);

    // Thousands of malformed requests (garbage, broken request lines, odd methods and targets, huge
    // headers, raw bytes) at both endpoints, and a client that never finishes its headers: the
    // worker answers or closes each, and lives on.
    const slow = connect(healthPort, '127.0.0.1', () => slow.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
    const slowClosed = new Promise<void>((resolve) => slow.on('close', () => resolve()));
    slow.on('error', () => undefined);
    slow.resume(); // read the server's answer, so its close reaches us
    // ours answers or closes every one itself; the SDK's metrics server need only survive them
    expect(await throwAt(healthPort, malformedRequests(3_000, 1))).toBe(0);
    await throwAt(metricsPort, malformedRequests(500, 2));
    // the slow client was closed by the server's header timeout, not left hanging
    await slowClosed;
    expect(child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(200);

    // private by default: not reachable on the machine's other addresses
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (external) {
      for (const port of [healthPort, metricsPort]) {
        await expect(
          new Promise((resolve, reject) => {
            const socket = connect(port, external, () => resolve(socket.end()));
            socket.on('error', reject);
          }),
        ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      }
    }

    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^temporal_\w+/m);
    expect(metrics).toMatch(/temporal_activity_execution_latency\w*\{[^}]*activity_type="collectStatus"/);
    expect(metrics).toContain('service="vrcpulse-worker"');
    // the event loop's delay, p99 and max over 10 s windows (the first window ends 10 s after start)
    const loopDelay = await waitFor(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        return /vrcpulse_event_loop_delay_max_seconds\{[^}]*process="worker"[^}]*\} \d/.test(text)
          ? text
          : undefined;
      },
      30_000,
      'the event-loop delay gauges',
      500,
    );
    expect(loopDelay).toMatch(/vrcpulse_event_loop_delay_p99_seconds\{[^}]*process="worker"[^}]*\} \d/);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    await expect(fetch(`http://127.0.0.1:${healthPort}/healthz`)).rejects.toThrow();
  }, 120_000);
});

it('log lines written inside an activity carry its workflow id, activity type and attempt', async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  });
  const temporal = await connectClient();
  const taskQueue = uniqueTaskQueue('log-context');
  try {
    await withWorker(
      {
        taskQueue,
        interceptors: { activity: [activityLogContext] },
        activities: {
          readBotConfig: async () => {
            await new Promise((resolve) => setTimeout(resolve, 5)); // across an await, too
            logger.info('reading settings');
            return {};
          },
        },
      },
      () =>
        temporal.client.workflow.execute(diagnosticsWorkflow, {
          taskQueue,
          workflowId: taskQueue,
          args: [{ requestedBy: 'test' }],
        }),
    );
  } finally {
    await temporal.close();
  }
  logger.info('outside any activity');
  expect(lines[0]).toMatchObject({
    msg: 'reading settings',
    workflowId: taskQueue,
    activityType: 'readBotConfig',
    attempt: 1,
  });
  expect(lines[0]?.runId).toEqual(expect.any(String));
  expect(lines[1]).not.toHaveProperty('workflowId');
});
