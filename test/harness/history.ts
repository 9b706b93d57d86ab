/**
 * Recording replay fixtures: a test that drives a new workflow path calls `recordHistory` with the
 * workflow's handle; with VRCPULSE_RECORD_HISTORIES=1 in the environment the history is written to
 * test/replay/histories/<name>.json (in the format test/replay/replay.test.ts reads), otherwise
 * nothing happens. Record once, review, commit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ROOT } from './paths';

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.VRCPULSE_RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
  });
  writeFileSync(
    join(ROOT, 'test', 'replay', 'histories', `${name}.json`),
    `${JSON.stringify(json, null, 1)}\n`,
  );
}
