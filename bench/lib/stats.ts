/** Summary statistics and plain-text formatting for the benchmarks. No dependencies. */

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

function sorted(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new RangeError('no samples');
  for (const s of samples) if (!Number.isFinite(s)) throw new RangeError(`not a finite sample: ${s}`);
  return [...samples].sort((a, b) => a - b);
}

/**
 * The p-th percentile (0..100) with linear interpolation between the closest ranks (numpy's default,
 * Hyndman & Fan type 7): with 15 samples p95 lies 30 % of the way from the 14th to the 15th value.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  const xs = sorted(samples);
  const rank = ((xs.length - 1) * p) / 100;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = xs[lo] as number;
  const b = xs[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Summary {
  const xs = sorted(samples);
  return {
    n: xs.length,
    median: percentile(xs, 50),
    p95: percentile(xs, 95),
    min: xs[0] as number,
    max: xs[xs.length - 1] as number,
    mean: xs.reduce((sum, x) => sum + x, 0) / xs.length,
  };
}

/** Milliseconds with precision that suits the magnitude: `0.412 ms`, `12.3 ms`, `1,234 ms`. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** Binary units: `812 B`, `1.53 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(2)} ${units[unit]}`;
}

/** `0.31x` (how much of the budget a value uses, or how a variant compares with the baseline). */
export function formatRatio(value: number, reference: number): string {
  const r = value / reference;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}x`;
}

export type Align = 'left' | 'right';

/** A GitHub-flavoured Markdown table, padded so it also reads well in a terminal. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length), 3));
  const pad = (cell: string, i: number) =>
    (align?.[i] ?? 'left') === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c, i)).join(' | ')} |`;
  const rule = widths.map((w, i) =>
    (align?.[i] ?? 'left') === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w),
  );
  return [
    line(headers),
    `| ${rule.join(' | ')} |`,
    ...rows.map((r) => line(headers.map((_, i) => r[i] ?? ''))),
  ].join('\n');
}

/** Wall-clock milliseconds of one awaited call, and its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}
