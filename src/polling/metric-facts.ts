/**
 * Metric threshold detection (pure). A metric is in breach while the average of its last 5 minutes
 * of points is beyond its threshold. Each breach episode alerts once (`metric`, referenced by the
 * hour the episode began) and its end alerts once (`metric_recovered`, by the hour it ended), so a
 * metric that flaps within an hour does not flap in Discord. Like every fact, these are derived
 * from stored rows each cycle (level-triggered) and carry deterministic ids.
 */
import { metricReferenceId } from '../contracts/reference-ids';
import type { AlertFact } from '../contracts/alerts';

import { AVERAGE_WINDOW_MS } from './metric-average';
/** Fewer points than this in a 5-minute window say too little to judge (gaps in the feed). */
export const MIN_POINTS_PER_AVERAGE = 3;
/** Episodes are looked for in this much recent data; facts about older transitions are no longer emitted. */
export const METRIC_LOOKBACK_MS = 3 * 60 * 60_000;

export interface MetricSeriesPoint {
  timestamp: number;
  value: number;
  /** When VRCPulse stored the point (ms). */
  storedAt: number;
}

export interface MetricRule {
  metric: string;
  threshold: number;
  direction: 'above' | 'below';
}

/** The 5-minute rolling average at each point that has enough data behind it. */
export function rollingAverages(
  points: MetricSeriesPoint[],
): { at: number; average: number; storedAt: number }[] {
  const result: { at: number; average: number; storedAt: number }[] = [];
  let start = 0;
  let sum = 0;
  for (let end = 0; end < points.length; end++) {
    sum += points[end]!.value;
    while (points[start]!.timestamp <= points[end]!.timestamp - AVERAGE_WINDOW_MS)
      sum -= points[start++]!.value;
    const count = end - start + 1;
    if (count >= MIN_POINTS_PER_AVERAGE) {
      result.push({ at: points[end]!.timestamp, average: sum / count, storedAt: points[end]!.storedAt });
    }
  }
  return result;
}

/**
 * @param points the metric's stored points of the last few hours, oldest first
 * @param baselineAt when the first metric points were stored (their first start)
 */
export function deriveMetricFacts(
  rule: MetricRule,
  points: MetricSeriesPoint[],
  baselineAt: number,
  now: number,
): AlertFact[] {
  const breached = (avg: number) =>
    rule.direction === 'above' ? avg > rule.threshold : avg < rule.threshold;
  const averages = rollingAverages(points);
  const facts: AlertFact[] = [];
  const since = now - METRIC_LOOKBACK_MS;
  let episode: Episode | null = null;

  averages.forEach((point, i) => {
    const isLast = i === averages.length - 1;
    if (breached(point.average)) {
      if (!episode) {
        // Seen after the first start, or still going on now (an open problem, like an open incident).
        episode = {
          startAt: point.at,
          startStoredAt: point.storedAt,
          alertable: point.storedAt > baselineAt,
        };
      }
      if (isLast) episode.alertable = true;
      return;
    }
    if (episode) {
      if (episode.alertable && episode.startAt >= since) facts.push(breachFact(rule, episode));
      if (episode.alertable && point.at >= since) {
        facts.push({
          type: 'metric_recovered',
          referenceId: metricReferenceId(rule.metric, 'recovered', point.at),
          observedAt: new Date(point.storedAt).toISOString(),
        });
      }
      episode = null;
    }
  });
  const open = episode as Episode | null;
  if (open?.alertable && open.startAt >= since) facts.push(breachFact(rule, open));

  // one fact per reference (flapping inside an hour collapses onto the same ids)
  return [...new Map(facts.map((f) => [`${f.type}:${f.referenceId}`, f])).values()];
}

interface Episode {
  startAt: number;
  startStoredAt: number;
  alertable: boolean;
}

function breachFact(rule: MetricRule, episode: Episode): AlertFact {
  return {
    type: 'metric',
    referenceId: metricReferenceId(rule.metric, 'breach', episode.startAt),
    observedAt: new Date(episode.startStoredAt).toISOString(),
  };
}
