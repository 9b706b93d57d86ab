/**
 * Finds the `temporal` CLI binary. The SDK spawns it without a shell or PATH lookup, so callers need
 * an absolute path: TEMPORAL_CLI_PATH, then the copy `./vrcpulse` installs in .tools/, then PATH.
 * `undefined` means "none here" (callers may fall back to the SDK's own download).
 */
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The folder holding package.json, whether this file runs from src/ (tests) or dist/src/. */
function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

export const PROJECT_TOOLS_CLI = join(projectRoot(), '.tools', 'temporal', 'bin', 'temporal');

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface CliLookup {
  /** Explicit path (TEMPORAL_CLI_PATH); when set it must exist, there is no silent fallback. */
  explicitPath?: string | undefined;
  pathVariable?: string | undefined;
  extraCandidates?: readonly string[];
}

export class TemporalCliNotFoundError extends Error {}

export function findTemporalCli(lookup: CliLookup = {}): string | undefined {
  if (lookup.explicitPath) {
    if (!isExecutableFile(lookup.explicitPath)) {
      throw new TemporalCliNotFoundError(
        `TEMPORAL_CLI_PATH points to ${lookup.explicitPath}, which is not an executable file`,
      );
    }
    return realpathSync(lookup.explicitPath);
  }
  const fromPath = (lookup.pathVariable ?? process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'temporal'));
  const candidates = [...(lookup.extraCandidates ?? [PROJECT_TOOLS_CLI]), ...fromPath];
  const found = candidates.find(isExecutableFile);
  return found === undefined ? undefined : realpathSync(found);
}
