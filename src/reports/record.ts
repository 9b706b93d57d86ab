/**
 * Records one `/report` in one transaction: registration check, the per-user
 * cooldown enforced by a single conditional INSERT (so two concurrent reports by one user can never
 * both pass), then the voices of that type in the window and, when they reach the threshold, the
 * broadcast decision (threshold.ts).
 */
import { thresholdReferenceId } from '../contracts/reference-ids';
import type { EntityManager } from '@mikro-orm/sqlite';
import { type AlertSettings, alertSettings } from '../contracts/alert-settings';
import { insertCommandLog } from '../interactions/command-log';
import { GuildConfig, ReportAlert, UserConfig, UserReport } from '../db/entities';
import { readBotConfig } from '../db/settings';
import type { AlertFact } from '../contracts/alerts';
import {
  REPORT_COOLDOWN_MS,
  type ReportAnswer,
  type ReportSubmission,
  type ReportType,
} from '../contracts/reports';
import { broadcastDecision, countVoices, thresholdReached, type Voices } from './threshold';

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
  const { reporters, ...voices } = await readVoices(em, type, at, settings.reportIntervalMinutes);
  const rule = { threshold: settings.reportThreshold, minSources: settings.reportMinSources };
  const alert = thresholdReached(voices, rule) ? await decideBroadcast(em, type, at, voices, settings) : null;
  return {
    answer: {
      status: 'accepted',
      reportId,
      type,
      // everyone who reported the type in the window, counted or not, this reporter aside
      othersCount: Math.max(reporters - 1, 0),
      windowMinutes: settings.reportIntervalMinutes,
      progress: {
        ...voices,
        ...rule,
        alert: alert === null ? 'none' : alert.broadcast ? 'started' : 'limited',
      },
    },
    thresholdFact: alert?.broadcast
      ? { type: 'threshold', referenceId: alert.referenceId, observedAt: at.toISOString() }
      : null,
  };
}

/**
 * The voices counted for `type` in the window ending at `at` (see threshold.ts), and how many
 * distinct players reported it at all. Reads inside the caller's transaction.
 */
export async function readVoices(
  em: EntityManager,
  type: string,
  at: Date,
  windowMinutes: number,
): Promise<Voices & { reporters: number }> {
  const connection = em.getConnection();
  const since = at.getTime() - windowMinutes * 60_000;
  const reports = await connection.execute<{ user_id: string; guild_id: string | null }[]>(
    `select user_id, guild_id from user_reports
     where incident_type = ? and status = 'active' and created_at > ? and created_at <= ?`,
    [type, since, at.getTime()],
    'all',
    em.getTransactionContext(),
  );
  const dmReporters = [...new Set(reports.filter((r) => r.guild_id === null).map((r) => r.user_id))];
  const registrations =
    dmReporters.length === 0
      ? []
      : await em.find(UserConfig, { userId: { $in: dmReporters } }, { fields: ['userId', 'createdAt'] });
  const counted = countVoices(
    reports.map((r) => ({ userId: r.user_id, guildId: r.guild_id })),
    new Map(registrations.map((r) => [r.userId, r.createdAt.getTime()])),
    since,
  );
  return { ...counted, reporters: new Set(reports.map((r) => r.user_id)).size };
}

/**
 * The threshold of `type` is reached at `at`: its alert for the current block goes out if it
 * already did (a later report of the same block, or a retried one) or if the broadcast limits
 * leave room, in which case the decision is recorded (report_alerts) in this transaction.
 */
async function decideBroadcast(
  em: EntityManager,
  type: ReportType,
  at: Date,
  counted: Voices,
  settings: AlertSettings,
): Promise<{ referenceId: string; broadcast: boolean }> {
  const referenceId = thresholdReferenceId(type, at);
  if (await em.findOne(ReportAlert, { referenceId }, { fields: ['id'] }))
    return { referenceId, broadcast: true };
  const lookback = Math.max(settings.reportTypeAlertIntervalMinutes, 60) * 60_000;
  const recent = await em.find(
    ReportAlert,
    { createdAt: { $gt: new Date(at.getTime() - lookback), $lte: at } },
    { fields: ['reportType', 'createdAt'] },
  );
  const decision = broadcastDecision(
    recent.map((r) => ({ reportType: r.reportType, at: r.createdAt.getTime() })),
    type,
    at.getTime(),
    { typeIntervalMinutes: settings.reportTypeAlertIntervalMinutes, perHour: settings.reportAlertsPerHour },
  );
  if (decision !== 'broadcast') return { referenceId, broadcast: false };
  await em.insert(ReportAlert, {
    reportType: type,
    referenceId,
    reporters: counted.voices,
    sources: counted.sources,
    createdAt: at,
  });
  return { referenceId, broadcast: true };
}
