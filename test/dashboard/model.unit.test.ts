/** The pure parts of the dashboard: its window, 5-minute averages, axes, labels. */
import { BUCKET_MS, bucketAverages, bucketTime, dashboardWindow } from '../../src/dashboard/buckets';
import { buildDashboardModel, formatRange } from '../../src/dashboard/model';
import { niceAxis, niceStep, stepDecimals, tickFormatter } from '../../src/dashboard/scale';
import { FIXTURE_NOW, fixtureSeries, HOUR_MS, MINUTE_MS } from './fixtures';

const at = (iso: string): number => Date.parse(iso);

describe('dashboardWindow', () => {
  test('ends at the minute of now and spans 12 hours', () => {
    expect(dashboardWindow(new Date('2026-11-25T21:30:59.999Z'))).toEqual({
      from: at('2026-11-25T09:30:00Z'),
      to: at('2026-11-25T21:30:00Z'),
    });
  });

  test('an invalid date is an error, not an empty picture', () => {
    expect(() => dashboardWindow(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('bucketAverages', () => {
  const window = dashboardWindow(new Date('2026-11-25T21:32:00Z'));

  test('averages per UTC 5-minute bucket; empty buckets are null', () => {
    const points = [
      { timestamp: at('2026-11-25T21:20:00Z'), value: 10 },
      { timestamp: at('2026-11-25T21:24:00Z'), value: 20 },
      { timestamp: at('2026-11-25T21:31:00Z'), value: 7 },
    ];
    const buckets = bucketAverages(points, window);
    // first bucket 09:30 (window starts after 09:32: the bucket holding 09:32:00.001 begins at 09:30)
    expect(buckets.start).toBe(at('2026-11-25T09:30:00Z'));
    expect(buckets.values).toHaveLength(145);
    const index = (iso: string) => (at(iso) - buckets.start) / BUCKET_MS;
    expect(buckets.values[index('2026-11-25T21:20:00Z')]).toBe(15);
    expect(buckets.values[index('2026-11-25T21:25:00Z')]).toBeNull();
    expect(buckets.values[index('2026-11-25T21:30:00Z')]).toBe(7);
    expect(buckets.values.filter((v) => v !== null)).toHaveLength(2);
  });

  test('only points inside the window count, in any order; non-finite values are ignored', () => {
    const points = [
      { timestamp: window.to + MINUTE_MS, value: 1000 }, // after now
      { timestamp: window.from, value: 1000 }, // the window's start is exclusive
      { timestamp: window.to, value: 4 },
      { timestamp: window.from + MINUTE_MS, value: 2 },
      { timestamp: window.to - MINUTE_MS, value: Number.NaN },
    ];
    const { values } = bucketAverages(points, window);
    expect(values[0]).toBe(2);
    expect(values[values.length - 1]).toBe(4);
    expect(values.filter((v) => v !== null)).toEqual([2, 4]);
  });

  test('a bucket that starts before the window is drawn at the window start', () => {
    const buckets = bucketAverages([], window);
    expect(bucketTime(buckets, 0, window)).toBe(window.from);
    expect(bucketTime(buckets, 1, window)).toBe(buckets.start + BUCKET_MS);
  });
});

describe('niceAxis', () => {
  test.each([
    [0.12, 0.2],
    [0.22, 0.25],
    [0.3, 0.5],
    [1.1, 2],
    [2.2, 2.5],
    [7, 10],
    [1300, 2000],
    [2100, 2500],
  ])('niceStep(%p) = %p', (raw, step) => expect(niceStep(raw)).toBe(step));

  test('counts start at zero and end on a round tick', () => {
    expect(niceAxis(48_000, 71_000, { includeZero: true })).toMatchObject({
      min: 0,
      max: 80_000,
      ticks: [0, 20_000, 40_000, 60_000, 80_000],
    });
  });

  test('zero users: a flat series still gets an axis, with whole-number ticks', () => {
    expect(niceAxis(0, 0, { includeZero: true, integer: true })).toMatchObject({
      min: 0,
      max: 1,
      ticks: [0, 1],
    });
  });

  test('100 % errors: the axis ends at 100 %', () => {
    expect(niceAxis(100, 100, { includeZero: true, cap: 100 })).toMatchObject({
      min: 0,
      max: 100,
      ticks: [0, 25, 50, 75, 100],
    });
  });

  test('auth success near 100 % is zoomed in but never passes 100 %', () => {
    const axis = niceAxis(95.2, 99.6, { includeZero: false, cap: 100 });
    expect(axis.max).toBe(100);
    expect(axis.min).toBeGreaterThan(90);
    expect(niceAxis(100, 100, { includeZero: false, cap: 100 }).max).toBe(100);
  });

  test('ticks are clean decimals', () => {
    const axis = niceAxis(0.1, 0.7, { includeZero: true });
    expect(axis.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(stepDecimals(axis.step)).toBe(1);
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(5)).toBe(0);
  });
});

describe('tick labels', () => {
  test('compact counts follow the language', () => {
    expect(tickFormatter('compact', 2500, 'en-US')(62_500)).toBe('62.5K');
    expect(tickFormatter('compact', 2500, 'ko-KR')(62_500)).toBe('6.25만');
    expect(tickFormatter('compact', 100, 'en-US')(500)).toBe('500');
  });

  test('percentages show the decimals their step needs', () => {
    expect(tickFormatter('percent', 0.5, 'en-US')(97.5)).toBe('97.5%');
    expect(tickFormatter('percent', 25, 'en-US')(100)).toBe('100%');
    expect(tickFormatter('ms', 50, 'en-US')(1250)).toBe('1,250');
  });
});

describe('buildDashboardModel', () => {
  test('title range in UTC, six charts in order, time labels every 2 hours', () => {
    const model = buildDashboardModel({ now: FIXTURE_NOW, language: 'en', series: fixtureSeries() });
    expect(model.subtitle).toBe('2026-11-25 09:30 – 21:30 UTC · 5-minute averages');
    expect(model.charts.map((c) => c.title)).toEqual([
      'Online users',
      'API latency (ms)',
      'API requests',
      'API error rate (%)',
      'Steam auth success (%)',
      'Meta auth success (%)',
    ]);
    expect(model.timeTicks.map((t) => t.label)).toEqual([
      '10:00',
      '12:00',
      '14:00',
      '16:00',
      '18:00',
      '20:00',
    ]);
    for (const chart of model.charts) {
      expect(chart.primary?.buckets.values.filter((v) => v !== null)).toHaveLength(145);
    }
  });

  test('ratios are drawn as percentages; the auth charts carry their volume', () => {
    const model = buildDashboardModel({
      now: FIXTURE_NOW,
      language: 'en',
      series: fixtureSeries({ value: { api_errors: () => 0.5, extauth_steam_count: () => 300 } }),
    });
    const errors = model.charts.find((c) => c.spec.id === 'errors')!;
    expect(new Set(errors.primary!.buckets.values)).toEqual(new Set([50]));
    expect(errors.primary!.axis.labels.at(-1)).toMatch(/%$/);
    const steam = model.charts.find((c) => c.spec.id === 'steam')!;
    expect(new Set(steam.volume!.buckets.values)).toEqual(new Set([300]));
    expect(model.charts.find((c) => c.spec.id === 'users')!.volume).toBeNull();
  });

  test('Korean labels, and no data is null rather than an empty axis', () => {
    const model = buildDashboardModel({ now: FIXTURE_NOW, language: 'ko', series: { visits: [] } });
    expect(model.title).toBe('VRChat 상태 · 최근 12시간');
    expect(model.subtitle).toContain('5분 평균');
    expect(model.charts[0]!.title).toBe('접속자 수');
    expect(model.charts.every((c) => c.primary === null && c.volume === null)).toBe(true);
  });

  test('a range across midnight names both dates', () => {
    expect(formatRange(dashboardWindow(new Date('2026-11-26T03:15:00Z')))).toBe(
      '2026-11-25 15:15 – 2026-11-26 03:15 UTC',
    );
    expect(dashboardWindow(FIXTURE_NOW).to - dashboardWindow(FIXTURE_NOW).from).toBe(12 * HOUR_MS);
  });
});
