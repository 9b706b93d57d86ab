/**
 * Once per `npm test`: compile dist/ (entry-point tests spawn the real CLIs), start one real Temporal
 * dev server from the installed binary, and bundle the workflow code once. Test files find both
 * through test/.tmp/harness.json (Jest globalSetup cannot hand objects to test files).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createLogger } from '../../src/logger';
import { findTemporalCli } from '../../src/temporal/cli';
import { startDevServer } from '../../src/temporal/dev-server';
import { freePort } from './ports';
import {
  HARNESS_ENV,
  ROOT,
  TMP_DIR,
  type HarnessInfo,
  TEST_SEARCH_ATTRIBUTES,
  TEST_DYNAMIC_CONFIG,
  TEST_NAMESPACES,
} from './paths';

const execFileAsync = promisify(execFile);

export default async function globalSetup(): Promise<void> {
  const runDir = join(TMP_DIR, `run-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  const logger = createLogger({
    level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'warn',
    name: 'harness',
  });

  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = execFileAsync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT }).catch(
    (err: { stdout?: string }) => {
      throw new Error(`tsc build for entry-point tests failed:\n${err.stdout ?? String(err)}`);
    },
  );

  const bundlePath = join(runDir, 'workflow-bundle.js');
  const bundle = bundleWorkflowCode({
    workflowsPath: require.resolve('../../src/workflows'),
    logger: {
      trace() {},
      debug() {},
      info() {},
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
      log() {},
    },
  }).then(({ code }) => writeFileSync(bundlePath, code));

  const port = await freePort();
  const server = await startDevServer({
    cliPath: findTemporalCli({ explicitPath: process.env.TEMPORAL_CLI_PATH }),
    port,
    uiPort: false,
    namespace: 'default',
    extraNamespaces: [...TEST_NAMESPACES],
    dynamicConfig: TEST_DYNAMIC_CONFIG,
    searchAttributes: TEST_SEARCH_ATTRIBUTES,
    logger,
  });
  (globalThis as { __TEMPORAL_DEV_SERVER__?: unknown }).__TEMPORAL_DEV_SERVER__ = server;

  await Promise.all([build, bundle]);
  // The workers the entry-point tests spawn use the build's bundle (as after `npm run build`)
  // instead of bundling at every start: the same workflow code, bundled once above.
  copyFileSync(bundlePath, join(ROOT, 'dist', 'workflow-bundle.js'));
  const info: HarnessInfo = {
    address: server.address,
    namespace: 'default',
    bundlePath,
    serverPid: server.pid,
  };
  const harnessFile = join(runDir, 'harness.json');
  writeFileSync(harnessFile, JSON.stringify(info, null, 2));
  process.env[HARNESS_ENV] = harnessFile;
  (globalThis as { __HARNESS_RUN_DIR__?: string }).__HARNESS_RUN_DIR__ = runDir;
}
