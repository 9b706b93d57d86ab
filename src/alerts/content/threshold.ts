/**
 * A crowd-report alert's content: the players counted (as the threshold counts them), when they
 * reported, and what the official signals said at the time: an open incident (named, so players
 * learn VRChat is on it) and a related metric in breach (src/reports/signals.ts).
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { isResolvedIncidentStatus, RESOLVED_INCIDENT_STATUSES } from '../../contracts/alert-content';
import type { AlertContent, ThresholdAlertContent } from '../../contracts/alert-content';
import { alertSettings, METRIC_ALERT_RULES } from '../../contracts/alert-settings';
import { parseThresholdReferenceId } from '../../contracts/reference-ids';
import { REPORT_TYPES, type ReportType } from '../../contracts/reports';
import { Incident, MetricLog, UserReport } from '../../db/entities';
import { readBotConfig } from '../../db/settings';
import { AVERAGE_WINDOW_MS, newestAverage } from '../../polling/metric-average';
import { isBreached } from '../../polling/metric-episodes';
import { readVoices } from '../../reports/record';
import { incidentRelatesTo, REPORT_SIGNALS } from '../../reports/signals';

export async function thresholdContent(
  em: EntityManager,
  referenceId: string,
  now: Date,
  pageUrl: string | null,
): Promise<AlertContent | null> {
  const parsed = parseThresholdReferenceId(referenceId);
  if (!parsed || !(REPORT_TYPES as readonly string[]).includes(parsed.reportType)) return null;
  const reportType = parsed.reportType as ReportType;
  const until = parsed.blockEnd < now ? parsed.blockEnd : now;
  const settings = alertSettings(await readBotConfig(em));
  const since = new Date(until.getTime() - settings.reportIntervalMinutes * 60_000);
  const reports = await em.find(
    UserReport,
    { incidentType: reportType, status: 'active', createdAt: { $gte: since, $lte: until } },
    { orderBy: { createdAt: 'desc' }, limit: 5, fields: ['createdAt'] },
  );
  const counted = await readVoices(em, reportType, until, settings.reportIntervalMinutes);
  return {
    type: 'threshold',
    referenceId,
    reportType,
    count: counted.voices,
    threshold: settings.reportThreshold,
    windowMinutes: settings.reportIntervalMinutes,
    recentReportTimes: reports.map((r) => r.createdAt.toISOString()),
    officialIncident: await openIncident(em, reportType, pageUrl),
    metricBreach: await relatedBreach(em, reportType, settings.metricThresholds, until),
  };
}

/** The open incident to name: the newest one about this kind of problem, else the newest open one. */
async function openIncident(
  em: EntityManager,
  type: ReportType,
  pageUrl: string | null,
): Promise<ThresholdAlertContent['officialIncident']> {
  const open = await em.find(
    Incident,
    { status: { $nin: [...RESOLVED_INCIDENT_STATUSES] } },
    { orderBy: { createdAt: 'desc' }, limit: 20, fields: ['id', 'title', 'status'] },
  );
  const stillOpen = open.filter((i) => !isResolvedIncidentStatus(i.status));
  const chosen = stillOpen.find((i) => incidentRelatesTo(type, i.title)) ?? stillOpen[0];
  return chosen
    ? {
        title: chosen.title,
        status: chosen.status,
        url: pageUrl ? `${pageUrl}/incidents/${chosen.id}` : null,
      }
    : null;
}

/** The first metric related to `type` whose newest 5-minute average (up to `at`) is beyond its threshold. */
async function relatedBreach(
  em: EntityManager,
  type: ReportType,
  thresholds: Record<keyof typeof METRIC_ALERT_RULES, number>,
  at: Date,
): Promise<ThresholdAlertContent['metricBreach']> {
  for (const metric of REPORT_SIGNALS[type].metrics) {
    const rows = await em.find(
      MetricLog,
      { metricName: metric, timestamp: { $gt: new Date(at.getTime() - AVERAGE_WINDOW_MS), $lte: at } },
      { fields: ['timestamp', 'value'] },
    );
    const value = newestAverage(rows.map((r) => ({ timestamp: r.timestamp.getTime(), value: r.value })));
    const rule = { metric, threshold: thresholds[metric], direction: METRIC_ALERT_RULES[metric].direction };
    if (value !== null && isBreached(rule, value)) {
      return {
        metric,
        value,
        threshold: rule.threshold,
        direction: rule.direction,
        unit: METRIC_ALERT_RULES[metric].unit,
      };
    }
  }
  return null;
}
