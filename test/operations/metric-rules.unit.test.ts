/** The pure rules behind VRCPulse's own metrics. */
import fc from 'fast-check';
import { COUNTERS, GAUGES } from '../../src/contracts/metrics';
import type { PollLoopState } from '../../src/contracts/polling';
import { rateLimitScope } from '../../src/discord/response-counters';
import { metricMessage } from '../../src/observability/metric-sink';
import { sourceFreshness } from '../../src/observability/source-freshness';

const headers = (...pairs: [string, string][]) => pairs.flat().map((v) => Buffer.from(v));

describe('rateLimitScope', () => {
  it("reads a 429's scope as Discord sends it", () => {
    expect(rateLimitScope(headers(['X-RateLimit-Scope', 'shared']))).toBe('shared');
    expect(rateLimitScope(headers(['x-ratelimit-scope', 'user'], ['x-ratelimit-global', 'false']))).toBe(
      'user',
    );
    expect(rateLimitScope(headers(['X-RateLimit-Global', 'true']))).toBe('global');
    expect(rateLimitScope(headers(['X-RateLimit-Scope', 'global'], ['X-RateLimit-Global', 'true']))).toBe(
      'global',
    );
  });

  it('takes a 429 without a known scope (a proxy, Cloudflare) as user-scoped: it counts as invalid', () => {
    expect(rateLimitScope([])).toBe('user');
    expect(rateLimitScope(headers(['X-RateLimit-Scope', 'planet']))).toBe('user');
  });
});

describe('metricMessage (the delivery process to its worker)', () => {
  const valid = { kind: 'vrcpulse-counter', name: 'discordRateLimited', value: 1, tags: { scope: 'user' } };

  it('accepts a value of a known counter or gauge', () => {
    expect(metricMessage(valid)).toEqual(valid);
    const gauge = {
      kind: 'vrcpulse-gauge',
      name: 'eventLoopDelayMax',
      value: 0.02,
      tags: { process: 'delivery' },
    };
    expect(metricMessage(gauge)).toEqual(gauge);
  });

  it('ignores anything else, whatever arrives on the channel', () => {
    for (const bad of [
      null,
      'text',
      { ...valid, kind: 'other' },
      { ...valid, name: 'constructor' },
      { ...valid, name: 'nope' },
      { ...valid, name: 'eventLoopDelayMax' }, // a gauge's name on a counter
      { ...valid, value: -1 },
      { ...valid, value: Number.NaN },
      { ...valid, tags: { scope: 1 } },
      { ...valid, tags: null },
    ]) {
      expect(metricMessage(bad)).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.anything(), (message) => {
        const parsed = metricMessage(message);
        if (parsed)
          expect(Object.hasOwn(parsed.kind === 'vrcpulse-counter' ? COUNTERS : GAUGES, parsed.name)).toBe(
            true,
          );
      }),
    );
  });
});

describe('sourceFreshness', () => {
  const state = (overrides: Partial<PollLoopState>): PollLoopState => ({
    source: 'status',
    intervalSeconds: 60,
    cycles: 3,
    lastCycleAt: '2026-11-25T10:00:00.000Z',
    lastSuccessAt: '2026-11-25T10:00:00.000Z',
    lastError: null,
    consecutiveFailures: 0,
    nextRunAt: '2026-11-25T10:01:00.000Z',
    lastResult: null,
    ...overrides,
  });
  const now = Date.parse('2026-11-25T10:02:30.000Z');

  it('is the seconds since the last success', () => {
    expect(sourceFreshness(state({ consecutiveFailures: 2 }), now, 0)).toEqual({
      ageSeconds: 150,
      consecutiveFailures: 2,
    });
  });

  it('counts from when the worker began watching when the loop never succeeded', () => {
    const since = Date.parse('2026-11-25T10:02:00.000Z');
    expect(sourceFreshness(state({ lastSuccessAt: null }), now, since).ageSeconds).toBe(30);
  });
});

describe('metric names', () => {
  it('follow Prometheus conventions: vrcpulse_ prefix, snake_case, durations in seconds', () => {
    for (const { name } of [...Object.values(COUNTERS), ...Object.values(GAUGES)]) {
      expect(name).toMatch(/^vrcpulse_[a-z0-9_]+$/);
      expect(name).not.toMatch(/_total$|_ms$|_milliseconds$/); // the exporter adds _total to counters
    }
    expect(GAUGES.eventLoopDelayP99.name).toMatch(/_seconds$/);
  });
});
