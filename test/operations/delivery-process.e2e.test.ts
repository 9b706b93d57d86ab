/**
 * The delivery process beside every worker with a Discord token (`npm run worker` here): it starts
 * with the worker and serves the delivery task queue; SIGTERM to the worker stops both cleanly; a
 * worker killed outright (SIGKILL, no chance to stop its child) leaves no delivery process behind.
 */
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { TEST_BOT_TOKEN } from '../harness/deps';
import {
  descendantsOf,
  exitOf,
  isAlive,
  spawnEntryPoint,
  waitForOutput,
  workerEnv,
} from '../harness/processes';
import { createTestDatabase } from '../harness/sqlite';
import { waitFor } from '../harness/wait';

const NAMESPACE = 'vrcpulse-spare';

describe('the delivery process', () => {
  let discord: FakeDiscord;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await discord.close();
    await db.cleanup();
  });

  const startWorker = async () => {
    const child = spawnEntryPoint(
      'worker-main.js',
      workerEnv(NAMESPACE, db.path, {
        DISCORD_TOKEN: TEST_BOT_TOKEN,
        DISCORD_API_BASE_URL: discord.apiBaseUrl,
        // unreachable: the poll loops fail quietly, which is not what this test looks at
        VRCHAT_STATUS_BASE_URL: 'http://127.0.0.1:9/api/v2',
        VRCHAT_METRICS_BASE_URL: 'http://127.0.0.1:9',
        LOG_LEVEL: 'info',
      }),
    );
    const output = await waitForOutput(child, /delivery process polling/, 60_000);
    const children = descendantsOf(child.pid!);
    return { child, output, children };
  };

  it('starts with the worker on the delivery task queue and stops with it on SIGTERM', async () => {
    const { child, output, children } = await startWorker();
    try {
      expect(children).toHaveLength(1);
      expect(output).toMatch(/"taskQueue":"vrcpulse-delivery","msg":"delivery process polling"/);
      child.kill('SIGTERM');
      expect(await exitOf(child)).toEqual({ code: 0, signal: null });
      expect(children.filter(isAlive)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('does not outlive a worker killed with SIGKILL', async () => {
    const { child, children } = await startWorker();
    try {
      expect(children).toHaveLength(1);
      child.kill('SIGKILL');
      await exitOf(child);
      // the closed IPC channel tells it its worker is gone; it stops within its shutdown grace
      await waitFor(() => (children.some(isAlive) ? undefined : true), 30_000, 'the orphan to stop');
    } finally {
      for (const pid of children.filter(isAlive)) process.kill(pid, 'SIGKILL');
    }
  }, 90_000);
});
