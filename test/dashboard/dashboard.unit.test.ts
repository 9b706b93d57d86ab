/**
 * The dashboard PNG, rendered from fixtures and checked pixel by pixel: decoded by an independent
 * decoder (pngjs), of the expected size, and each chart's series colour present where that chart has
 * data and absent where it has none (empty charts, gaps, before the data begin).
 */
import { dashboardWindow } from '../../src/dashboard/buckets';
import { CHARTS, COLOURS, VOLUME_COLOUR } from '../../src/dashboard/charts';
import { renderDashboard } from '../../src/dashboard/dashboard';
import { chartLayout, DASHBOARD_HEIGHT, DASHBOARD_WIDTH, type Rect, xOf } from '../../src/dashboard/layout';
import type { DashboardInput, DashboardSeries } from '../../src/dashboard/types';
import { METRIC_FEEDS, type MetricName } from '../../src/vrchat/metrics';
import { FIXTURE_NOW, fixtureSeries, HOUR_MS, MINUTE_MS } from './fixtures';
import { columns, countColour, decodePng, findColour, grow, type Image, rows } from './pixels';

const WINDOW = dashboardWindow(FIXTURE_NOW);
/** Lines may sit on the plot's edge (0 users, 100 % errors): half a line width beyond it. */
const EDGE = 3;

async function render(series: DashboardSeries, language: DashboardInput['language'] = 'en'): Promise<Image> {
  const png = await renderDashboard({ now: FIXTURE_NOW, language, series });
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const image = decodePng(png);
  expect([image.width, image.height]).toEqual([DASHBOARD_WIDTH, DASHBOARD_HEIGHT]);
  return image;
}

const plotArea = (index: number): Rect => grow(chartLayout(index).plot, EDGE);
const x = (index: number, t: number): number => xOf(chartLayout(index).plot, WINDOW, t);
/** The "No data" text is drawn in the axis-text colour, which nothing else uses inside a plot. */
const noDataPixels = (image: Image, index: number): number =>
  countColour(image, chartLayout(index).plot, COLOURS.axisText);

const emptyTables = (): DashboardSeries =>
  Object.fromEntries(METRIC_FEEDS.map((f) => [f.name, []])) as unknown as DashboardSeries;

describe('renderDashboard', () => {
  test('full 12 hours: every chart draws its series across the whole range', async () => {
    const image = await render(fixtureSeries());
    CHARTS.forEach((chart, i) => {
      const plot = plotArea(i);
      const tenth = chartLayout(i).plot.width / 10;
      // data reach both ends of the range: the colour is in the first and in the last tenth
      expect(countColour(image, columns(plot, plot.x, plot.x + tenth), chart.colour)).toBeGreaterThan(0);
      expect(
        countColour(image, columns(plot, plot.x + plot.width - tenth, plot.x + plot.width), chart.colour),
      ).toBeGreaterThan(0);
      if (chart.volume) expect(countColour(image, plot, VOLUME_COLOUR)).toBeGreaterThan(0);
      expect(noDataPixels(image, i)).toBe(0);
    });
  });

  test('10 minutes of data: drawn at the right-hand end only', async () => {
    const image = await render(fixtureSeries({ span: 10 * MINUTE_MS }));
    CHARTS.forEach((chart, i) => {
      const plot = plotArea(i);
      const found = findColour(image, plot, chart.colour);
      expect(found.length).toBeGreaterThan(0);
      // three 5-minute buckets (21:20, 21:25, 21:30): nothing left of 21:20
      const firstBucket = x(i, FIXTURE_NOW.getTime() - 10 * MINUTE_MS);
      expect(Math.min(...found.map(([px]) => px))).toBeGreaterThanOrEqual(Math.floor(firstBucket) - EDGE);
      expect(noDataPixels(image, i)).toBe(0);
    });
  });

  test.each([
    ['no rows at all', (): DashboardSeries => ({})],
    ['empty tables', emptyTables],
  ])('%s: every chart says "No data" and draws no series', async (_name, series) => {
    const image = await render(series());
    CHARTS.forEach((chart, i) => {
      expect(countColour(image, plotArea(i), chart.colour)).toBe(0);
      expect(countColour(image, plotArea(i), VOLUME_COLOUR)).toBe(0);
      expect(noDataPixels(image, i)).toBeGreaterThan(20);
    });
  });

  test('partial data: charts with data draw it, the others say "No data"', async () => {
    const present: MetricName[] = ['visits', 'api_errors', 'extauth_oculus'];
    const image = await render(fixtureSeries({ metrics: present }));
    CHARTS.forEach((chart, i) => {
      const has = present.includes(chart.metric);
      expect({ chart: chart.id, drawn: countColour(image, plotArea(i), chart.colour) > 0 }).toEqual({
        chart: chart.id,
        drawn: has,
      });
      // no volume series in this fixture: the dashed line must not appear either
      if (chart.volume) expect(countColour(image, plotArea(i), VOLUME_COLOUR)).toBe(0);
      expect({ chart: chart.id, noData: noDataPixels(image, i) > 0 }).toEqual({
        chart: chart.id,
        noData: !has,
      });
    });
  });

  test('a gap in the middle stays a gap: no line across it', async () => {
    const gapStart = FIXTURE_NOW.getTime() - 7 * HOUR_MS; // 14:30
    const gapEnd = gapStart + HOUR_MS; // 15:30, first point after the gap
    const image = await render(fixtureSeries({ gap: [gapStart, gapEnd] }));
    CHARTS.forEach((chart, i) => {
      const plot = plotArea(i);
      // the last bucket before the gap is 14:25, the first after it 15:30
      const inGap = columns(plot, x(i, gapStart) + 2, x(i, gapEnd) - 3);
      expect(inGap.width).toBeGreaterThan(25);
      expect(countColour(image, inGap, chart.colour)).toBe(0);
      if (chart.volume) expect(countColour(image, inGap, VOLUME_COLOUR)).toBe(0);
      // and the series is there on both sides of it
      const before = columns(plot, x(i, gapStart - HOUR_MS), x(i, gapStart - 5 * MINUTE_MS));
      const after = columns(plot, x(i, gapEnd), x(i, gapEnd + HOUR_MS));
      expect(countColour(image, before, chart.colour)).toBeGreaterThan(0);
      expect(countColour(image, after, chart.colour)).toBeGreaterThan(0);
    });
  });

  test('extreme values: 100 % errors on the top edge, zero users on the bottom edge', async () => {
    const image = await render(fixtureSeries({ value: { api_errors: () => 1, visits: () => 0 } }));
    const errors = CHARTS.findIndex((c) => c.id === 'errors');
    const users = CHARTS.findIndex((c) => c.id === 'users');

    const errorPlot = chartLayout(errors).plot;
    const red = findColour(image, plotArea(errors), COLOURS.error);
    expect(red.length).toBeGreaterThan(100);
    expect(red.every(([, py]) => Math.abs(py - errorPlot.y) <= EDGE)).toBe(true);

    const userPlot = chartLayout(users).plot;
    const bottom = userPlot.y + userPlot.height;
    const purple = findColour(image, plotArea(users), COLOURS.series);
    expect(purple.length).toBeGreaterThan(100);
    expect(purple.every(([, py]) => Math.abs(py - bottom) <= EDGE)).toBe(true);
    // the other charts are unaffected
    expect(countColour(image, rows(plotArea(users), userPlot.y, bottom - EDGE - 1), COLOURS.series)).toBe(0);
  });

  test('Korean labels: a different picture with the same data drawn', async () => {
    const series = fixtureSeries();
    const [en, ko] = await Promise.all([render(series, 'en'), render(series, 'ko')]);
    // the header (title and subtitle) differs, the plots do not
    const header = { x: 0, y: 0, width: DASHBOARD_WIDTH, height: chartLayout(0).panel.y };
    const differing = (rect: Rect) => {
      let n = 0;
      for (let py = rect.y; py < rect.y + rect.height; py++) {
        for (let px = rect.x; px < rect.x + rect.width; px++) {
          const i = (py * DASHBOARD_WIDTH + px) * 4;
          if (en.data.readUInt32BE(i) !== ko.data.readUInt32BE(i)) n++;
        }
      }
      return n;
    };
    expect(differing(header)).toBeGreaterThan(500);
    CHARTS.forEach((chart, i) => {
      expect(countColour(ko, plotArea(i), chart.colour)).toBe(countColour(en, plotArea(i), chart.colour));
    });
  });
});
