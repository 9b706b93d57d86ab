/**
 * Draws the /status dashboard with @napi-rs/canvas (Skia) and encodes it as PNG.
 *
 * Why this library, by measurement (bench/render.ts; numbers in docs/benchmarks.md, "Dashboard
 * render"): against the alternative, Apache ECharts' server-side SVG rasterised by resvg, drawing the
 * same model straight onto a Skia canvas was about as fast end to end (both well under the 150 ms
 * target) but held the event loop for a fraction of the time: drawing takes a few milliseconds and
 * the PNG encoding, most of the cost, runs on libuv's thread pool (`encode` is async), while ECharts
 * builds its SVG on the calling thread and resvg has no async PNG encoder. The bot's event loop also
 * keeps the Discord gateway alive, so that is the number that matters under load. It is also one
 * prebuilt native package (no install script, no download) instead of a 60 MB charting package plus
 * a rasteriser, and drawing by hand gives exact control over what the tests check (gaps stay gaps, a
 * lone bucket is a dot). The price is owning ~200 lines of drawing, which the model/layout split
 * keeps small.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { bucketTime, type DashboardWindow } from './buckets';
import { COLOURS, VOLUME_COLOUR } from './charts';
import { DASHBOARD_FONT_FAMILY, ensureDashboardFont } from './font';
import {
  chartLayout,
  DASHBOARD_HEIGHT,
  DASHBOARD_WIDTH,
  FONT_SIZES,
  HEADER,
  PANEL_TEXT,
  type Rect,
  xOf,
  yOf,
} from './layout';
import { buildDashboardModel, type ChartModel, type DashboardModel, type SeriesModel } from './model';
import type { DashboardInput } from './types';

const LINE_WIDTH = 2.5;
const VOLUME_LINE_WIDTH = 1.5;
const VOLUME_DASH = [6, 4];
/** A bucket with no neighbour has no segment to draw: it is drawn as a dot of this radius instead. */
const DOT_RADIUS = 3;

const font = (size: number): string => `${size}px "${DASHBOARD_FONT_FAMILY}"`;

/** Renders the dashboard for `input` as a PNG of DASHBOARD_WIDTH x DASHBOARD_HEIGHT. */
export async function renderDashboard(input: DashboardInput): Promise<Buffer> {
  ensureDashboardFont();
  const model = buildDashboardModel(input);
  const canvas = createCanvas(DASHBOARD_WIDTH, DASHBOARD_HEIGHT);
  drawDashboard(canvas.getContext('2d'), model);
  return canvas.encode('png');
}

function drawDashboard(ctx: SKRSContext2D, model: DashboardModel): void {
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, DASHBOARD_WIDTH, DASHBOARD_HEIGHT);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillStyle = COLOURS.title;
  ctx.font = font(FONT_SIZES.title);
  ctx.fillText(model.title, HEADER.x, HEADER.titleBaseline);
  ctx.fillStyle = COLOURS.axisText;
  ctx.font = font(FONT_SIZES.subtitle);
  ctx.fillText(model.subtitle, HEADER.x, HEADER.subtitleBaseline);
  model.charts.forEach((chart, i) => drawChart(ctx, model, chart, i));
}

function drawChart(ctx: SKRSContext2D, model: DashboardModel, chart: ChartModel, index: number): void {
  const { panel, plot } = chartLayout(index);
  ctx.fillStyle = COLOURS.panel;
  ctx.beginPath();
  ctx.roundRect(panel.x, panel.y, panel.width, panel.height, 8);
  ctx.fill();

  ctx.fillStyle = COLOURS.title;
  ctx.font = font(FONT_SIZES.chartTitle);
  ctx.textAlign = 'left';
  ctx.fillText(chart.title, panel.x + PANEL_TEXT.padding, panel.y + PANEL_TEXT.titleBaseline);
  if (chart.spec.volume) drawAuthLegend(ctx, model, chart, panel);

  drawTimeAxis(ctx, model, plot);
  if (!chart.primary && !chart.volume) {
    ctx.fillStyle = COLOURS.axisText;
    ctx.font = font(FONT_SIZES.noData);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(model.labels.noData, plot.x + plot.width / 2, plot.y + plot.height / 2);
    ctx.textBaseline = 'alphabetic';
    return;
  }
  // horizontal grid from the primary axis (or the volume axis when only volume has data)
  const gridAxis = (chart.primary ?? chart.volume)!.axis;
  ctx.strokeStyle = COLOURS.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const tick of gridAxis.ticks) {
    const y = Math.round(yOf(plot, gridAxis, tick)) + 0.5;
    ctx.moveTo(plot.x, y);
    ctx.lineTo(plot.x + plot.width, y);
  }
  ctx.stroke();

  ctx.font = font(FONT_SIZES.axis);
  ctx.textBaseline = 'middle';
  if (chart.primary) drawValueLabels(ctx, chart.primary, plot, 'left');
  if (chart.volume) drawValueLabels(ctx, chart.volume, plot, 'right');
  ctx.textBaseline = 'alphabetic';

  ctx.save();
  ctx.beginPath();
  ctx.rect(
    plot.x - DOT_RADIUS,
    plot.y - DOT_RADIUS,
    plot.width + 2 * DOT_RADIUS,
    plot.height + 2 * DOT_RADIUS,
  );
  ctx.clip();
  // volume first, so the success rate it explains stays on top
  if (chart.volume)
    drawSeries(ctx, model.window, plot, chart.volume, VOLUME_COLOUR, VOLUME_LINE_WIDTH, VOLUME_DASH);
  if (chart.primary) drawSeries(ctx, model.window, plot, chart.primary, chart.spec.colour, LINE_WIDTH, []);
  ctx.restore();
}

function drawTimeAxis(ctx: SKRSContext2D, model: DashboardModel, plot: Rect): void {
  ctx.strokeStyle = COLOURS.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const { t } of model.timeTicks) {
    const x = Math.round(xOf(plot, model.window, t)) + 0.5;
    ctx.moveTo(x, plot.y);
    ctx.lineTo(x, plot.y + plot.height);
  }
  ctx.stroke();
  ctx.fillStyle = COLOURS.axisText;
  ctx.font = font(FONT_SIZES.axis);
  ctx.textAlign = 'center';
  for (const { t, label } of model.timeTicks) {
    ctx.fillText(label, xOf(plot, model.window, t), plot.y + plot.height + 22);
  }
}

function drawValueLabels(ctx: SKRSContext2D, series: SeriesModel, plot: Rect, side: 'left' | 'right'): void {
  ctx.fillStyle = COLOURS.axisText;
  ctx.textAlign = side === 'left' ? 'right' : 'left';
  const x = side === 'left' ? plot.x - 8 : plot.x + plot.width + 8;
  series.axis.ticks.forEach((tick, i) => {
    ctx.fillText(series.axis.labels[i] ?? '', x, yOf(plot, series.axis, tick));
  });
}

function drawAuthLegend(ctx: SKRSContext2D, model: DashboardModel, chart: ChartModel, panel: Rect): void {
  const y = panel.y + PANEL_TEXT.titleBaseline - 6;
  ctx.font = font(FONT_SIZES.legend);
  ctx.textAlign = 'left';
  const volumeWidth = ctx.measureText(model.labels.authVolume).width;
  const successWidth = ctx.measureText(model.labels.authSuccess).width;
  const swatch = 22;
  let x =
    panel.x + panel.width - PANEL_TEXT.padding - volumeWidth - swatch - 6 - 16 - successWidth - swatch - 6;
  const entry = (label: string, colour: string, width: number, dash: number[]) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + swatch, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = COLOURS.axisText;
    ctx.fillText(label, x + swatch + 6, y + 6);
    x += swatch + 6 + ctx.measureText(label).width + 16;
  };
  entry(model.labels.authSuccess, chart.spec.colour, LINE_WIDTH, []);
  entry(model.labels.authVolume, VOLUME_COLOUR, VOLUME_LINE_WIDTH, VOLUME_DASH);
}

/**
 * One path per run of consecutive non-empty buckets: an empty bucket ends the run, so a gap in the data
 * stays a gap instead of a line drawn across it. A run of one bucket is a dot.
 */
function drawSeries(
  ctx: SKRSContext2D,
  window: DashboardWindow,
  plot: Rect,
  series: SeriesModel,
  colour: string,
  width: number,
  dash: number[],
): void {
  const { buckets, axis } = series;
  const values = buckets.values;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = width;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.setLineDash(dash);
  let i = 0;
  while (i < values.length) {
    if (values[i] === null) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < values.length && values[end + 1] !== null) end++;
    const x0 = xOf(plot, window, bucketTime(buckets, i, window));
    const y0 = yOf(plot, axis, values[i] as number);
    if (end === i) {
      ctx.beginPath();
      ctx.arc(x0, y0, DOT_RADIUS, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      for (let k = i + 1; k <= end; k++) {
        ctx.lineTo(xOf(plot, window, bucketTime(buckets, k, window)), yOf(plot, axis, values[k] as number));
      }
      ctx.stroke();
    }
    i = end + 1;
  }
  ctx.setLineDash([]);
}
