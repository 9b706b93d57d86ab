/**
 * Records one `/report` in one transaction: registration check, the per-user
 * cooldown enforced by a single conditional INSERT (so two concurrent reports by one user can never
 * both pass), then the count of distinct reporters of that type in the window.
 */
import { thresholdReferenceId } from '../contracts/reference-ids';
import type { EntityManager } from '@mikro-orm/sqlite';
import { alertSettings } from '../contracts/alert-settings';
import { insertCommandLog } from '../interactions/command-log';
import { GuildConfig, UserConfig, UserReport } from '../db/entities';
import { readBotConfig } from '../db/settings';
import type { AlertFact } from '../contracts/alerts';
import {
  REPORT_COOLDOWN_MS,
  type ReportAnswer,
  type ReportSubmission,
  type ReportType,
} from '../contracts/reports';

export interface RecordOutcome {
  answer: ReportAnswer;
  /** Set when this report brought its type to the threshold. */
  thresholdFact: AlertFact | null;
}

/**
 * @param at the report's time, fixed by the workflow (the same on every attempt).
 *
 * Idempotent per Discord interaction: the row carries the interaction id (unique), so a retried
 * activity, or the same interaction delivered again, finds its own row and answers as the first
 * attempt did; another interaction of the same user never can.
 */
export async function recordReport(
  em: EntityManager,
  report: ReportSubmission,
  at: Date,
): Promise<RecordOutcome> {
  const type = report.type as ReportType;
  // Every /report is logged, refused ones too; a retry finds the row by the interaction id.
  if (report.log) await insertCommandLog(em, report.log);
  const context = report.guildId ? 'guild' : 'user';
  const registered = report.guildId
    ? await em.findOne(GuildConfig, { guildId: report.guildId, enabled: true }, { fields: ['guildId'] })
    : await em.findOne(UserConfig, { userId: report.userId, enabled: true }, { fields: ['userId'] });
  if (!registered) return { answer: { status: 'not_registered', context }, thresholdFact: null };

  // Raw statements must run inside the caller's transaction: SQLite has one connection, and a
  // statement outside the transaction would wait for it forever.
  const connection = em.getConnection();
  const ours = await em.findOne(UserReport, { interactionId: report.interactionId }, { fields: ['id'] });
  let reportId = ours?.id;
  if (reportId === undefined) {
    const result: { affectedRows: number; insertId: number | bigint } = (await connection.execute(
      `insert into user_reports (guild_id, user_id, incident_type, content, status, interaction_id, created_at)
       select ?, ?, ?, ?, 'active', ?, ?
       where not exists (select 1 from user_reports where user_id = ? and created_at > ?)`,
      [
        report.guildId,
        report.userId,
        type,
        report.details,
        report.interactionId,
        at.getTime(),
        report.userId,
        at.getTime() - REPORT_COOLDOWN_MS,
      ],
      'run',
      em.getTransactionContext(),
    )) as never;
    if (result.affectedRows === 0) {
      const [latest] = await em.find(
        UserReport,
        { userId: report.userId },
        { orderBy: { createdAt: 'desc' }, limit: 1, fields: ['createdAt'] },
      );
      const retryAt = new Date((latest?.createdAt.getTime() ?? at.getTime()) + REPORT_COOLDOWN_MS);
      return { answer: { status: 'cooldown', retryAt: retryAt.toISOString() }, thresholdFact: null };
    }
    reportId = Number(result.insertId);
  }

  const settings = alertSettings(await readBotConfig(em));
  const since = new Date(at.getTime() - settings.reportIntervalMinutes * 60_000);
  const [row] = await connection.execute<{ reporters: number }[]>(
    `select count(distinct user_id) as reporters from user_reports
     where incident_type = ? and status = 'active' and created_at > ? and created_at <= ?`,
    [type, since.getTime(), at.getTime()],
    'all',
    em.getTransactionContext(),
  );
  const reporters = row?.reporters ?? 1;
  return {
    answer: {
      status: 'accepted',
      reportId,
      type,
      othersCount: Math.max(reporters - 1, 0),
      windowMinutes: settings.reportIntervalMinutes,
    },
    thresholdFact:
      reporters >= settings.reportThreshold
        ? { type: 'threshold', referenceId: thresholdReferenceId(type, at), observedAt: at.toISOString() }
        : null,
  };
}
