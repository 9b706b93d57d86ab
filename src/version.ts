/** VRCPulse's version, from its package.json (read once; `unknown` when it cannot be read). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function readVersion(): string {
  // src/ under ts-jest, dist/src/ once built: the package.json is one or two folders up
  for (const dir of [join(__dirname, '..'), join(__dirname, '..', '..')]) {
    try {
      const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (name === 'vrcpulse' && typeof version === 'string') return version;
    } catch {
      // not here: try the next folder
    }
  }
  return 'unknown';
}

export const VRCPULSE_VERSION = readVersion();
