/**
 * Quiet during a storm (pure): when one recipient would get more than `maxAlerts` alerts within
 * `windowMinutes` (a mass outage), each further alert folds into one digest message, edited in
 * place, until fewer came in the last window. A new major or critical incident always gets a
 * message of its own. bot_config `digest.max_alerts` and `digest.window_minutes` set the thresholds.
 */
import type { AlertContent } from './alert-content';
import { integerIn } from './retention';

export interface DigestSettings {
  maxAlerts: number;
  windowMinutes: number;
}

export const DEFAULT_DIGEST_SETTINGS: DigestSettings = { maxAlerts: 5, windowMinutes: 10 };
export const DIGEST_LIMITS = {
  maxAlerts: { min: 1, max: 100 },
  windowMinutes: { min: 1, max: 1440 },
} as const;

/** The thresholds from bot_config's key/values (absent or invalid: the default). */
export function digestSettings(botConfig: Readonly<Record<string, string>>): DigestSettings {
  const read = (key: string, limits: { min: number; max: number }, fallback: number) => {
    const raw = botConfig[key];
    return (raw === undefined ? null : integerIn(raw, limits.min, limits.max)) ?? fallback;
  };
  return {
    maxAlerts: read('digest.max_alerts', DIGEST_LIMITS.maxAlerts, DEFAULT_DIGEST_SETTINGS.maxAlerts),
    windowMinutes: read(
      'digest.window_minutes',
      DIGEST_LIMITS.windowMinutes,
      DEFAULT_DIGEST_SETTINGS.windowMinutes,
    ),
  };
}

/** A new incident of major or critical impact: never folded, whatever the storm. */
export function isUrgentAlert(content: AlertContent): boolean {
  if (content.type !== 'incident') return false;
  const impact = content.impact.trim().toLowerCase();
  return impact === 'major' || impact === 'critical';
}

/**
 * Whether `content` folds into the recipient's digest, given how many alerts the recipient got in
 * the last window (`recent`). A test alert is never folded: it is asked for.
 */
export function foldsIntoDigest(content: AlertContent, recent: number, settings: DigestSettings): boolean {
  return content.type !== 'test' && !isUrgentAlert(content) && recent >= settings.maxAlerts;
}

/** One alert folded into a digest: which (`type:referenceId`), when, and its line, in the recipient's language. */
export interface DigestItem {
  key: string;
  at: string;
  line: string;
}

/** Adds `item` unless the digest has it already (a repeated fold changes nothing). */
export const withItem = (items: readonly DigestItem[], item: DigestItem): DigestItem[] =>
  items.some((i) => i.key === item.key) ? [...items] : [...items, item];
