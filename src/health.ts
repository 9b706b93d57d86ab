/**
 * `GET /healthz` of the worker process: whether the worker is polling its task queue, and, for each
 * poll loop, when it last succeeded and whether its data is stale (no success for more than five
 * intervals). Only a worker that is not running answers 503: a stale source (VRChat down) is
 * "degraded" with 200, so an orchestrator does not restart a healthy worker for someone else's outage.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Logger } from './logger';
import { isStale, POLL_SOURCES, type PollLoopState, type PollSource } from './contracts/polling';
import { queryPollLoopStates } from './polling/client';

export type LoopHealth =
  | {
      intervalSeconds: number;
      lastSuccessAt: string | null;
      lastError: PollLoopState['lastError'];
      consecutiveFailures: number;
      nextRunAt: string | null;
      stale: boolean;
    }
  | { unknown: string };

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  worker: string;
  loops: Record<PollSource, LoopHealth>;
  checkedAt: string;
}

/** Pure: the report from the worker's state and what each loop's `state` query answered. */
export function healthReport(
  workerState: string,
  loops: Record<PollSource, PollLoopState | Error>,
  nowMs: number,
): HealthReport {
  const entries = POLL_SOURCES.map((source): [PollSource, LoopHealth] => {
    const state = loops[source];
    if (state instanceof Error) return [source, { unknown: state.message }];
    return [
      source,
      {
        intervalSeconds: state.intervalSeconds,
        lastSuccessAt: state.lastSuccessAt,
        lastError: state.lastError,
        consecutiveFailures: state.consecutiveFailures,
        nextRunAt: state.nextRunAt,
        stale: isStale(state, nowMs),
      },
    ];
  });
  const report = Object.fromEntries(entries) as Record<PollSource, LoopHealth>;
  const healthy = entries.every(([, loop]) => !('unknown' in loop) && !loop.stale);
  return {
    status: workerState !== 'RUNNING' ? 'down' : healthy ? 'ok' : 'degraded',
    worker: workerState,
    loops: report,
    checkedAt: new Date(nowMs).toISOString(),
  };
}

const QUERY_TIMEOUT_MS = 2000;

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: {
  port: number;
  host?: string;
  workerState: () => string;
  client: Client;
  logger: Logger;
}): Promise<HealthServer> {
  // A slow or stuck client cannot hold a connection: headers within 5 s, the whole request within
  // 10 s, checked every second. Headers over Node's 16 KiB limit get 431 from Node itself.
  const limits = { headersTimeout: 5_000, requestTimeout: 10_000, connectionsCheckingInterval: 1_000 };
  const server: Server = createServer(limits, (req, res) => {
    // A request target that is not a URL (`GET //[`) must get an answer, not throw out of the
    // handler: an exception here would end the worker process, poll loops and fan-outs with it.
    const path = URL.parse(req.url ?? '/', 'http://x')?.pathname;
    if (path === undefined) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"bad request"}');
      return;
    }
    if (req.method !== 'GET' || path !== '/healthz') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    void (async () => {
      const loops = await queryPollLoopStates(options.client, QUERY_TIMEOUT_MS);
      const report = healthReport(options.workerState(), loops, Date.now());
      res
        .writeHead(report.status === 'down' ? 503 : 200, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
        })
        .end(JSON.stringify(report));
    })().catch((err: unknown) => {
      options.logger.error({ err }, 'health check failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('clientError', (_err, socket) => {
    // malformed request lines and headers: answer 400 if the socket can still take it, then close
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port }, 'health endpoint listening: GET /healthz');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
