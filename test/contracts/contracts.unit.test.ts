/**
 * The contracts' pure rules. Reference ids are keys of workflow ids and sent_alerts rows: the
 * builders must give exactly the ids earlier releases gave (recorded below), and every parser must
 * read back what its builder wrote, at any instant. Incident statuses that end an incident are one
 * list, read the same way by the detector, the persistence and the embed.
 */
import { isResolvedIncidentStatus } from '../../src/contracts/alert-content';
import {
  metricReferenceId,
  parseMetricReferenceId,
  parseStatusReferenceId,
  parseThresholdReferenceId,
  statusReferenceId,
  THRESHOLD_BLOCK_MS,
  thresholdReferenceId,
} from '../../src/contracts/reference-ids';

const at = (iso: string) => new Date(iso);

it('builds the ids earlier releases built', () => {
  expect(statusReferenceId('major', '2026-11-25T10:07:31.123-08:00')).toBe('major_2026-11-25T18:07:31.123Z');
  expect(thresholdReferenceId('login', at('2026-11-25T10:29:59.999Z'))).toBe(
    'threshold_login_2026-11-25T10:15',
  );
  expect(thresholdReferenceId('login', at('2026-11-25T10:30:00.000Z'))).toBe(
    'threshold_login_2026-11-25T10:30',
  );
  // Metric ids changed from the hour to the episode's start minute; the parser still reads the
  // hour form (next test).
  expect(metricReferenceId('api_latency', 'breach', at('2026-11-25T10:54:31Z'))).toBe(
    'cloudfront_api_latency_2026-11-25T10:54',
  );
  expect(metricReferenceId('extauth_steam', 'recovered', Date.parse('2026-11-25T10:54:00Z'))).toBe(
    'cloudfront_extauth_steam_recovered_2026-11-25T10:54',
  );
});

it('reads metric ids of earlier releases (keyed by the hour) as the start of their hour', () => {
  expect(parseMetricReferenceId('cloudfront_api_latency_2026-11-25T10')).toEqual({
    metric: 'api_latency',
    edge: 'breach',
    episodeStart: at('2026-11-25T10:00:00Z'),
    legacyHourKey: true,
  });
  expect(parseMetricReferenceId('cloudfront_extauth_steam_recovered_2026-11-25T11')).toEqual({
    metric: 'extauth_steam',
    edge: 'recovered',
    episodeStart: at('2026-11-25T11:00:00Z'),
    legacyHourKey: true,
  });
});

// Deterministic instants over 2000..2100 (a simple LCG: reproducible, no dependency).
function* instants(count: number): Generator<Date> {
  let state = 0x2545f491;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const from = Date.UTC(2000, 0, 1);
    yield new Date(from + Math.floor((state / 2 ** 32) * (Date.UTC(2100, 0, 1) - from)));
  }
}

it('reads back every status id', () => {
  for (const when of instants(500)) {
    for (const indicator of ['none', 'minor', 'major', 'critical', 'under_maintenance']) {
      expect(parseStatusReferenceId(statusReferenceId(indicator, when))).toEqual({
        indicator,
        sourceTimestamp: when,
      });
    }
  }
});

it('reads back every threshold id as the 15-minute block holding the moment', () => {
  for (const when of instants(500)) {
    for (const type of ['login', 'instance', 'api', 'auth', 'download', 'other', 'with_underscore']) {
      const parsed = parseThresholdReferenceId(thresholdReferenceId(type, when))!;
      expect(parsed.reportType).toBe(type);
      expect(parsed.blockStart.getTime()).toBeLessThanOrEqual(when.getTime());
      expect(parsed.blockEnd.getTime()).toBeGreaterThan(when.getTime());
      expect(parsed.blockEnd.getTime() - parsed.blockStart.getTime()).toBe(THRESHOLD_BLOCK_MS);
      expect(parsed.blockStart.getTime() % THRESHOLD_BLOCK_MS).toBe(0);
    }
  }
});

it('reads back every metric id, breach or recovery, as the minute the episode began', () => {
  for (const when of instants(500)) {
    for (const metric of ['api_latency', 'api_errors', 'extauth_steam', 'extauth_oculus']) {
      for (const edge of ['breach', 'recovered'] as const) {
        const parsed = parseMetricReferenceId(metricReferenceId(metric, edge, when))!;
        expect(parsed).toEqual({ metric, edge, episodeStart: expect.any(Date), legacyHourKey: false });
        expect(when.getTime() - parsed.episodeStart.getTime()).toBeGreaterThanOrEqual(0);
        expect(when.getTime() - parsed.episodeStart.getTime()).toBeLessThan(60_000);
      }
    }
  }
});

it.each([
  ['status', parseStatusReferenceId, ['', 'major', 'major_', 'major_yesterday', '_2026-11-25T10:00:00.000Z']],
  [
    'threshold',
    parseThresholdReferenceId,
    [
      'threshold_login',
      'threshold__2026-11-25T10:15',
      'threshold_login_2026-11-25T10',
      'threshold_login_2026-13-25T10:15',
    ],
  ],
  [
    'metric',
    parseMetricReferenceId,
    [
      'cloudfront_api_latency',
      'cloudfront__2026-11-25T10',
      'metric_api_latency_2026-11-25T10',
      'cloudfront_x_2026-11-25T25',
      'cloudfront_x_2026-11-25T10:61',
      'cloudfront_x_2026-11-25T10:5',
    ],
  ],
])('the %s parser refuses what its builder never writes', (_kind, parse, ids) => {
  for (const id of ids as string[])
    expect({ id, parsed: (parse as (id: string) => unknown)(id) }).toEqual({ id, parsed: null });
});

describe('isResolvedIncidentStatus', () => {
  it.each([
    ['resolved', true],
    ['postmortem', true],
    [' Resolved ', true],
    ['monitoring', false],
    ['investigating', false],
    ['', false],
  ])('%j -> %s', (status, over) => {
    expect(isResolvedIncidentStatus(status)).toBe(over);
  });
});
