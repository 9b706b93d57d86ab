import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MalformedPayloadError,
  METRIC_FEEDS,
  metricFeed,
  parseMetricFeed,
  type MetricName,
} from '../../src/vrchat';
import { metricFeed as feedOf } from '../fakes/statuspage-builders';

const FIXTURE_DIR = join(__dirname, '../fixtures/vrchat');
const seconds = (date: Date): number => date.getTime() / 1000;

describe('METRIC_FEEDS', () => {
  it('lists the eight CloudFront feeds with their stored units', () => {
    expect(METRIC_FEEDS).toEqual([
      { name: 'api_latency', path: '/apilatency.json', unit: 'ms', scale: 1000 },
      { name: 'visits', path: '/visits.json', unit: 'count', scale: 1 },
      { name: 'api_requests', path: '/apirequests.json', unit: 'level', scale: 1 },
      { name: 'api_errors', path: '/apierrors.json', unit: 'ratio', scale: 1 },
      { name: 'extauth_steam', path: '/extauth_steam.json', unit: 'ratio', scale: 1 },
      { name: 'extauth_oculus', path: '/extauth_oculus.json', unit: 'ratio', scale: 1 },
      { name: 'extauth_steam_count', path: '/extauth_steam_count.json', unit: 'level', scale: 1 },
      { name: 'extauth_oculus_count', path: '/extauth_oculus_count.json', unit: 'level', scale: 1 },
    ]);
  });

  it('looks a feed up by name and refuses unknown names', () => {
    expect(metricFeed('api_errors').path).toBe('/apierrors.json');
    expect(() => metricFeed('ccu' as MetricName)).toThrow(RangeError);
  });
});

describe('parseMetricFeed', () => {
  it('reads [unix_seconds, value] pairs into Date/number points', () => {
    const { points, skipped } = parseMetricFeed(feedOf(1767225600, [0.18, 0.2, 0.25]));
    expect(skipped).toBe(0);
    expect(points).toEqual([
      { timestamp: new Date('2026-01-01T00:00:00.000Z'), value: 0.18 },
      { timestamp: new Date('2026-01-01T00:01:00.000Z'), value: 0.2 },
      { timestamp: new Date('2026-01-01T00:02:00.000Z'), value: 0.25 },
    ]);
  });

  it('accepts an empty feed', () => {
    expect(parseMetricFeed([])).toEqual({ points: [], skipped: 0 });
  });

  it('skips and counts malformed elements, keeps the rest (fixture)', () => {
    const body = JSON.parse(
      readFileSync(join(FIXTURE_DIR, 'metric-apilatency-mixed.json'), 'utf8'),
    ) as unknown;
    const { points, skipped } = parseMetricFeed(body, 'GET /apilatency.json');
    // null value, string value, short pair, string timestamp, triple, object, fractional timestamp
    expect(skipped).toBe(7);
    expect(points.map((p) => [seconds(p.timestamp), p.value])).toEqual([
      [1767225600, 0.182],
      [1767225660, 0.176],
      [1767226140, 0.215], // the repeated timestamp keeps the later element
      [1767226200, 0],
      [1767226260, 0.019],
    ]);
  });

  it.each<[string, unknown]>([
    ['a negative timestamp', [-60, 1]],
    ['a zero timestamp', [0, 1]],
    ['a huge timestamp', [1e20, 1]],
    ['a boolean value', [1767225600, true]],
    ['a nested array', [[1767225600, 1]]],
    ['null', null],
    ['a number', 42],
  ])('skips %s', (_what, element) => {
    expect(parseMetricFeed([element, [1767225600, 1]])).toEqual({
      points: [{ timestamp: new Date(1767225600_000), value: 1 }],
      skipped: 1,
    });
  });

  it('takes timestamps above 1e12 as milliseconds', () => {
    const { points } = parseMetricFeed([
      [1767225660000, 2],
      [1767225600, 1],
    ]);
    expect(points).toEqual([
      { timestamp: new Date('2026-01-01T00:00:00.000Z'), value: 1 },
      { timestamp: new Date('2026-01-01T00:01:00.000Z'), value: 2 },
    ]);
  });

  it('sorts out-of-order points and collapses duplicates to the last one', () => {
    const { points, skipped } = parseMetricFeed([
      [1767225720, 3],
      [1767225600, 1],
      [1767225660, 2],
      [1767225600, 1.5],
      [1767225600000, 1.75], // the same instant in ms
    ]);
    expect(skipped).toBe(0);
    expect(points.map((p) => [seconds(p.timestamp), p.value])).toEqual([
      [1767225600, 1.75],
      [1767225660, 2],
      [1767225720, 3],
    ]);
  });

  it('handles a full day (1441 points) quickly', () => {
    const values = Array.from({ length: 1441 }, (_, i) => 30_000 + i);
    const { points } = parseMetricFeed(feedOf(1767225600, values));
    expect(points).toHaveLength(1441);
    expect(seconds(points.at(-1)!.timestamp) - seconds(points[0]!.timestamp)).toBe(24 * 3600);
  });

  it.each<[string, unknown, string]>([
    ['an object', { data: [] }, 'object'],
    ['null', null, 'null'],
    ['a string', '[[1,2]]', 'string'],
    ['a number', 5, 'number'],
  ])('rejects %s as the whole body', (_what, body, got) => {
    let caught: unknown;
    try {
      parseMetricFeed(body, 'GET /visits.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MalformedPayloadError);
    const err = caught as MalformedPayloadError;
    expect(err.field).toBe('$');
    expect(err.transient).toBe(false);
    expect(err.message).toBe(
      `GET /visits.json: expected a JSON array of [unix_seconds, value] pairs, got ${got}`,
    );
  });
});
