import type { DevServer } from '../../src/temporal/dev-server';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __TEMPORAL_DEV_SERVER__?: DevServer }).__TEMPORAL_DEV_SERVER__;
  await server?.stop();
}
