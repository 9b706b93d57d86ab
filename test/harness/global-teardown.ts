import { rmSync } from 'node:fs';
import type { DevServer } from '../../src/temporal/dev-server';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis as { __TEMPORAL_DEV_SERVER__?: DevServer; __HARNESS_RUN_DIR__?: string };
  await state.__TEMPORAL_DEV_SERVER__?.stop();
  if (state.__HARNESS_RUN_DIR__) rmSync(state.__HARNESS_RUN_DIR__, { recursive: true, force: true });
}
