/**
 * `/report` intake: what the bot sends (one Update per Discord interaction) and what it gets back.
 * The validation here runs in the workflow's update validator and may run in the bot too.
 */
import { isSnowflake } from './discord-ids';
import { defineUpdate } from '@temporalio/workflow';
import { type CommandLogEntry, validateLogEntry } from './commands';

export const REPORT_TYPES = ['login', 'instance', 'api', 'auth', 'download', 'other'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const MAX_REPORT_DETAILS = 500;
/** One report per user per 5 minutes, any type. */
export const REPORT_COOLDOWN_MS = 5 * 60_000;

export interface ReportSubmission {
  /** The Discord interaction id: one report per interaction, however often it is delivered. */
  interactionId: string;
  userId: string;
  /** Set in guild context; null in DMs / user-install context. */
  guildId: string | null;
  channelId: string | null;
  type: string;
  details: string | null;
  /** The command_logs row, written with the report (absent from submissions made before it existed). */
  log?: CommandLogEntry | null;
}

/** How far the report's type is from an alert (absent from answers recorded by earlier releases). */
export interface ReportProgress {
  /** Distinct players who count toward the threshold, this one included if they count. */
  voices: number;
  threshold: number;
  /** Places they reported from (each server one, DMs one) and how many are needed. */
  sources: number;
  minSources: number;
  /** none: not reached; started: the alert went out; limited: reached, but the broadcast limits held it back. */
  alert: 'none' | 'started' | 'limited';
}

export type ReportAnswer =
  | {
      status: 'accepted';
      reportId: number;
      type: ReportType;
      othersCount: number;
      windowMinutes: number;
      progress?: ReportProgress;
    }
  | { status: 'cooldown'; retryAt: string }
  | { status: 'not_registered'; context: 'guild' | 'user' };

export const REPORT_WORKFLOW_TYPE = 'reportWorkflow';
export const reportWorkflowId = (interactionId: string): string => `report-${interactionId}`;
export const submitReportUpdate = defineUpdate<ReportAnswer, [ReportSubmission]>('submitReport');

export class InvalidReportError extends Error {
  override readonly name = 'InvalidReportError';
}

/** Throws InvalidReportError with a message a user can act on. */
export function validateReport(report: ReportSubmission): void {
  for (const [field, value] of [
    ['interactionId', report.interactionId],
    ['userId', report.userId],
  ] as const) {
    if (!isSnowflake(value)) throw new InvalidReportError(`${field} must be a Discord id`);
  }
  if (report.guildId !== null && !isSnowflake(report.guildId))
    throw new InvalidReportError('guildId must be a Discord id');
  if (report.log) {
    try {
      validateLogEntry(report.log);
    } catch (err) {
      throw new InvalidReportError(`log: ${(err as Error).message}`);
    }
  }
  if (!(REPORT_TYPES as readonly string[]).includes(report.type)) {
    throw new InvalidReportError(`type must be one of ${REPORT_TYPES.join(', ')}`);
  }
  if (report.details !== null) {
    if (typeof report.details !== 'string') throw new InvalidReportError('details must be text');
    const length = [...report.details].length;
    if (length > MAX_REPORT_DETAILS) {
      throw new InvalidReportError(
        `details are ${length} characters long; at most ${MAX_REPORT_DETAILS} are allowed`,
      );
    }
  }
}
