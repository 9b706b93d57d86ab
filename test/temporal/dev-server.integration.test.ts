/**
 * The embedded dev server refuses a port that something else already listens on: otherwise the
 * other server answers the readiness check, VRCPulse reports "up", and fails when that server goes.
 */
import { createServer, type Server } from 'node:net';
import { createLogger } from '../../src/logger';
import { findTemporalCli } from '../../src/temporal/cli';
import { startDevServer } from '../../src/temporal/dev-server';
import { freePort } from '../harness/ports';

let occupied: Server;
let port: number;
beforeAll(async () => {
  port = await freePort();
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(port, '127.0.0.1', resolve));
});
afterAll(() => new Promise((resolve) => occupied.close(resolve)));

it.each([
  ['gRPC', () => ({ port, uiPort: false as const }), /port \d+ on 127\.0\.0\.1 is in use.*TEMPORAL_DEV_PORT/],
  [
    'Web UI',
    async () => ({ port: await freePort(), uiPort: port }),
    /port \d+ on 127\.0\.0\.1 is in use.*TEMPORAL_UI_PORT/,
  ],
])('names a %s port that is taken and how to choose another', async (_what, ports, message) => {
  await expect(
    startDevServer({
      cliPath: findTemporalCli({ explicitPath: process.env.TEMPORAL_CLI_PATH }),
      namespace: 'default',
      logger: createLogger({ level: 'silent' }),
      ...(await ports()),
    }),
  ).rejects.toThrow(message);
});
