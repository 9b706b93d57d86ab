/**
 * `.env` works as `.env.example` promises: the entry-point scripts read `.env` from the project
 * root when it exists (Node's --env-file-if-exists), and real environment variables win over it.
 *
 * The scripts run through npm itself in a stand-in project root (this package.json, with dist/ and
 * node_modules linked in), so the test never writes a `.env` into the real checkout. `--ignore-scripts`
 * skips the `pre*` build step (the suite's global setup built dist/ already); the script itself runs.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../harness/paths';

const execFileAsync = promisify(execFile);

/** Every script that starts a process reading VRCPulse's configuration. */
const CONFIGURED_SCRIPTS = ['start', 'worker', 'bot', 'migrate', 'commands:deploy', 'backup'] as const;

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

let project: string;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'vrcpulse-env-file-'));
  copyFileSync(join(ROOT, 'package.json'), join(project, 'package.json'));
  symlinkSync(join(ROOT, 'dist'), join(project, 'dist'));
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

async function npmRun(
  script: string,
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('npm', ['run', '--silent', '--ignore-scripts', script], {
      cwd: project,
      env: { PATH: process.env.PATH, HOME: project, ...env },
      timeout: 60_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

it.each(CONFIGURED_SCRIPTS)('npm run %s starts node with --env-file-if-exists=.env', (script) => {
  expect(pkg.scripts[script]).toMatch(/(^|&& )node --env-file-if-exists=\.env dist\/src\/\S+\.js$/);
});

it('npm run migrate takes DATABASE_PATH from .env in the project root', async () => {
  writeFileSync(
    join(project, '.env'),
    '# as in .env.example\nDATABASE_PATH=./from-dotenv/vrcpulse.db\nTEMPORAL_ADDRESS=\n',
  );
  const run = await npmRun('migrate');
  expect(run).toMatchObject({ code: 0, output: expect.stringContaining('Applied') });
  expect(existsSync(join(project, 'from-dotenv', 'vrcpulse.db'))).toBe(true);
  expect(existsSync(join(project, 'data', 'vrcpulse.db'))).toBe(false);
}, 90_000);

it('a real environment variable wins over the same name in .env', async () => {
  writeFileSync(join(project, '.env'), 'DATABASE_PATH=./from-dotenv/vrcpulse.db\n');
  const run = await npmRun('migrate', { DATABASE_PATH: join(project, 'from-env', 'vrcpulse.db') });
  expect(run.code).toBe(0);
  expect(existsSync(join(project, 'from-env', 'vrcpulse.db'))).toBe(true);
  expect(existsSync(join(project, 'from-dotenv'))).toBe(false);
}, 90_000);

it('a bad value in .env stops the script with the one-line error naming the variable', async () => {
  writeFileSync(join(project, '.env'), 'VRCHAT_TIMEOUT_MS=soon\n');
  const run = await npmRun('migrate');
  expect(run.code).toBe(1);
  expect(run.output).toMatch(/VRCHAT_TIMEOUT_MS/);
  expect(existsSync(join(project, 'data'))).toBe(false);
}, 90_000);

it('without a .env the defaults apply', async () => {
  const run = await npmRun('migrate');
  expect(run.code).toBe(0);
  expect(existsSync(join(project, 'data', 'vrcpulse.db'))).toBe(true);
}, 90_000);
