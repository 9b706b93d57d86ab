/** Formatting for Discord output: timestamps, URLs, numbers in the reader's language. */
import {
  discordTimestamp,
  formatNumber,
  formatPercent,
  isoTimestamp,
  numberFormat,
  safeUrl,
} from '../../../src/discord/presentation';
import { LANGUAGES } from '../../../src/i18n';

describe('numbers', () => {
  it.each(LANGUAGES)('%s: grouped, at most the given decimals, trailing zeros dropped', (language) => {
    expect(formatNumber(language, 1234.5, 0)).toBe('1,235');
    expect(formatNumber(language, 1234.5, 2)).toBe('1,234.5');
    expect(formatNumber(language, 1234567)).toBe('1,234,567');
    expect(formatNumber(language, 999)).toBe('999');
    expect(formatNumber(language, -1234.4)).toBe('-1,234');
  });

  it('never shows "-0", and "—" for what is not a number', () => {
    expect(formatNumber('en', -0)).toBe('0');
    expect(formatNumber('en', -0.2)).toBe('0');
    expect(formatNumber('en', -0.0004, 2)).toBe('0');
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(formatNumber('en', value)).toBe('—');
      expect(formatPercent('ko', value, 2)).toBe('—');
    }
  });

  it('rounds half away from zero on the decimal value (toFixed would round 1.005 down)', () => {
    expect(formatNumber('en', 1.005, 2)).toBe('1.01');
    expect(formatNumber('en', 800.5)).toBe('801');
    expect(formatPercent('en', 0.05675, 2)).toBe('5.68%');
  });

  it.each(LANGUAGES)('%s: percentages of ratios', (language) => {
    expect(formatPercent(language, 0.9496, 2)).toBe('94.96%');
    expect(formatPercent(language, 0.95, 1)).toBe('95%');
    expect(formatPercent(language, 0.0042, 2)).toBe('0.42%');
    expect(formatPercent(language, 86.33, 1)).toBe('8,633%');
  });

  it('makes each Intl.NumberFormat once', () => {
    expect(numberFormat('ko-KR', { maximumFractionDigits: 1 })).toBe(
      numberFormat('ko-KR', { maximumFractionDigits: 1 }),
    );
    expect(numberFormat('ko-KR', { notation: 'compact' }).format(62_500)).toBe('6.3만');
  });
});

describe('times and links', () => {
  it('writes Discord timestamp tokens, rounding seconds down or up', () => {
    expect(discordTimestamp('2026-11-25T12:00:00.500Z', 'R')).toBe('<t:1795608000:R>');
    expect(discordTimestamp('2026-11-25T12:00:00.500Z', 'R', 'up')).toBe('<t:1795608001:R>');
    expect(discordTimestamp('2026-11-25T04:00:00.000-08:00', 'f')).toBe('<t:1795608000:f>');
    expect(discordTimestamp('bad', 'f')).toBeNull();
    expect(isoTimestamp('2026-11-25T04:00:00.000-08:00')).toBe('2026-11-25T12:00:00.000Z');
    expect(isoTimestamp('bad')).toBeNull();
  });

  it('keeps only http(s) URLs', () => {
    expect(safeUrl(' https://stspg.io/abc ')).toBe('https://stspg.io/abc');
    expect(safeUrl('ftp://example.com')).toBeNull();
    expect(safeUrl(`https://x.example/${'a'.repeat(2048)}`)).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});
