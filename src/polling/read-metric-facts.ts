/** Reads what metric detection needs from the database and derives the facts (metric-facts.ts). */
import type { EntityManager } from '@mikro-orm/sqlite';
import { ALERTED_METRICS, type AlertSettings, METRIC_ALERT_RULES } from '../contracts/alert-settings';
import type { AlertFact } from '../contracts/alerts';
import { parseMetricReferenceId } from '../contracts/reference-ids';
import { MetricLog } from '../db/entities/index';
import { type AnnouncedBreach, deriveMetricFacts, metricReadFrom } from './metric-facts';

/**
 * An announced breach still open after this long is no longer closed by a recovery: by then the
 * channels have long moved on, and the lookup stays bounded.
 */
export const ANNOUNCED_BREACH_HORIZON_MS = 7 * 24 * 60 * 60_000;

export async function readMetricFacts(
  em: EntityManager,
  settings: AlertSettings,
  now: Date,
): Promise<AlertFact[]> {
  if (!settings.metricsEnabled) return [];
  const announced = await announcedBreaches(em, now);
  const facts: AlertFact[] = [];
  for (const metric of ALERTED_METRICS) {
    const [oldest] = await em.find(
      MetricLog,
      { metricName: metric },
      { fields: ['timestamp', 'createdAt'], orderBy: { timestamp: 'asc' }, limit: 1 },
    );
    if (!oldest) continue;
    const from = new Date(metricReadFrom(now.getTime(), settings.metricRecoveryMinutes * 60_000));
    const rows = await em.find(
      MetricLog,
      // Bounded above too: a point stamped in the future (a feed with a skewed clock) has not
      // happened, and must not make every cycle read it again.
      { metricName: metric, timestamp: { $gte: from, $lte: now } },
      { fields: ['timestamp', 'value', 'createdAt'], orderBy: { timestamp: 'asc' } },
    );
    facts.push(
      ...deriveMetricFacts({
        rule: {
          metric,
          threshold: settings.metricThresholds[metric],
          direction: METRIC_ALERT_RULES[metric].direction,
        },
        points: rows.map((r) => ({
          timestamp: r.timestamp.getTime(),
          value: r.value,
          storedAt: r.createdAt.getTime(),
        })),
        readFrom: oldest.timestamp >= from ? null : from.getTime(),
        baselineAt: oldest.createdAt.getTime(),
        now: now.getTime(),
        recoveryMs: settings.metricRecoveryMinutes * 60_000,
        announced: announced.get(metric) ?? [],
      }),
    );
  }
  return facts;
}

/**
 * Per metric, the breaches delivered to someone within the horizon, each closed if a recovery of
 * that metric was delivered after the breach first was. A metric's episodes follow one another, so
 * this also reads breaches and recoveries sent under an earlier release's hour-keyed ids.
 */
async function announcedBreaches(em: EntityManager, now: Date): Promise<Map<string, AnnouncedBreach[]>> {
  const horizon = new Date(now.getTime() - ANNOUNCED_BREACH_HORIZON_MS);
  // Raw SQL inside the caller's transaction (SQLite has one connection); datetimes are epoch ms.
  const firstSent = (type: 'metric' | 'metric_recovered') =>
    em.getConnection().execute<{ reference_id: string; first_sent: number }[]>(
      `select reference_id, min(notified_at) as first_sent from sent_alerts
       where alert_type = ? and notified_at >= ? group by reference_id`,
      [type, horizon.getTime()],
      'all',
      em.getTransactionContext(),
    );

  const lastRecovery = new Map<string, number>();
  for (const row of await firstSent('metric_recovered')) {
    const parsed = parseMetricReferenceId(row.reference_id);
    if (!parsed) continue;
    lastRecovery.set(parsed.metric, Math.max(lastRecovery.get(parsed.metric) ?? 0, row.first_sent));
  }
  const announced = new Map<string, AnnouncedBreach[]>();
  for (const row of await firstSent('metric')) {
    const parsed = parseMetricReferenceId(row.reference_id);
    if (!parsed) continue;
    const list = announced.get(parsed.metric) ?? [];
    list.push({
      episodeStart: parsed.episodeStart.getTime(),
      legacyHourKey: parsed.legacyHourKey,
      closed: row.first_sent <= (lastRecovery.get(parsed.metric) ?? -Infinity),
    });
    announced.set(parsed.metric, list);
  }
  return announced;
}
