/** Localised words for the raw status-like values VRChat publishes, with a readable fallback (pure). */
import type { Language } from './languages';
import { MESSAGES, type MessageKey } from './messages';

/** The catalogue sections that label a raw status-like value. */
export type LabelKind =
  | 'indicator'
  | 'componentStatus'
  | 'incidentStatus'
  | 'maintenanceStatus'
  | 'impact'
  | 'reportType'
  | 'metric';

/** The catalogue key for `raw` in `kind`, when the catalogue has one. */
export function labelKey(kind: LabelKind, raw: string): MessageKey | null {
  const key = `${kind}.${raw.trim().toLowerCase()}`;
  return Object.hasOwn(MESSAGES.en, key) ? (key as MessageKey) : null;
}

/** "degraded_performance" -> "Degraded Performance"; the fallback for values without a label. */
export function titleCase(raw: string): string {
  return raw
    .trim()
    .split(/[\s_-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * The localised word for a status-like value ("partial_outage" -> "Partial outage" / "부분 장애").
 * A value the catalogue does not know falls back to the raw value, title-cased, in every language;
 * an empty value reads "Unknown".
 */
export function label(language: Language, kind: LabelKind | readonly LabelKind[], raw: string): string {
  for (const k of typeof kind === 'string' ? [kind] : kind) {
    const key = labelKey(k, raw);
    if (key !== null) return MESSAGES[language][key];
  }
  const fallback = titleCase(raw);
  return fallback === '' ? MESSAGES[language]['value.unknown'] : fallback;
}
