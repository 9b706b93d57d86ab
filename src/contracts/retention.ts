/**
 * Retention: how long each time-series table keeps its rows, where operators change
 * that (bot_config), and what the daily retention workflow reports. Pure, so the workflow, the
 * activities and the docs share one definition.
 */
import { defineQuery } from '@temporalio/workflow';

/** The tables that have a retention period, in the order the workflow purges them. */
export const RETENTION_TABLES = [
  'metric_logs',
  'status_logs',
  'component_logs',
  'user_reports',
  'sent_alerts',
  // added with the lifecycle style and the delivery history (retention workflows started before
  // them replay without them: see RETENTION_OF_DELIVERY_TABLES)
  'alert_messages',
  'delivery_failures',
] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

/**
 * The default periods, in days (docs/data.md): metrics for trends, status history for longer health
 * reviews, reports for pattern analysis; sent_alerts only has to prevent recent duplicates. An
 * incident's or maintenance's message (alert_messages) is kept while it is edited and 90 days after
 * (a later alert about it posts a new one); refusals (delivery_failures) as long as the history.
 */
export const DEFAULT_RETENTION_DAYS: Readonly<Record<RetentionTable, number>> = {
  metric_logs: 90,
  status_logs: 180,
  component_logs: 180,
  user_reports: 365,
  sent_alerts: 30,
  alert_messages: 90,
  delivery_failures: 30,
};

/** The tables whose purge came later than the first retention workflow: purged behind a patch. */
export const LATER_RETENTION_TABLES: readonly RetentionTable[] = ['alert_messages', 'delivery_failures'];

/** bot_config key of a table's period in days, e.g. `retention.metric_logs`. */
export const retentionKey = (table: RetentionTable): string => `retention.${table}`;
/** bot_config key of the number of rows one DELETE removes at most. */
export const RETENTION_BATCH_SIZE_KEY = 'retention.batch_size';

/**
 * A week at least: the poll loops derive alert facts from the last 72 hours of rows, and a fact is
 * deduplicated by its sent_alerts rows, which must outlive it. Ten years at most.
 */
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 3650;
/** Rows per DELETE: small enough that a batch holds the SQLite write lock for about a millisecond. */
export const DEFAULT_RETENTION_BATCH_SIZE = 500;
export const MIN_RETENTION_BATCH_SIZE = 10;
export const MAX_RETENTION_BATCH_SIZE = 10_000;

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionSettings {
  periodDays: Record<RetentionTable, number>;
  batchSize: number;
  /** `key=value` of every setting that was present but invalid (its default applies instead). */
  invalid: string[];
}

/** A whole number from `min` to `max` written as plain digits (bot_config values), else null. */
export const integerIn = (raw: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(raw.trim())) return null;
  const value = Number(raw.trim());
  return value >= min && value <= max ? value : null;
};

/** The retention settings from bot_config's key/values: absent means the default, invalid too (reported). */
export function retentionSettings(botConfig: Readonly<Record<string, string>>): RetentionSettings {
  const invalid: string[] = [];
  const read = (key: string, fallback: number, min: number, max: number): number => {
    const raw = botConfig[key];
    if (raw === undefined) return fallback;
    const value = integerIn(raw, min, max);
    if (value === null) invalid.push(`${key}=${raw}`);
    return value ?? fallback;
  };
  const periodDays = Object.fromEntries(
    RETENTION_TABLES.map((table) => [
      table,
      read(retentionKey(table), DEFAULT_RETENTION_DAYS[table], MIN_RETENTION_DAYS, MAX_RETENTION_DAYS),
    ]),
  ) as Record<RetentionTable, number>;
  const batchSize = read(
    RETENTION_BATCH_SIZE_KEY,
    DEFAULT_RETENTION_BATCH_SIZE,
    MIN_RETENTION_BATCH_SIZE,
    MAX_RETENTION_BATCH_SIZE,
  );
  return { periodDays, batchSize, invalid };
}

export const RETENTION_WORKFLOW_TYPE = 'retentionWorkflow';
/** The Temporal Schedule the worker creates at boot; its runs are `retention-<scheduled time>`. */
export const RETENTION_SCHEDULE_ID = 'retention-daily';
export const RETENTION_WORKFLOW_ID_PREFIX = 'retention';

export interface RetentionInput {
  /** Rows per DELETE for this run; default `retention.batch_size` from bot_config (500). */
  batchSize?: number;
  /**
   * Purge as of this time (ISO-8601) instead of the run's start: a row goes when it is older than
   * its period at `asOf`. Never later than the run's start, so a typo cannot delete recent data.
   */
  asOf?: string;
}

/** What one table's purge did, in the workflow's result and its `progress` query. */
export interface TableRetention {
  periodDays: number;
  /** Rows older than this (ISO-8601) are past their period. */
  cutoff: string;
  deleted: number;
  /** DELETE statements that removed at least one row; each removed at most `batchSize`. */
  batches: number;
  /** The most rows one DELETE removed: never more than the run's batch size. */
  largestBatch: number;
  /** Set when the table could not be purged (the other tables still are). */
  error?: string;
}

export interface RetentionReport {
  asOf: string;
  batchSize: number;
  phase: 'running' | 'done';
  /** Settings in bot_config that were invalid and replaced by their defaults. */
  invalidSettings: string[];
  tables: Partial<Record<RetentionTable, TableRetention>>;
}

/** One purge activity call: at most `maxBatches` DELETEs of at most `batchSize` rows each. */
export interface PurgeRequest {
  table: RetentionTable;
  /** Epoch ms: rows whose timestamp is earlier are deleted. */
  cutoffMs: number;
  batchSize: number;
  maxBatches: number;
}

export interface PurgeOutcome {
  deleted: number;
  batches: number;
  largestBatch: number;
  /** No row older than the cutoff is left (the last DELETE removed fewer than `batchSize`). */
  done: boolean;
}

export const retentionProgressQuery = defineQuery<RetentionReport>('progress');
