/**
 * The measured alternative to src/render/dashboard.ts: the same dashboard model drawn by Apache ECharts
 * (server-side rendering to an SVG string) and rasterised to PNG by resvg, with the same bundled font
 * and the same layout, axes and labels. Only the benchmark uses it (both libraries are devDependencies).
 */
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { bucketTime } from '../../src/render/buckets';
import { COLOURS, VOLUME_COLOUR } from '../../src/render/charts';
import { dashboardFontPath } from '../../src/render/font';
import {
  chartLayout,
  DASHBOARD_HEIGHT,
  DASHBOARD_WIDTH,
  FONT_SIZES,
  HEADER,
  PANEL_TEXT,
} from '../../src/render/layout';
import { buildDashboardModel, type DashboardModel, type SeriesModel } from '../../src/render/model';
import type { DashboardInput } from '../../src/render/types';

/** The family name inside the TTF (resvg matches on it; canvas uses an alias instead). */
const FONT_FAMILY = 'Noto Sans KR';

type Option = echarts.EChartsOption;
const TIME_TICK_MS = 2 * 60 * 60_000;

function seriesData(model: DashboardModel, series: SeriesModel): [number, number | null][] {
  return series.buckets.values.map((v, i) => [bucketTime(series.buckets, i, model.window), v]);
}

/** Builds the ECharts option for the model: six grids, each with its x axis and one or two y axes. */
export function echartsOption(model: DashboardModel): Option {
  const grids: NonNullable<Option['grid']> = [];
  const xAxes: NonNullable<Option['xAxis']> = [];
  const yAxes: NonNullable<Option['yAxis']> = [];
  const series: NonNullable<Option['series']> = [];
  const graphics: unknown[] = [
    {
      type: 'text',
      left: HEADER.x,
      top: HEADER.titleBaseline - FONT_SIZES.title,
      style: { text: model.title, fill: COLOURS.title, fontSize: FONT_SIZES.title, fontFamily: FONT_FAMILY },
    },
    {
      type: 'text',
      left: HEADER.x,
      top: HEADER.subtitleBaseline - FONT_SIZES.subtitle,
      style: {
        text: model.subtitle,
        fill: COLOURS.axisText,
        fontSize: FONT_SIZES.subtitle,
        fontFamily: FONT_FAMILY,
      },
    },
  ];
  const textStyle = { color: COLOURS.axisText, fontFamily: FONT_FAMILY, fontSize: FONT_SIZES.axis };
  const timeLabels = new Map(model.timeTicks.map((tick) => [tick.t, tick.label]));

  model.charts.forEach((chart, index) => {
    const { panel, plot } = chartLayout(index);
    graphics.push(
      {
        type: 'rect',
        shape: { x: panel.x, y: panel.y, width: panel.width, height: panel.height, r: 8 },
        style: { fill: COLOURS.panel },
        z: -1,
      },
      {
        type: 'text',
        left: panel.x + PANEL_TEXT.padding,
        top: panel.y + PANEL_TEXT.titleBaseline - FONT_SIZES.chartTitle,
        style: {
          text: chart.title,
          fill: COLOURS.title,
          fontSize: FONT_SIZES.chartTitle,
          fontFamily: FONT_FAMILY,
        },
      },
    );
    grids.push({ left: plot.x, top: plot.y, width: plot.width, height: plot.height, containLabel: false });
    xAxes.push({
      // a time axis puts its ticks on round hours (a value axis would count 2 h from the window's start);
      // ECharts formats in local time, so labels come from the model's UTC ones
      type: 'time',
      gridIndex: index,
      min: model.window.from,
      max: model.window.to,
      minInterval: TIME_TICK_MS,
      maxInterval: TIME_TICK_MS,
      axisLabel: {
        ...textStyle,
        showMinLabel: false,
        showMaxLabel: false,
        formatter: (value: number) => timeLabels.get(value) ?? '',
      },
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: COLOURS.grid } },
    });
    const axisFor = (s: SeriesModel, position: 'left' | 'right', grid: boolean) => ({
      type: 'value' as const,
      gridIndex: index,
      position,
      min: s.axis.min,
      max: s.axis.max,
      interval: s.axis.step,
      axisLabel: {
        ...textStyle,
        formatter: (value: number) =>
          s.axis.labels[s.axis.ticks.findIndex((t) => Math.abs(t - value) < 1e-9)] ?? '',
      },
      splitLine: { show: grid, lineStyle: { color: COLOURS.grid } },
    });
    if (!chart.primary && !chart.volume) {
      yAxes.push({ type: 'value', gridIndex: index, show: false });
      graphics.push({
        type: 'text',
        left: plot.x + plot.width / 2,
        top: plot.y + plot.height / 2 - FONT_SIZES.noData / 2,
        style: {
          text: model.labels.noData,
          fill: COLOURS.axisText,
          fontSize: FONT_SIZES.noData,
          fontFamily: FONT_FAMILY,
          align: 'center',
        },
      });
      return;
    }
    const primaryAxis = yAxes.length;
    yAxes.push(
      chart.primary ? axisFor(chart.primary, 'left', true) : { type: 'value', gridIndex: index, show: false },
    );
    if (chart.primary) {
      series.push({
        type: 'line',
        xAxisIndex: index,
        yAxisIndex: primaryAxis,
        data: seriesData(model, chart.primary),
        showSymbol: false,
        connectNulls: false,
        lineStyle: { color: chart.spec.colour, width: 2.5 },
        z: 3,
      });
    }
    if (chart.volume) {
      const volumeAxis = yAxes.length;
      yAxes.push(axisFor(chart.volume, 'right', !chart.primary));
      series.push({
        type: 'line',
        xAxisIndex: index,
        yAxisIndex: volumeAxis,
        data: seriesData(model, chart.volume),
        showSymbol: false,
        connectNulls: false,
        lineStyle: { color: VOLUME_COLOUR, width: 1.5, type: [6, 4] },
        z: 2,
      });
    }
  });

  return {
    animation: false,
    backgroundColor: COLOURS.background,
    textStyle: { fontFamily: FONT_FAMILY },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
    graphic: graphics as NonNullable<Option['graphic']>,
  };
}

/** SVG string for the input (ECharts SSR: no DOM, no canvas). */
export function echartsDashboardSvg(input: DashboardInput): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: DASHBOARD_WIDTH,
    height: DASHBOARD_HEIGHT,
  });
  try {
    chart.setOption(echartsOption(buildDashboardModel(input)));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface EchartsRenderer {
  render(input: DashboardInput): Promise<Buffer>;
}

/**
 * ECharts SVG -> resvg PNG. The font is read once and handed to resvg as a buffer on every render
 * (resvg builds its font database per instance). Rasterising runs on the calling thread, like drawing
 * on the canvas does; the PNG comes from resvg's own encoder.
 */
export function createEchartsRenderer(): EchartsRenderer {
  const fontPath = dashboardFontPath();
  readFileSync(fontPath); // fail early when the font is missing, as the canvas renderer does
  return {
    async render(input) {
      const svg = echartsDashboardSvg(input);
      const resvg = new Resvg(svg, {
        font: { loadSystemFonts: false, fontFiles: [fontPath], defaultFontFamily: FONT_FAMILY },
        fitTo: { mode: 'original' },
      });
      return resvg.render().asPng();
    },
  };
}
