/** Activities of the daily retention workflow: read its settings, delete a table's old rows in batches. */
import { Context } from '@temporalio/activity';
import { readBotConfig } from '../db/settings';
import { deleteBatch, effectiveCutoff } from './purge';
import {
  type PurgeOutcome,
  type PurgeRequest,
  RETENTION_TABLES,
  type RetentionSettings,
  retentionSettings,
} from '../contracts/retention';
import type { ActivityDeps } from '../activities/deps';

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createRetentionActivities({ orm, logger }: Pick<ActivityDeps, 'orm' | 'logger'>) {
  const log = logger.child({ component: 'retention' });

  return {
    /** Periods and batch size from bot_config (`retention.*`); absent or invalid keys get the defaults. */
    async loadRetentionSettings(): Promise<RetentionSettings> {
      const settings = retentionSettings(await readBotConfig(orm.em.fork()));
      if (settings.invalid.length > 0)
        log.warn({ invalid: settings.invalid }, 'invalid retention settings in bot_config; using defaults');
      return settings;
    },

    /**
     * Deletes up to `maxBatches` batches of the table's rows older than the cut-off, heartbeating
     * after each, and stops early once a batch comes back short (nothing old is left). Deleting is
     * idempotent, so a retried call just carries on where the last one stopped.
     */
    async purgeExpiredRows(request: PurgeRequest): Promise<PurgeOutcome> {
      const { table, batchSize, maxBatches } = request;
      if (!(RETENTION_TABLES as readonly string[]).includes(table))
        throw new Error(`not a retention table: ${table}`);
      const context = Context.current();
      const cutoffMs = await effectiveCutoff(orm, table, request.cutoffMs);
      if (cutoffMs !== request.cutoffMs) {
        log.info(
          { table, cutoff: new Date(request.cutoffMs).toISOString(), kept: new Date(cutoffMs).toISOString() },
          'keeping the newest status snapshot although it is past its period',
        );
      }
      const outcome: PurgeOutcome = { deleted: 0, batches: 0, largestBatch: 0, done: false };
      for (let i = 0; i < maxBatches; i++) {
        const removed = await deleteBatch(orm, table, cutoffMs, batchSize);
        if (removed > 0) {
          outcome.deleted += removed;
          outcome.batches += 1;
          outcome.largestBatch = Math.max(outcome.largestBatch, removed);
        }
        context.heartbeat({ deleted: outcome.deleted, batches: outcome.batches });
        if (removed < batchSize) {
          outcome.done = true;
          break;
        }
        // Let the poll loops' and the bot's queries in between two batches.
        await yieldToOthers();
        if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
      }
      if (outcome.deleted > 0) log.info({ table, ...outcome }, 'expired rows deleted');
      return outcome;
    },
  };
}
