/**
 * The workflow code as one prebuilt file. `npm run build` bundles the compiled workflows with the
 * SDK's webpack once (src/temporal/bundle-workflows-main.ts), so a worker starts without bundling:
 * faster (about 1.5 s less) and lighter (webpack and its heap never load in the worker process).
 *
 * The bundle is used only when it is at least as new as every compiled module the workflows are made
 * of (src/workflows and src/contracts, the only code a workflow may import; see the architecture
 * test). A stale or missing one, after a bare `tsc`, say, is bundled at start as before, with a
 * warning, so a worker never runs workflow code other than what was compiled.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/** dist/workflow-bundle.js, beside dist/src (this module compiles to dist/src/temporal/). */
export const WORKFLOW_BUNDLE_PATH = join(__dirname, '..', '..', 'workflow-bundle.js');
/** The compiled folders the workflow code comes from. */
const WORKFLOW_SOURCES = ['workflows', 'contracts'].map((folder) => join(__dirname, '..', folder));

/** The newest modification time of the compiled modules under `folders` (0 when there are none). */
function newestModule(folders: readonly string[]): number {
  let newest = 0;
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.js')) {
        newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
      }
    }
  }
  return newest;
}

export type BundleState = 'fresh' | 'stale' | 'missing';

/** Whether the prebuilt bundle at `path` holds the compiled workflow code as it is now. */
export function bundleState(path = WORKFLOW_BUNDLE_PATH, sources = WORKFLOW_SOURCES): BundleState {
  if (!existsSync(path)) return 'missing';
  return statSync(path).mtimeMs >= newestModule(sources) ? 'fresh' : 'stale';
}

/** Bundles the compiled workflows (`../workflows` from here) into `path`. */
export async function writeWorkflowBundle(path = WORKFLOW_BUNDLE_PATH): Promise<void> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  writeFileSync(path, code);
}
