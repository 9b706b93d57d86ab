/**
 * What an alert says, read from the database when its fan-out starts (so every recipient gets the
 * same text), as the plain JSON the fan-out carries in its history.
 */
import {
  parseMetricReferenceId,
  parseStatusReferenceId,
  parseThresholdReferenceId,
} from '../contracts/reference-ids';
import type { EntityManager } from '@mikro-orm/sqlite';
import {
  ComponentLog,
  Incident,
  IncidentUpdate,
  Maintenance,
  MaintenanceUpdate,
  MetricLog,
  StatusLog,
  UserReport,
} from '../db/entities';
import { readBotConfig } from '../db/settings';
import type { AlertComponent, AlertContent, MaintenanceAlertContent } from '../contracts/alert-content';
import { ACTIVE_MAINTENANCE_STATUSES } from '../polling/facts';
import { truncateAlertContent } from './truncate-content';
import type { AlertFact } from '../contracts/alerts';
import { ALERTED_METRICS, alertSettings, METRIC_ALERT_RULES } from '../contracts/alert-settings';
import { AVERAGE_WINDOW_MS } from '../polling/metric-average';
import { episodeFrom } from '../polling/metric-episodes';
import { ANNOUNCED_BREACH_HORIZON_MS } from '../polling/read-metric-facts';

export interface ContentContext {
  /** The status page's public address, for links (e.g. https://status.vrchat.com). */
  pageUrl: string | null;
  now: Date;
}

/** `https://status.vrchat.com/api/v2` -> `https://status.vrchat.com`. */
export function statusPageUrl(statusBaseUrl: string): string {
  return statusBaseUrl.replace(/\/api\/v2\/?$/, '');
}

export async function loadAlertContent(
  em: EntityManager,
  fact: AlertFact,
  context: ContentContext,
): Promise<AlertContent | null> {
  const content = await load(em, fact, context);
  return content ? truncateAlertContent(content) : null;
}

async function load(
  em: EntityManager,
  fact: AlertFact,
  { pageUrl, now }: ContentContext,
): Promise<AlertContent | null> {
  switch (fact.type) {
    case 'status':
      return statusContent(em, fact.referenceId);
    case 'incident':
    case 'incident_update':
    case 'incident_resolved':
      return incidentContent(em, fact.type, fact.referenceId, pageUrl);
    case 'maintenance':
    case 'maintenance_started':
    case 'maintenance_completed':
      return maintenanceContent(em, fact.type, fact.referenceId, pageUrl);
    case 'threshold':
      return thresholdContent(em, fact.referenceId, now);
    case 'metric':
    case 'metric_recovered':
      return metricContent(em, fact.type, fact.referenceId, now);
  }
}

async function statusContent(em: EntityManager, referenceId: string): Promise<AlertContent | null> {
  const parsed = parseStatusReferenceId(referenceId);
  if (!parsed) return null;
  const at = parsed.sourceTimestamp;
  const snapshot = await em.findOne(StatusLog, { sourceTimestamp: at });
  if (!snapshot) return null;
  const [previous] = await em.find(
    StatusLog,
    { sourceTimestamp: { $lt: at } },
    { orderBy: { sourceTimestamp: 'desc' }, limit: 1, fields: ['indicator'] },
  );
  const components = await em.find(ComponentLog, { sourceTimestamp: at }, { orderBy: { id: 'asc' } });
  return {
    type: 'status',
    referenceId,
    indicator: snapshot.indicator,
    description: snapshot.description,
    previousIndicator: previous?.indicator ?? null,
    changedAt: at.toISOString(),
    components: affectedComponents(components),
  };
}

/**
 * The components that are not operational, each under its group's name, as /status groups them.
 * A group's own row only repeats the worst of its children, so it is listed only when none of its
 * children is in the snapshot.
 */
export function affectedComponents(
  snapshot: readonly Pick<ComponentLog, 'componentId' | 'name' | 'status' | 'groupId' | 'isGroup'>[],
): AlertComponent[] {
  const groupNames = new Map(snapshot.filter((c) => c.isGroup).map((g) => [g.componentId, g.name]));
  const withChildren = new Set(snapshot.filter((c) => !c.isGroup && c.groupId).map((c) => c.groupId));
  return snapshot
    .filter((c) => c.status !== 'operational' && !(c.isGroup && withChildren.has(c.componentId)))
    .map((c) => ({
      name: c.name,
      status: c.status,
      group: c.isGroup || !c.groupId ? null : (groupNames.get(c.groupId) ?? null),
    }));
}

async function incidentContent(
  em: EntityManager,
  type: 'incident' | 'incident_update' | 'incident_resolved',
  referenceId: string,
  pageUrl: string | null,
): Promise<AlertContent | null> {
  // an update's fact names the update; the others name the incident
  const update = type === 'incident_update' ? await em.findOne(IncidentUpdate, { id: referenceId }) : null;
  const incidentId = update ? update.incident.id : referenceId;
  const incident = await em.findOne(Incident, { id: incidentId });
  if (!incident || (type === 'incident_update' && !update)) return null;
  const latest =
    update ??
    (
      await em.find(
        IncidentUpdate,
        { incident: incidentId },
        { orderBy: { publishedAt: 'desc', createdAt: 'desc' }, limit: 1 },
      )
    )[0];
  return {
    type,
    referenceId,
    incidentId,
    title: incident.title,
    status: incident.status,
    impact: incident.impact,
    startedAt: incident.startedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    url: pageUrl ? `${pageUrl}/incidents/${incidentId}` : null,
    latestUpdate: latest
      ? { status: latest.status, body: latest.body, publishedAt: latest.publishedAt.toISOString() }
      : null,
  };
}

/** Which update each maintenance alert shows: the one that brought the status it announces. */
const MAINTENANCE_UPDATE_STATUSES: Record<MaintenanceAlertContent['type'], readonly string[]> = {
  maintenance: ['scheduled'],
  maintenance_started: [...ACTIVE_MAINTENANCE_STATUSES],
  maintenance_completed: ['completed'],
};

/**
 * The maintenance with VRChat's own words: the first update that brought the status the alert is
 * about (for "started", the update that started it), else the newest update.
 */
async function maintenanceContent(
  em: EntityManager,
  type: MaintenanceAlertContent['type'],
  id: string,
  pageUrl: string | null,
): Promise<AlertContent | null> {
  const m = await em.findOne(Maintenance, { id });
  if (!m) return null;
  const updates = await em.find(
    MaintenanceUpdate,
    { maintenance: id },
    { orderBy: { publishedAt: 'asc', createdAt: 'asc', id: 'asc' } },
  );
  const shown =
    updates.find((u) => MAINTENANCE_UPDATE_STATUSES[type].includes(u.status.trim().toLowerCase())) ??
    updates.at(-1);
  return {
    type,
    referenceId: id,
    maintenanceId: m.id,
    title: m.title,
    status: m.status,
    scheduledFor: m.scheduledFor.toISOString(),
    scheduledUntil: m.scheduledUntil.toISOString(),
    url: pageUrl ? `${pageUrl}/incidents/${m.id}` : null,
    latestUpdate: shown
      ? { status: shown.status, body: shown.body, publishedAt: shown.publishedAt.toISOString() }
      : null,
  };
}

/** `threshold_{type}_{YYYY-MM-DDTHH}:{MM}`: the reports of that type in the window up to the block's end. */
async function thresholdContent(
  em: EntityManager,
  referenceId: string,
  now: Date,
): Promise<AlertContent | null> {
  const parsed = parseThresholdReferenceId(referenceId);
  if (!parsed) return null;
  const { reportType, blockEnd } = parsed;
  const until = blockEnd < now ? blockEnd : now;
  const settings = alertSettings(await readBotConfig(em));
  const since = new Date(until.getTime() - settings.reportIntervalMinutes * 60_000);
  const reports = await em.find(
    UserReport,
    { incidentType: reportType, status: 'active', createdAt: { $gte: since, $lte: until } },
    { orderBy: { createdAt: 'desc' }, fields: ['userId', 'createdAt'] },
  );
  return {
    type: 'threshold',
    referenceId,
    reportType,
    count: new Set(reports.map((r) => r.userId)).size,
    threshold: settings.reportThreshold,
    windowMinutes: settings.reportIntervalMinutes,
    recentReportTimes: reports.slice(0, 5).map((r) => r.createdAt.toISOString()),
  };
}

/**
 * `cloudfront_{metric}_[recovered_]{minute the episode began}`: the episode as it was, not the
 * values at fan-out time (a catch-up or a slow poll would otherwise show a normal value under an
 * "above threshold" title).
 */
async function metricContent(
  em: EntityManager,
  type: 'metric' | 'metric_recovered',
  referenceId: string,
  now: Date,
): Promise<AlertContent | null> {
  const parsed = parseMetricReferenceId(referenceId);
  const metric = ALERTED_METRICS.find((m) => m === parsed?.metric);
  if (!parsed || !metric) return null;
  const settings = alertSettings(await readBotConfig(em));
  const startAt = parsed.episodeStart.getTime();
  const rows = await em.find(
    MetricLog,
    {
      metricName: metric,
      timestamp: {
        $gte: new Date(startAt - AVERAGE_WINDOW_MS),
        $lte: new Date(Math.min(now.getTime(), startAt + ANNOUNCED_BREACH_HORIZON_MS)),
      },
    },
    { fields: ['timestamp', 'value', 'createdAt'], orderBy: { timestamp: 'asc' } },
  );
  const rule = {
    metric,
    threshold: settings.metricThresholds[metric],
    direction: METRIC_ALERT_RULES[metric].direction,
  };
  const episode = episodeFrom(
    rule,
    rows.map((r) => ({ timestamp: r.timestamp.getTime(), value: r.value, storedAt: r.createdAt.getTime() })),
    startAt,
    settings.metricRecoveryMinutes * 60_000,
  );
  if (!episode) return null;
  const iso = (ms: number) => new Date(ms).toISOString();
  const recovered = type === 'metric_recovered';
  // Points that do not show the end (a breach closed by calm alone, see metric-facts.ts) end it at the newest.
  const endedAt = recovered
    ? iso(episode.endAt ?? Math.min(now.getTime(), rows.at(-1)!.timestamp.getTime()))
    : null;
  return {
    type,
    referenceId,
    metric,
    value: recovered ? episode.lastValue : episode.startValue,
    threshold: rule.threshold,
    direction: rule.direction,
    unit: METRIC_ALERT_RULES[metric].unit,
    observedAt: endedAt ?? iso(episode.startAt),
    episode: {
      startedAt: iso(episode.startAt),
      startValue: episode.startValue,
      worstValue: episode.worstValue,
      endedAt,
    },
  };
}
