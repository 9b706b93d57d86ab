/**
 * Everything the dashboard shows, worked out before any drawing (pure): 5-minute averages, axes, tick
 * labels, titles. Drawing code only places it, so the renderer and the benchmark's alternative library
 * draw the same numbers.
 */
import { type Buckets, bucketAverages, type DashboardWindow, dashboardWindow } from './buckets';
import { CHARTS, type ChartSpec } from './charts';
import { DASHBOARD_LABELS, type DashboardLabels } from './labels';
import { type Axis, niceAxis, tickFormatter } from './scale';
import type { Language } from '../contracts/languages';
import type { DashboardInput, SeriesPoint } from './types';

export interface AxisModel extends Axis {
  labels: string[];
}

export interface SeriesModel {
  buckets: Buckets;
  axis: AxisModel;
}

export interface ChartModel {
  spec: ChartSpec;
  title: string;
  /** `null` when the metric has no point in the window. */
  primary: SeriesModel | null;
  /** The auth charts' dashed volume series; `null` when absent or empty. */
  volume: SeriesModel | null;
}

export interface TimeTick {
  t: number;
  label: string;
}

export interface DashboardModel {
  window: DashboardWindow;
  language: Language;
  labels: DashboardLabels;
  title: string;
  subtitle: string;
  timeTicks: TimeTick[];
  charts: ChartModel[];
}

const HOUR_MS = 60 * 60_000;
/** Time labels every 2 hours on the even UTC hours: six along 12 hours. */
const TIME_TICK_MS = 2 * HOUR_MS;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const hhmm = (t: number): string => {
  const d = new Date(t);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
};
const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** `2026-11-25 09:30 – 21:30 UTC`, with the end's date too when the range crosses midnight. */
export function formatRange(window: DashboardWindow): string {
  const end = ymd(window.to) === ymd(window.from) ? hhmm(window.to) : `${ymd(window.to)} ${hhmm(window.to)}`;
  return `${ymd(window.from)} ${hhmm(window.from)} – ${end} UTC`;
}

function extent(values: readonly (number | null)[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

function seriesModel(
  points: readonly SeriesPoint[] | undefined,
  window: DashboardWindow,
  spec: Pick<ChartSpec, 'format' | 'scale' | 'includeZero' | 'cap' | 'integer'>,
  locale: string,
): SeriesModel | null {
  if (!points || points.length === 0) return null;
  const buckets = bucketAverages(points, window);
  if (spec.scale !== 1) {
    buckets.values = buckets.values.map((v) => (v === null ? null : v * spec.scale));
  }
  const range = extent(buckets.values);
  if (!range) return null;
  const axis = niceAxis(range[0], range[1], {
    includeZero: spec.includeZero,
    ...(spec.cap !== undefined ? { cap: spec.cap } : {}),
    ...(spec.integer ? { integer: true } : {}),
  });
  const format = tickFormatter(spec.format, axis.step, locale);
  return { buckets, axis: { ...axis, labels: axis.ticks.map(format) } };
}

/** The volume axis: counts from zero, compact labels. */
const VOLUME_SPEC = { format: 'compact', scale: 1, includeZero: true } as const;

export function buildDashboardModel(input: DashboardInput): DashboardModel {
  const window = dashboardWindow(input.now);
  const labels = DASHBOARD_LABELS[input.language];
  const timeTicks: TimeTick[] = [];
  for (
    let t = Math.ceil((window.from + 1) / TIME_TICK_MS) * TIME_TICK_MS;
    t <= window.to;
    t += TIME_TICK_MS
  ) {
    timeTicks.push({ t, label: hhmm(t) });
  }
  const charts = CHARTS.map((spec) => ({
    spec,
    title: labels.charts[spec.id],
    primary: seriesModel(input.series[spec.metric], window, spec, labels.numberLocale),
    volume: spec.volume
      ? seriesModel(input.series[spec.volume], window, VOLUME_SPEC, labels.numberLocale)
      : null,
  }));
  return {
    window,
    language: input.language,
    labels,
    title: labels.title,
    subtitle: `${formatRange(window)} · ${labels.averaging}`,
    timeTicks,
    charts,
  };
}
