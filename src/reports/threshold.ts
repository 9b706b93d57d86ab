/**
 * When crowd reports become an alert (pure). Reports of one type within the window count one voice
 * per player, and only from places that are hard to fake cheaply:
 *
 * - one voice per player, however many servers (or DMs) they report from;
 * - a report from DMs counts only once the player's DM registration is older than the window, so a
 *   new account cannot register and report in one go; their report is still stored and answered;
 * - the voices must come from at least `minSources` places: each server one, all DMs together one.
 *
 * Even then a broadcast needs room under two limits: one alert per report type per interval, and a
 * few an hour in all.
 */

export interface WindowReport {
  userId: string;
  /** The server reported from; null for DMs. */
  guildId: string | null;
}

export interface Voices {
  /** Distinct players who count. */
  voices: number;
  /** Distinct places their counted reports came from (servers one each, DMs one). */
  sources: number;
}

/**
 * @param reports the type's reports in the window
 * @param dmRegisteredAt when each DM reporter registered for DMs (absent: not registered)
 * @param freshAfter a DM registration after this moment is too young to count
 */
export function countVoices(
  reports: readonly WindowReport[],
  dmRegisteredAt: ReadonlyMap<string, number>,
  freshAfter: number,
): Voices {
  const voices = new Set<string>();
  const sources = new Set<string>();
  for (const report of reports) {
    if (report.guildId === null) {
      const registered = dmRegisteredAt.get(report.userId);
      if (registered === undefined || registered > freshAfter) continue;
    }
    voices.add(report.userId);
    sources.add(report.guildId ?? 'dm');
  }
  return { voices: voices.size, sources: sources.size };
}

export interface ThresholdRule {
  threshold: number;
  minSources: number;
}

export const thresholdReached = (counted: Voices, rule: ThresholdRule): boolean =>
  counted.voices >= rule.threshold && counted.sources >= rule.minSources;

export interface BroadcastLimits {
  /** Minutes that must pass between two alerts of one report type. */
  typeIntervalMinutes: number;
  /** Alerts in any 60 minutes, all types together. */
  perHour: number;
}

export type BroadcastDecision = 'broadcast' | 'type_limited' | 'hour_limited';

/**
 * Whether a new alert of `type` may go out at `at`, given the alerts decided before it.
 * @param recent the alerts decided in the last max(interval, 60) minutes, any type
 */
export function broadcastDecision(
  recent: readonly { reportType: string; at: number }[],
  type: string,
  at: number,
  limits: BroadcastLimits,
): BroadcastDecision {
  const typeSince = at - limits.typeIntervalMinutes * 60_000;
  if (recent.some((a) => a.reportType === type && a.at > typeSince)) return 'type_limited';
  const hourSince = at - 60 * 60_000;
  if (recent.filter((a) => a.at > hourSince).length >= limits.perHour) return 'hour_limited';
  return 'broadcast';
}
