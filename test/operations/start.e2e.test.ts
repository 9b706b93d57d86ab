/**
 * `npm start` with no environment at all: migrates, starts the embedded Temporal dev server with its
 * Web UI on 8233 and the worker, stays up, and on SIGINT stops everything and exits 0.
 * (`npm start` is `npm run build` + `node dist/src/main.js`; the suite's global setup built dist/.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/paths';
import { withMachineLock } from '../harness/machine-lock';
import { descendantsOf, exitOf, isAlive, waitForOutput } from '../harness/processes';

describe('npm start on embedded defaults', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'vrcpulse-start-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('is what the start script runs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('node --env-file-if-exists=.env dist/src/main.js');
    expect(pkg.scripts.prestart).toMatch(/npm run --silent build/);
  });

  // The defaults' fixed ports are the machine's: a suite running in another clone waits its turn.
  it(
    'comes up with the Temporal UI on 8233 and exits 0 on SIGINT, leaving no process behind',
    () => withMachineLock('default-ports', startAndStop),
    720_000,
  );

  async function startAndStop(): Promise<void> {
    // Only PATH (to find the installed temporal CLI): no VRCPulse variable is set.
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd,
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitForOutput(child, /VRCPulse is running/, 90_000);
      const ui = await fetch('http://127.0.0.1:8233/');
      expect(ui.status).toBe(200);
      expect(await ui.text()).toMatch(/<html/i);

      const spawned = descendantsOf(child.pid!);
      expect(spawned.length).toBeGreaterThan(0);
      expect(existsSync(join(cwd, 'data', 'vrcpulse.db'))).toBe(true);
      expect(existsSync(join(cwd, 'data', 'temporal.db'))).toBe(true);

      child.kill('SIGINT');
      const exit = await exitOf(child);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(spawned.filter(isAlive)).toEqual([]);
      await expect(fetch('http://127.0.0.1:8233/')).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
});
