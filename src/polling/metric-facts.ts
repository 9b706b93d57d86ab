/**
 * Metric alert facts (pure). Each breach episode (metric-episodes.ts) alerts once when it begins
 * (`metric`) and once when it ends (`metric_recovered`), both keyed by the minute it began, so every
 * announced breach is closed by exactly one recovery whatever hours it spans. Like every fact, these
 * are derived from stored rows each cycle (level-triggered) and carry deterministic ids.
 *
 * The points read each cycle cover a few hours, so some announced breaches are out of their sight:
 * an episode longer than the lookback, one announced under an earlier release's hour-keyed id, or
 * one that no longer crosses a threshold an operator has since raised. The caller passes the
 * breaches already announced; each one still open is closed once the metric has been inside its
 * threshold for the recovery period, so no channel is left saying "above threshold", and an episode
 * announced under an hour-keyed id is not announced again under its minute.
 */
import { metricReferenceId } from '../contracts/reference-ids';
import { AVERAGE_WINDOW_MS } from './metric-average';
import type { AlertFact } from '../contracts/alerts';

import {
  type MetricEpisode,
  metricEpisodes,
  type MetricRule,
  type MetricSeriesPoint,
  type RollingAverage,
  completeAverages,
} from './metric-episodes';

/** Episodes are looked for in this much recent data; facts about older transitions are no longer emitted. */
export const METRIC_LOOKBACK_MS = 3 * 60 * 60_000;

/**
 * Where the points read for detection begin: the lookback, and before it one recovery period (to
 * know whether an episode beginning at the lookback's edge followed a confirmed end) and two
 * average windows (the first average there must be complete, and a minute's margin on top).
 */
export const metricReadFrom = (now: number, recoveryMs: number): number =>
  now - METRIC_LOOKBACK_MS - recoveryMs - 2 * AVERAGE_WINDOW_MS;

/** A breach that was sent to someone. */
export interface AnnouncedBreach {
  episodeStart: number;
  /** Announced by an earlier release under `…_{YYYY-MM-DDTHH}`: its start is only known to the hour. */
  legacyHourKey: boolean;
  /** A recovery has been sent since. */
  closed: boolean;
}

export interface MetricObservations {
  rule: MetricRule;
  /** The metric's stored points from `metricReadFrom` to `now`, oldest first. */
  points: readonly MetricSeriesPoint[];
  /** Where the read began (`metricReadFrom`), or null when it holds the metric's first point. */
  readFrom: number | null;
  /** When the first metric points were stored (their first start). */
  baselineAt: number;
  now: number;
  /** How long the average must stay inside the threshold before an episode is over. */
  recoveryMs: number;
  announced: readonly AnnouncedBreach[];
}

const HOUR_MS = 60 * 60_000;

const toFact = (type: AlertFact['type'], referenceId: string, observedAt: number): AlertFact => ({
  type,
  referenceId,
  observedAt: new Date(observedAt).toISOString(),
});

export function deriveMetricFacts({
  rule,
  points,
  readFrom,
  baselineAt,
  now,
  recoveryMs,
  announced,
}: MetricObservations): AlertFact[] {
  const since = now - METRIC_LOOKBACK_MS;
  const averages = completeAverages(points, readFrom);
  const episodes = metricEpisodes(rule, averages, recoveryMs, readFrom === null);
  // each with when it happened in the series, for their order
  const facts: { fact: AlertFact; happenedAt: number }[] = [];
  const add = (fact: AlertFact, happenedAt: number) => facts.push({ fact, happenedAt });
  // announced breaches whose episode these points show; the rest are closed by calm alone
  const inSight = new Set<AnnouncedBreach>();

  for (const episode of episodes) {
    // The announcement this episode was (or will be) sent under: its own start, an earlier
    // release's id for the hour it began in, or (for an episode whose start is out of sight) the
    // open announcement out of sight that it continues.
    const match =
      announced.find((a) =>
        a.legacyHourKey
          ? episode.startAt >= a.episodeStart && episode.startAt < a.episodeStart + HOUR_MS
          : episode.startAt === a.episodeStart,
      ) ??
      (episode.truncated
        ? announced.find((a) => !a.closed && a.episodeStart < episode.startAt && !inSight.has(a))
        : undefined);
    if (match) inSight.add(match);
    const key = match?.episodeStart ?? episode.startAt;
    // Unsure of its start and no open announcement that it could continue: new to everyone if it
    // is still going on, and otherwise the tail of an episode that was closed (or is history).
    if (episode.truncated && !match && episode.endAt !== null) continue;

    const alertable =
      episode.startStoredAt > baselineAt ||
      episode.endAt === null ||
      (episode.confirmedStoredAt ?? 0) > baselineAt;
    if (match?.legacyHourKey && match.closed) continue; // announced and closed under the old ids
    // Only an episode that begins inside the lookback is announced from these points: before it,
    // averages lose the points that fell out of the read and may show a start that never was.
    const announcedNow = !match?.legacyHourKey && alertable && episode.startAt >= since;
    if (announcedNow) {
      add(
        toFact('metric', metricReferenceId(rule.metric, 'breach', key), episode.startStoredAt),
        episode.startAt,
      );
    }
    // A recovery only closes a breach that was (or is now being) announced.
    if (episode.endAt !== null && (match || announcedNow)) {
      add(
        toFact(
          'metric_recovered',
          metricReferenceId(rule.metric, 'recovered', key),
          episode.confirmedStoredAt!,
        ),
        episode.endAt,
      );
    }
  }

  const calm = firstCalmConfirmation(averages, episodes, recoveryMs);
  if (calm) {
    for (const breach of announced) {
      if (breach.closed || inSight.has(breach)) continue;
      const id = metricReferenceId(rule.metric, 'recovered', breach.episodeStart);
      add(toFact('metric_recovered', id, calm.storedAt), calm.at);
    }
  }
  // in the order they happened (a stable sort keeps a breach before its own recovery)
  const unique = [...new Map(facts.map((f) => [`${f.fact.type}:${f.fact.referenceId}`, f])).values()];
  return unique.sort((a, b) => a.happenedAt - b.happenedAt).map((f) => f.fact);
}

/**
 * The first average at which these points show the metric inside its threshold for a whole
 * recovery period (from their beginning, or after an episode's end), or null: still in breach, not
 * calm for long enough yet, or no data to tell (a feed that is down proves nothing). An announced
 * breach out of sight began before these points, so this is when it ended.
 */
function firstCalmConfirmation(
  averages: readonly RollingAverage[],
  episodes: readonly MetricEpisode[],
  recoveryMs: number,
): { at: number; storedAt: number } | null {
  const first = episodes[0];
  const opening = averages[0];
  if (opening && (!first || first.startAt > opening.at)) {
    const confirming = averages.find(
      (a) => (!first || a.at < first.startAt) && a.at - opening.at >= recoveryMs,
    );
    if (confirming) return confirming;
  }
  return first?.confirmedAt != null ? { at: first.confirmedAt, storedAt: first.confirmedStoredAt! } : null;
}
