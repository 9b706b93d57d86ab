import {
  ActivityFailure,
  ApplicationFailure,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  DAY_MS,
  LATER_RETENTION_TABLES,
  MAX_RETENTION_BATCH_SIZE,
  MIN_RETENTION_BATCH_SIZE,
  RETENTION_TABLES,
  type PurgeOutcome,
  type RetentionInput,
  type RetentionReport,
  retentionProgressQuery,
  type RetentionTable,
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
 * What a retention run has done so far: the report its `progress` query shows and its result (or
 * failure) carries, filled in table by table. Pure: the workflow purges and tells the state what
 * came of it.
 */
export class RetentionState {
  private readonly report: RetentionReport;

  constructor(
    private readonly asOfMs: number,
    batchSize: number,
    invalidSettings: string[],
  ) {
    this.report = {
      asOf: new Date(asOfMs).toISOString(),
      batchSize,
      phase: 'running',
      invalidSettings,
      tables: {},
    };
  }

  /** A table's purge begins: it joins the report. Returns the cutoff, epoch ms, to delete before. */
  startTable(table: RetentionTable, periodDays: number): number {
    const cutoffMs = this.asOfMs - periodDays * DAY_MS;
    this.report.tables[table] = {
      periodDays,
      cutoff: new Date(cutoffMs).toISOString(),
      deleted: 0,
      batches: 0,
      largestBatch: 0,
    };
    return cutoffMs;
  }

  /** One purge activity call's batches are done. */
  recordPurge(table: RetentionTable, outcome: PurgeOutcome): void {
    const result = this.table(table);
    result.deleted += outcome.deleted;
    result.batches += outcome.batches;
    result.largestBatch = Math.max(result.largestBatch, outcome.largestBatch);
  }

  /** The table could not be purged (the others still are). */
  tableFailed(table: RetentionTable, error: string): void {
    this.table(table).error = error;
  }

  /** Every table has had its turn. Returns the tables that could not be purged, in purge order. */
  finish(): RetentionTable[] {
    this.report.phase = 'done';
    return RETENTION_TABLES.filter((table) => this.report.tables[table]?.error !== undefined);
  }

  /** The report as the `progress` query and the result show it (a copy). */
  snapshot(): RetentionReport {
    const tables: RetentionReport['tables'] = {};
    for (const [table, result] of Object.entries(this.report.tables)) {
      tables[table as RetentionTable] = { ...result };
    }
    return { ...this.report, invalidSettings: [...this.report.invalidSettings], tables };
  }

  private table(table: RetentionTable): TableRetention {
    const result = this.report.tables[table];
    if (!result) throw new Error(`retention of ${table} has not started`);
    return result;
  }
}

/** Patch marker of the purge of alert_messages and delivery_failures. */
export const RETENTION_OF_DELIVERY_TABLES = 'retention-delivery-tables';

/**
 * Deletes the rows past their retention period: metric_logs 90 days, status_logs and
 * component_logs 180, user_reports 365, sent_alerts 30, alert_messages 90, delivery_failures 30, or
 * what bot_config's `retention.<table>`
 * says. One table after the other, in batches (see src/retention/purge.ts); the result, and the
 * `progress` query while it runs, say per table what was removed. Started daily by the
 * `retention-daily` schedule; it can also be started by hand (input `{}`).
 */
export async function retentionWorkflow(input: RetentionInput = {}): Promise<RetentionReport> {
  const { asOfMs } = checkInput(input, Date.now());
  const settings = await loadRetentionSettings();
  const batchSize = input.batchSize ?? settings.batchSize;
  const run = new RetentionState(asOfMs, batchSize, settings.invalid);
  setHandler(retentionProgressQuery, () => run.snapshot());

  // Added after the first release: runs recorded before it replay without these tables.
  const laterTables = patched(RETENTION_OF_DELIVERY_TABLES);
  for (const table of RETENTION_TABLES) {
    if (LATER_RETENTION_TABLES.includes(table) && !laterTables) continue;
    const cutoffMs = run.startTable(table, settings.periodDays[table]);
    try {
      for (let done = false; !done;) {
        const outcome = await purgeExpiredRows({
          table,
          cutoffMs,
          batchSize,
          maxBatches: BATCHES_PER_ACTIVITY,
        });
        run.recordPurge(table, outcome);
        done = outcome.done;
      }
    } catch (err) {
      // One table that cannot be purged does not keep the others from being purged.
      if (!(err instanceof ActivityFailure)) throw err;
      run.tableFailed(table, err.cause?.message ?? err.message);
    }
  }

  const failed = run.finish();
  if (failed.length > 0) {
    // The run shows as Failed in the UI, with the whole report as the failure's details.
    throw ApplicationFailure.nonRetryable(
      `retention incomplete for ${failed.join(', ')}`,
      'RetentionIncomplete',
      run.snapshot(),
    );
  }
  return run.snapshot();
}
