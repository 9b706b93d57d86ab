import { deriveMetricFacts, rollingAverages, type MetricSeriesPoint } from '../../src/polling/metric-facts';

const T0 = Date.UTC(2026, 10, 25, 12, 0);
const minute = 60_000;
/** One point a minute from T0 with the given values, stored `storedAt` (default: long after the baseline). */
const series = (values: number[], storedAt = T0 + 10 * 60 * minute): MetricSeriesPoint[] =>
  values.map((value, i) => ({ timestamp: T0 + i * minute, value, storedAt }));
const latency = { metric: 'api_latency', threshold: 1000, direction: 'above' as const };
const steam = { metric: 'extauth_steam', threshold: 0.85, direction: 'below' as const };
const NOW = T0 + 40 * minute;
const BASELINE = T0 - 60 * minute;
const ids = (facts: { type: string; referenceId: string }[]) =>
  facts.map((f) => `${f.type}:${f.referenceId}`);

describe('rollingAverages', () => {
  it('averages the points of the last 5 minutes and waits for 3 of them', () => {
    const avg = rollingAverages(series([1, 2, 3, 4, 5, 6, 7]));
    expect(avg.map((a) => a.average)).toEqual([2, 2.5, 3, 4, 5]);
  });
});

describe('deriveMetricFacts', () => {
  it('alerts once per breach episode and once when it recovers', () => {
    const values = [
      200, 200, 200, 200, 200, 3000, 3000, 3000, 3000, 3000, 3000, 200, 200, 200, 200, 200, 200,
    ];
    expect(ids(deriveMetricFacts(latency, series(values), BASELINE, NOW))).toEqual([
      'metric:cloudfront_api_latency_2026-11-25T12',
      'metric_recovered:cloudfront_api_latency_recovered_2026-11-25T12',
    ]);
  });

  it('keeps alerting a breach that is still going on, and nothing while all is normal', () => {
    expect(
      ids(deriveMetricFacts(steam, series([0.97, 0.96, 0.5, 0.4, 0.3, 0.2, 0.2]), BASELINE, NOW)),
    ).toEqual(['metric:cloudfront_extauth_steam_2026-11-25T12']);
    expect(deriveMetricFacts(steam, series([0.97, 0.96, 0.98, 0.97, 0.99]), BASELINE, NOW)).toEqual([]);
  });

  it('collapses flapping inside one hour onto the same two ids', () => {
    const flap = [
      3000, 3000, 3000, 200, 200, 200, 200, 200, 200, 3000, 3000, 3000, 3000, 200, 200, 200, 200, 200, 200,
    ];
    const facts = deriveMetricFacts(latency, series(flap), BASELINE, NOW);
    expect(ids(facts)).toEqual([
      'metric:cloudfront_api_latency_2026-11-25T12',
      'metric_recovered:cloudfront_api_latency_recovered_2026-11-25T12',
    ]);
  });

  it('treats a breach that ended before the first start as history, but alerts one still open at first start', () => {
    const past = series([3000, 3000, 3000, 3000, 200, 200, 200, 200, 200, 200], BASELINE);
    expect(deriveMetricFacts(latency, past, BASELINE, NOW)).toEqual([]);
    const ongoing = series([200, 200, 200, 3000, 3000, 3000, 3000, 3000], BASELINE);
    expect(ids(deriveMetricFacts(latency, ongoing, BASELINE, NOW))).toEqual([
      'metric:cloudfront_api_latency_2026-11-25T12',
    ]);
  });

  it('does not judge a window with fewer than 3 points', () => {
    const sparse: MetricSeriesPoint[] = [
      { timestamp: T0, value: 5000, storedAt: NOW },
      { timestamp: T0 + 10 * minute, value: 5000, storedAt: NOW },
    ];
    expect(deriveMetricFacts(latency, sparse, BASELINE, NOW)).toEqual([]);
  });
});
