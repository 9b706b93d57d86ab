/**
 * Breach episodes of one metric (pure). A metric is in breach while the 5-minute average of its
 * points is beyond its threshold. An episode begins at the first breached average and ends only
 * once the average has stayed inside the threshold for the recovery period (hysteresis): a metric
 * that oscillates around its threshold is one long episode, not one alert pair per crossing.
 */
import { AVERAGE_WINDOW_MS } from './metric-average';

/** Fewer points than this in a 5-minute window say too little to judge (gaps in the feed). */
export const MIN_POINTS_PER_AVERAGE = 3;

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

export interface RollingAverage {
  at: number;
  average: number;
  storedAt: number;
}

export interface MetricEpisode {
  /** Timestamp of the first breached average. */
  startAt: number;
  startStoredAt: number;
  /** The 5-minute average at the start. */
  startValue: number;
  /** The most extreme average of the episode (highest for "above" rules, lowest for "below"). */
  worstValue: number;
  /** When the average went back inside the threshold for good; null while the episode goes on. */
  endAt: number | null;
  /** The first average that had stayed inside for the whole recovery period (confirms the end). */
  confirmedAt: number | null;
  confirmedStoredAt: number | null;
  /** The newest average of the episode's data (the value "now" for an ended one: the confirming average). */
  lastValue: number;
  /**
   * The data does not show that an earlier episode had ended before this one began (it begins at
   * the first average, or after a calm stretch shorter than the recovery period that reaches back
   * to the first average): it may be the tail of an episode that began out of sight.
   */
  truncated: boolean;
}

/** The 5-minute rolling average at each point that has enough data behind it. */
export function rollingAverages(points: readonly MetricSeriesPoint[]): RollingAverage[] {
  const result: RollingAverage[] = [];
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

export const isBreached = (rule: MetricRule, average: number): boolean =>
  rule.direction === 'above' ? average > rule.threshold : average < rule.threshold;

const isWorse = (rule: MetricRule, candidate: number, than: number): boolean =>
  rule.direction === 'above' ? candidate > than : candidate < than;

/**
 * Follows one episode from `averages[from]` (its first average) until the average has been inside
 * the threshold for `recoveryMs`. Returns the episode and the index after its confirming average.
 */
function followEpisode(
  rule: MetricRule,
  averages: readonly RollingAverage[],
  from: number,
  recoveryMs: number,
): { episode: MetricEpisode; next: number } {
  const first = averages[from]!;
  const episode: MetricEpisode = {
    startAt: first.at,
    startStoredAt: first.storedAt,
    startValue: first.average,
    worstValue: first.average,
    endAt: null,
    confirmedAt: null,
    confirmedStoredAt: null,
    lastValue: first.average,
    truncated: false,
  };
  let calmSince: number | null = null;
  for (let i = from; i < averages.length; i++) {
    const point = averages[i]!;
    episode.lastValue = point.average;
    if (isBreached(rule, point.average) || i === from) {
      calmSince = null;
      if (isWorse(rule, point.average, episode.worstValue)) episode.worstValue = point.average;
      continue;
    }
    calmSince ??= point.at;
    if (point.at - calmSince >= recoveryMs) {
      episode.endAt = calmSince;
      episode.confirmedAt = point.at;
      episode.confirmedStoredAt = point.storedAt;
      return { episode, next: i + 1 };
    }
  }
  return { episode, next: averages.length };
}

/**
 * The rolling averages whose whole window lies inside the read.
 * @param readFrom where the read that gave these points began, or null when they begin with the
 *   metric's first stored point. An average whose window reaches before it would miss the points
 *   not read, and a calm stretch starting on such an average could confirm an end that never was.
 */
export const completeAverages = (
  points: readonly MetricSeriesPoint[],
  readFrom: number | null,
): RollingAverage[] =>
  rollingAverages(points).filter((a) => readFrom === null || a.at - AVERAGE_WINDOW_MS >= readFrom);

/**
 * Every episode in the averages (oldest first, from `completeAverages`); the last one may still be
 * going on. `fromFirstPoint`: the averages begin with the metric's first stored point, so nothing
 * came before the first episode.
 */
export function metricEpisodes(
  rule: MetricRule,
  averages: readonly RollingAverage[],
  recoveryMs: number,
  fromFirstPoint: boolean,
): MetricEpisode[] {
  const episodes: MetricEpisode[] = [];
  let i = 0;
  while (i < averages.length) {
    if (!isBreached(rule, averages[i]!.average)) {
      i++;
      continue;
    }
    const { episode, next } = followEpisode(rule, averages, i, recoveryMs);
    // Only the first episode can be unsure of its start: each later one follows a confirmed end.
    episode.truncated =
      !fromFirstPoint &&
      episodes.length === 0 &&
      (i === 0 || averages[i - 1]!.at - averages[0]!.at < recoveryMs);
    episodes.push(episode);
    i = next;
  }
  return episodes;
}

/**
 * The episode an alert names, as the alert shows it: from the first breached average within the
 * hour from `startAt` (an earlier release keyed episodes by the hour), followed whatever the
 * threshold says there now (an operator may have changed it since the episode was announced).
 * Null when the points hold no average at or after `startAt`.
 */
export function episodeFrom(
  rule: MetricRule,
  points: readonly MetricSeriesPoint[],
  startAt: number,
  recoveryMs: number,
): MetricEpisode | null {
  const averages = rollingAverages(points);
  const firstAfter = averages.findIndex((a) => a.at >= startAt);
  if (firstAfter < 0) return null;
  const breachedAt = averages.findIndex(
    (a) => a.at >= startAt && a.at < startAt + 60 * 60_000 && isBreached(rule, a.average),
  );
  return followEpisode(rule, averages, breachedAt >= 0 ? breachedAt : firstAfter, recoveryMs).episode;
}
