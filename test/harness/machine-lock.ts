/**
 * A lock held across every test run on this machine, for tests that need a machine-wide resource
 * (the embedded defaults' fixed ports 7233 and 8233): a second copy of the suite in another clone
 * waits for it instead of colliding. The lock is a directory (mkdir is atomic) holding the owner's
 * pid; a lock whose owner is gone is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './processes';

export async function withMachineLock<T>(
  name: string,
  fn: () => Promise<T>,
  timeoutMs = 600_000,
): Promise<T> {
  const dir = join(tmpdir(), `vrcpulse-test-lock-${name}`);
  const owner = join(dir, 'pid');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(owner, String(process.pid));
      break;
    } catch {
      let pid = Number.NaN;
      try {
        pid = Number(readFileSync(owner, 'utf8'));
      } catch {
        // the owner is between mkdir and writing its pid, or just released it
      }
      if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`machine lock ${name} still held by pid ${pid}`);
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
