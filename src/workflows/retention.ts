import { ActivityFailure, ApplicationFailure, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  DAY_MS,
  MAX_RETENTION_BATCH_SIZE,
  MIN_RETENTION_BATCH_SIZE,
  RETENTION_TABLES,
  type RetentionInput,
  type RetentionReport,
  retentionProgressQuery,
  type TableRetention,
} from '../contracts/retention';

/** Batches per activity call: 100 x 500 rows, about a second of deleting between two history events. */
export const BATCHES_PER_ACTIVITY = 100;

const { loadRetentionSettings } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});
const { purgeExpiredRows } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // The activity heartbeats after every batch: a worker that died mid-purge is noticed quickly.
  heartbeatTimeout: '1 minute',
  // Deleting again is harmless; a database that stays locked or broken gives up after a few minutes.
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 8 },
});

function checkInput(input: RetentionInput, startedAtMs: number): { asOfMs: number } {
  const { batchSize, asOf } = input;
  if (
    batchSize !== undefined &&
    !(
      Number.isInteger(batchSize) &&
      batchSize >= MIN_RETENTION_BATCH_SIZE &&
      batchSize <= MAX_RETENTION_BATCH_SIZE
    )
  ) {
    throw ApplicationFailure.nonRetryable(
      `batchSize must be an integer from ${MIN_RETENTION_BATCH_SIZE} to ${MAX_RETENTION_BATCH_SIZE}`,
      'InvalidRetentionInput',
    );
  }
  const asOfMs = asOf === undefined ? startedAtMs : Date.parse(asOf);
  if (Number.isNaN(asOfMs) || asOfMs > startedAtMs) {
    throw ApplicationFailure.nonRetryable(
      'asOf must be an ISO-8601 time no later than the run itself',
      'InvalidRetentionInput',
    );
  }
  return { asOfMs };
}

/**
 * Deletes the rows past their retention period: metric_logs 90 days, status_logs and
 * component_logs 180, user_reports 365, sent_alerts 30, or what bot_config's `retention.<table>`
 * says. One table after the other, in batches (see src/retention/purge.ts); the result, and the
 * `progress` query while it runs, say per table what was removed. Started daily by the
 * `retention-daily` schedule; it can also be started by hand (input `{}`).
 */
export async function retentionWorkflow(input: RetentionInput = {}): Promise<RetentionReport> {
  const { asOfMs } = checkInput(input, Date.now());
  const settings = await loadRetentionSettings();
  const batchSize = input.batchSize ?? settings.batchSize;
  const report: RetentionReport = {
    asOf: new Date(asOfMs).toISOString(),
    batchSize,
    phase: 'running',
    invalidSettings: settings.invalid,
    tables: {},
  };
  setHandler(retentionProgressQuery, () => report);

  for (const table of RETENTION_TABLES) {
    const periodDays = settings.periodDays[table];
    const cutoffMs = asOfMs - periodDays * DAY_MS;
    const result: TableRetention = {
      periodDays,
      cutoff: new Date(cutoffMs).toISOString(),
      deleted: 0,
      batches: 0,
      largestBatch: 0,
    };
    report.tables[table] = result;
    try {
      for (let done = false; !done;) {
        const outcome = await purgeExpiredRows({
          table,
          cutoffMs,
          batchSize,
          maxBatches: BATCHES_PER_ACTIVITY,
        });
        result.deleted += outcome.deleted;
        result.batches += outcome.batches;
        result.largestBatch = Math.max(result.largestBatch, outcome.largestBatch);
        done = outcome.done;
      }
    } catch (err) {
      // One table that cannot be purged does not keep the others from being purged.
      if (!(err instanceof ActivityFailure)) throw err;
      result.error = err.cause?.message ?? err.message;
    }
  }
  report.phase = 'done';

  const failed = RETENTION_TABLES.filter((table) => report.tables[table]?.error !== undefined);
  if (failed.length > 0) {
    // The run shows as Failed in the UI, with the whole report as the failure's details.
    throw ApplicationFailure.nonRetryable(
      `retention incomplete for ${failed.join(', ')}`,
      'RetentionIncomplete',
      report,
    );
  }
  return report;
}
