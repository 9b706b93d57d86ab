/**
 * A `GET /healthz` endpoint that no request can crash: a request target that is not a URL gets 400,
 * anything but `GET /healthz` 404, a slow client is cut off (headers within 5 s, the whole request
 * within 10 s) and headers over Node's 16 KiB limit get 431 from Node itself. The worker and the bot
 * each serve one, on HEALTH_HOST (127.0.0.1 unless set) and HEALTH_PORT.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';

export interface HealthEndpoint {
  readonly port: number;
  close(): Promise<void>;
}

/** What the check answers: 503 when `healthy` is false (an orchestrator acts on it), else 200. */
export interface HealthAnswer {
  healthy: boolean;
  body: unknown;
}

export async function serveHealth(options: {
  port: number;
  host?: string;
  logger: Logger;
  check: () => Promise<HealthAnswer>;
}): Promise<HealthEndpoint> {
  const limits = { headersTimeout: 5_000, requestTimeout: 10_000, connectionsCheckingInterval: 1_000 };
  const server: Server = createServer(limits, (req, res) => {
    // A request target that is not a URL (`GET //[`) must get an answer, not throw out of the
    // handler: an exception here would end the process, and the poll loops or the bot with it.
    const path = URL.parse(req.url ?? '/', 'http://x')?.pathname;
    if (path === undefined) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"bad request"}');
      return;
    }
    if (req.method !== 'GET' || path !== '/healthz') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    options
      .check()
      .then((answer) => {
        res
          .writeHead(answer.healthy ? 200 : 503, {
            'content-type': 'application/json',
            'cache-control': 'no-store',
          })
          .end(JSON.stringify(answer.body));
      })
      .catch((err: unknown) => {
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
