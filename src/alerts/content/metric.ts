/** A metric alert's content: its breach episode as it was. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { AlertContent } from '../../contracts/alert-content';
import { ALERTED_METRICS, alertSettings, METRIC_ALERT_RULES } from '../../contracts/alert-settings';
import { parseMetricReferenceId } from '../../contracts/reference-ids';
import { MetricLog } from '../../db/entities';
import { readBotConfig } from '../../db/settings';
import { AVERAGE_WINDOW_MS } from '../../polling/metric-average';
import { episodeFrom } from '../../polling/metric-episodes';
import { ANNOUNCED_BREACH_HORIZON_MS } from '../../polling/read-metric-facts';

/**
 * `cloudfront_{metric}_[recovered_]{minute the episode began}`: the episode as it was, not the
 * values at fan-out time (a catch-up or a slow poll would otherwise show a normal value under an
 * "above threshold" title).
 */
export async function metricContent(
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
