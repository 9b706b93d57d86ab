/**
 * Workflows in production outlive deploys: recorded histories of earlier versions must replay against
 * the current workflow code without non-determinism. Record a new history here whenever a workflow
 * changes shape (and keep the old ones), guarding the change with patched() where it is not
 * replay-safe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { harnessInfo } from '../harness/temporal';

const HISTORIES = join(__dirname, 'histories');
const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

describe('recorded workflow histories', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays against the current workflow code', async (file) => {
    // Decoded with @temporalio/proto's own protobufjs (the SDK's JSON helper trips over a second
    // protobufjs copy in the dependency tree).
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')),
    );
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: harnessInfo().bundlePath } }, history),
    ).resolves.toBeUndefined();
  });
});
