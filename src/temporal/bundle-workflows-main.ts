/**
 * The last step of `npm run build`: bundles the compiled workflows into dist/workflow-bundle.js for
 * the worker (see workflow-bundle.ts), unless the bundle there is already up to date.
 */
import { bundleState, WORKFLOW_BUNDLE_PATH, writeWorkflowBundle } from './workflow-bundle';

async function main(): Promise<void> {
  if (bundleState() === 'fresh') return;
  const started = performance.now();
  await writeWorkflowBundle();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`workflow bundle written to ${WORKFLOW_BUNDLE_PATH} in ${seconds} s\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `could not bundle the workflows: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
