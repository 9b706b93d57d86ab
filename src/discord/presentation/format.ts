/**
 * Formatting for Discord output (pure; no I/O, no clock): times as Discord timestamp tokens (made
 * with @discordjs/formatters), links, and numbers with Intl.NumberFormat in the reader's language.
 * Every number VRCPulse shows in Discord (alerts, /status, replies) goes through `formatNumber` or
 * `formatPercent`; the dashboard's axis labels use `numberFormat` too.
 */
import { time, type TimestampStylesString } from '@discordjs/formatters';
import { INTL_LOCALES, type Language } from '../../i18n';

/** Shown where a value cannot be: an empty embed part, a number that is not finite. */
export const PLACEHOLDER = '—';

/** Unix seconds of an ISO time, or null when it is not a valid time. */
export const unixSeconds = (iso: string): number | null => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
};

/** `iso` as ISO-8601 UTC (`…Z`), or null when it is not a valid time. */
export const isoTimestamp = (iso: string): string | null => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};

export type DiscordTimestampStyle = TimestampStylesString;

/**
 * `<t:UNIX:style>`, rendered by each Discord client in the reader's time zone and language, or null
 * when `iso` is not a valid time. Seconds are rounded down, or up for a time that must not show
 * earlier than it is (the end of a cooldown).
 */
export const discordTimestamp = (
  iso: string,
  style: DiscordTimestampStyle,
  round: 'down' | 'up' = 'down',
): string | null => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  return time(round === 'up' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000), style);
};

/** `raw` as an absolute http(s) URL of at most 2,048 characters, or null. */
export const safeUrl = (raw: string | null): string | null => {
  if (raw === null || raw.length > 2048 || !/^https?:\/\//i.test(raw.trim())) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

/** The Intl.NumberFormat for `locale` and `options`, made once (making one costs far more than using it). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = NUMBER_FORMATS.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, options);
    NUMBER_FORMATS.set(key, format);
  }
  return format;
}

/**
 * `value` in `language`'s number format: thousands grouped, at most `decimals` decimals (trailing
 * zeros dropped), rounded half away from zero, never "-0"; "—" when it is not finite.
 * 1234.50 -> "1,234.5".
 */
export function formatNumber(language: Language, value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return PLACEHOLDER;
  return numberFormat(INTL_LOCALES[language], {
    maximumFractionDigits: decimals,
    signDisplay: 'negative',
  }).format(value);
}

/** A ratio (0..1) as a percentage in `language`, like `formatNumber`: 0.9496 -> "94.96%". */
export function formatPercent(language: Language, ratio: number, decimals: number): string {
  if (!Number.isFinite(ratio)) return PLACEHOLDER;
  return numberFormat(INTL_LOCALES[language], {
    style: 'percent',
    maximumFractionDigits: decimals,
    signDisplay: 'negative',
  }).format(ratio);
}
