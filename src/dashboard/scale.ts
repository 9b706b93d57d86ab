/** Value axes with round tick steps, and how tick values are written (pure). */
import { numberFormat } from '../discord/presentation/format';

export interface Axis {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

export interface AxisOptions {
  /** Keep 0 on the axis when the data are not negative (counts, latency, error rate). */
  includeZero: boolean;
  /** Upper limit the axis does not pass while the data stay below it (100 for percentages). */
  cap?: number;
  /** Whole-number steps only (people online: no tick at 0.25 users). */
  integer?: boolean;
  /** About this many ticks (4..6 come out). */
  targetTicks?: number;
}

/** Rounds away binary noise (0.1 + 0.2) so ticks print and compare cleanly. */
const clean = (x: number): number => Number(x.toPrecision(12));

/** The smallest of 1, 2, 2.5, 5 x 10^k that is at least `raw`. */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return clean(nice * power);
}

/** An axis covering [lo, hi] (the data's extent) with 4 to 6 round ticks. */
export function niceAxis(lo: number, hi: number, options: AxisOptions): Axis {
  const { includeZero, cap, targetTicks = 5 } = options;
  let a = lo;
  let b = hi;
  if (includeZero && a >= 0) a = 0;
  if (b - a <= 0) {
    // a flat series (zero users, 100 % success): give it some height around the value
    const pad = a === 0 ? 1 : Math.abs(a) * 0.05;
    b = a + pad;
    a = includeZero && lo >= 0 ? Math.max(0, a - pad) : a - pad;
  }
  if (cap !== undefined && hi <= cap && b > cap) b = cap;
  let step = niceStep((b - a) / (targetTicks - 1));
  if (options.integer) step = Math.max(step, 1);
  let min = clean(Math.floor(a / step) * step);
  let max = clean(Math.ceil(b / step) * step);
  if (includeZero && lo >= 0) min = Math.max(min, 0);
  if (cap !== undefined && hi <= cap) max = Math.min(max, cap);
  if (max <= min) max = clean(min + step);
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const t = clean(min + i * step);
    if (t > max + step * 1e-9) break;
    ticks.push(t);
  }
  return { min, max, step, ticks };
}

/** Digits after the point that a step needs (0.25 -> 2, 5 -> 0). */
export function stepDecimals(step: number): number {
  let d = 0;
  while (d < 6 && Math.abs(clean(step * 10 ** d) - Math.round(step * 10 ** d)) > 1e-9) d++;
  return d;
}

export type ValueFormat = 'compact' | 'ms' | 'percent';

/**
 * A tick formatter for one axis. Compact counts follow the language (62.5K in English, 6.25만 in
 * Korean); the other formats show as many decimals as the step needs. Plain numbers use the same
 * Intl formats as the chat messages (`numberFormat`, src/discord/presentation/format.ts).
 */
export function tickFormatter(format: ValueFormat, step: number, locale: string): (value: number) => string {
  const decimals = stepDecimals(step);
  switch (format) {
    case 'compact': {
      const nf = numberFormat(locale, { notation: 'compact', maximumSignificantDigits: 3 });
      const small = numberFormat(locale, { maximumFractionDigits: decimals });
      return (v) => (Math.abs(v) < 1000 ? small.format(v) : nf.format(v));
    }
    case 'ms': {
      const nf = numberFormat(locale, { maximumFractionDigits: decimals });
      return (v) => nf.format(v);
    }
    case 'percent': {
      const nf = numberFormat(locale, {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
      return (v) => `${nf.format(v)}%`;
    }
  }
}
