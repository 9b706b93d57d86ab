/**
 * Where everything sits in the picture (pure). Shared by the renderer, the benchmark's alternative
 * renderer and the tests, which look for colours inside these rectangles.
 *
 * 1200 x 960: Discord shows an attached image scaled down to the embed's width and full size on click;
 * at full size the 16 px axis labels read comfortably, and two columns of three keep each chart wide
 * enough for 144 five-minute points (about 3.4 px apart).
 */
import type { DashboardWindow } from './buckets';
import type { Axis } from './scale';

export const DASHBOARD_WIDTH = 1200;
export const DASHBOARD_HEIGHT = 960;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const FONT_SIZES = {
  title: 30,
  subtitle: 18,
  chartTitle: 20,
  legend: 16,
  axis: 16,
  noData: 22,
} as const;

const MARGIN = 24;
const HEADER_HEIGHT = 100;
const GAP = 16;
const COLUMNS = 2;
const ROWS = 3;
const PANEL_PADDING = 16;
/** Room for the chart title above the plot. */
const PLOT_TOP = 48;
/** Room for the time labels below the plot. */
const PLOT_BOTTOM = 34;
/** Room for value labels left of the plot (and right of it, for the auth charts' volume axis). */
const AXIS_WIDTH = 60;

export interface ChartLayout {
  /** The chart's card. */
  panel: Rect;
  /** The data area: lines are clipped to it. */
  plot: Rect;
}

/** Chart `index` (0..5), row by row: 0 1 / 2 3 / 4 5. */
export function chartLayout(index: number): ChartLayout {
  const column = index % COLUMNS;
  const row = Math.floor(index / COLUMNS);
  const panelWidth = (DASHBOARD_WIDTH - 2 * MARGIN - (COLUMNS - 1) * GAP) / COLUMNS;
  const panelHeight = (DASHBOARD_HEIGHT - HEADER_HEIGHT - MARGIN - (ROWS - 1) * GAP) / ROWS;
  const panel = {
    x: MARGIN + column * (panelWidth + GAP),
    y: HEADER_HEIGHT + row * (panelHeight + GAP),
    width: panelWidth,
    height: panelHeight,
  };
  // every plot gets the right-hand axis room, so that times line up across both columns' charts
  const plot = {
    x: panel.x + PANEL_PADDING + AXIS_WIDTH,
    y: panel.y + PLOT_TOP,
    width: panelWidth - 2 * PANEL_PADDING - 2 * AXIS_WIDTH,
    height: panelHeight - PLOT_TOP - PLOT_BOTTOM,
  };
  return { panel, plot };
}

/** Header positions (text baselines). */
export const HEADER = { x: MARGIN, titleBaseline: 54, subtitleBaseline: 84 } as const;
export const PANEL_TEXT = { padding: PANEL_PADDING, titleBaseline: 32 } as const;

/** Pixel column of time `t` in a plot. */
export function xOf(plot: Rect, window: DashboardWindow, t: number): number {
  return plot.x + ((t - window.from) / (window.to - window.from)) * plot.width;
}

/** Pixel row of `value` on `axis` in a plot. */
export function yOf(plot: Rect, axis: Axis, value: number): number {
  return plot.y + plot.height - ((value - axis.min) / (axis.max - axis.min)) * plot.height;
}
