/**
 * Formatting for Discord output (pure; no I/O, no clock): times as Discord timestamp tokens, links,
 * numbers.
 */

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

export type DiscordTimestampStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

/** `<t:UNIX:style>`, rendered by each Discord client in the reader's time zone and language. */
export const discordTimestamp = (iso: string, style: DiscordTimestampStyle): string | null => {
  const seconds = unixSeconds(iso);
  return seconds === null ? null : `<t:${seconds}:${style}>`;
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

const groupDigits = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Fixed decimals, trailing zeros dropped, thousands grouped: 1234.50 -> "1,234.5". */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return PLACEHOLDER;
  const fixed = value.toFixed(decimals);
  const [whole = '', fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = groupDigits(whole.replace('-', ''));
  const result = `${sign}${digits}${trimmed ? `.${trimmed}` : ''}`;
  return result === '-0' ? '0' : result;
}
