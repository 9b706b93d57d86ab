import fc from 'fast-check';
import { deriveMetricFacts, type AnnouncedBreach, metricReadFrom } from '../../src/polling/metric-facts';
import { type MetricRule, type MetricSeriesPoint } from '../../src/polling/metric-episodes';
import { metricReferenceId, parseMetricReferenceId } from '../../src/contracts/reference-ids';

const minute = 60_000;
const T0 = Date.UTC(2026, 10, 25, 10, 0);
const latency: MetricRule = { metric: 'api_latency', threshold: 1000, direction: 'above' };
const steam: MetricRule = { metric: 'extauth_steam', threshold: 0.85, direction: 'below' };
const RECOVERY_MS = 15 * minute;
const HIGH = 3000;
const LOW = 200;

/** One point a minute from `from`, stored as it came (30 s after its timestamp). */
const series = (values: number[], from = T0): MetricSeriesPoint[] =>
  values.map((value, i) => ({ timestamp: from + i * minute, value, storedAt: from + i * minute + 30_000 }));
const repeat = (value: number, times: number) => Array<number>(times).fill(value);
const ids = (facts: { type: string; referenceId: string }[]) =>
  facts.map((f) => `${f.type}:${f.referenceId}`);
const at = (iso: string) => Date.parse(iso);

/**
 * The poll loop over simulated time: each minute a cycle sees the points stamped up to then
 * (stored at their arrival, the first cycle storing the backlog as its baseline), derives the
 * facts, and delivers the new ones at once. Returns what was delivered, in order.
 */
function runCycles(
  rule: MetricRule,
  points: MetricSeriesPoint[],
  options: { recoveryMs?: number; announced?: AnnouncedBreach[]; firstCycleAt?: number } = {},
) {
  const recoveryMs = options.recoveryMs ?? RECOVERY_MS;
  const firstCycle = options.firstCycleAt ?? points[0]!.timestamp + 10 * minute;
  const last = points.at(-1)!.timestamp + minute;
  const sent: { type: string; referenceId: string; at: number }[] = [];
  const delivered = new Set<string>();
  const legacy = options.announced ?? [];
  for (let now = firstCycle; now <= last; now += minute) {
    const visible = points
      .filter((p) => p.timestamp <= now && p.timestamp >= metricReadFrom(now, recoveryMs))
      .map((p) => ({ ...p, storedAt: Math.max(p.storedAt, firstCycle) }));
    const facts = deriveMetricFacts({
      rule,
      points: visible,
      readFrom:
        points[0]!.timestamp >= metricReadFrom(now, recoveryMs) ? null : metricReadFrom(now, recoveryMs),
      baselineAt: firstCycle,
      now,
      recoveryMs,
      // breaches announced before the run are closed by any recovery sent in it
      announced: [
        ...legacy.map((a) => ({ ...a, closed: sent.some((s) => s.type === 'metric_recovered') })),
        ...announcedBreaches(sent),
      ],
    });
    for (const fact of facts) {
      const key = `${fact.type}:${fact.referenceId}`;
      if (delivered.has(key)) continue;
      delivered.add(key);
      sent.push({ type: fact.type, referenceId: fact.referenceId, at: now });
    }
  }
  return sent;
}

/** As the worker reads them from sent_alerts: closed once a recovery was sent after the breach. */
function announcedBreaches(sent: { type: string; referenceId: string; at: number }[]): AnnouncedBreach[] {
  const lastRecovery = Math.max(-1, ...sent.filter((s) => s.type === 'metric_recovered').map((s) => s.at));
  return sent
    .filter((s) => s.type === 'metric')
    .map((s) => {
      const parsed = parseMetricReferenceId(s.referenceId)!;
      return {
        episodeStart: parsed.episodeStart.getTime(),
        legacyHourKey: parsed.legacyHourKey,
        closed: s.at <= lastRecovery,
      };
    });
}

describe('deriveMetricFacts', () => {
  it('alerts the breach keyed by the minute it began and its recovery under the same key', () => {
    const values = [...repeat(LOW, 10), ...repeat(HIGH, 6), ...repeat(LOW, 30)];
    expect(ids(runCycles(latency, series(values)))).toEqual([
      'metric:cloudfront_api_latency_2026-11-25T10:11',
      'metric_recovered:cloudfront_api_latency_recovered_2026-11-25T10:11',
    ]);
  });

  it('declares recovery only after the average has stayed normal for the recovery period', () => {
    const values = [...repeat(LOW, 10), ...repeat(HIGH, 6), ...repeat(LOW, 20)];
    const sent = runCycles(latency, series(values));
    const recovery = sent.find((s) => s.type === 'metric_recovered')!;
    // the 5-minute average falls back under 1,000 ms at 10:19 (one high point left in it), so
    // the episode is over at 10:34, not at the first normal average
    expect(new Date(recovery.at).toISOString()).toBe('2026-11-25T10:34:00.000Z');
    expect(ids(runCycles(latency, series(values), { recoveryMs: 20 * minute }))).toEqual([
      'metric:cloudfront_api_latency_2026-11-25T10:11',
    ]);
  });

  it('closes a breach that flaps across an hour boundary exactly once (the reported case)', () => {
    // breach 10:54, back under 11:02, breach again 11:08, back under 11:20 for good
    const values = [
      ...repeat(LOW, 52),
      ...repeat(HIGH, 8),
      ...repeat(LOW, 8),
      ...repeat(HIGH, 10),
      ...repeat(LOW, 40),
    ];
    expect(ids(runCycles(latency, series(values)))).toEqual([
      'metric:cloudfront_api_latency_2026-11-25T10:53',
      'metric_recovered:cloudfront_api_latency_recovered_2026-11-25T10:53',
    ]);
  });

  it('sends one breach and one recovery for a metric oscillating every 3 minutes for an hour', () => {
    const oscillating = Array.from({ length: 60 }, (_, i) => (Math.floor(i / 3) % 2 === 0 ? 0.5 : 0.97));
    const values = [...repeat(0.97, 10), ...oscillating, ...repeat(0.97, 30)];
    expect(runCycles(steam, series(values)).map((s) => s.type)).toEqual(['metric', 'metric_recovered']);
  });

  it('treats an episode over before the first start as history, and alerts one still open then', () => {
    const past = [...repeat(HIGH, 5), ...repeat(LOW, 30)];
    expect(runCycles(latency, series(past), { firstCycleAt: T0 + 34 * minute })).toEqual([]);
    const ongoing = [...repeat(LOW, 5), ...repeat(HIGH, 10), ...repeat(LOW, 30)];
    expect(ids(runCycles(latency, series(ongoing), { firstCycleAt: T0 + 12 * minute }))).toEqual([
      'metric:cloudfront_api_latency_2026-11-25T10:06',
      'metric_recovered:cloudfront_api_latency_recovered_2026-11-25T10:06',
    ]);
  });

  it('does not judge a window with fewer than 3 points', () => {
    const sparse: MetricSeriesPoint[] = [
      { timestamp: T0, value: 5000, storedAt: T0 },
      { timestamp: T0 + 10 * minute, value: 5000, storedAt: T0 + 10 * minute },
    ];
    expect(
      deriveMetricFacts({
        rule: latency,
        points: sparse,
        readFrom: null,
        baselineAt: T0 - 60 * minute,
        now: T0 + 11 * minute,
        recoveryMs: RECOVERY_MS,
        announced: [],
      }),
    ).toEqual([]);
  });

  it('closes an episode longer than the lookback once, under the key it was announced with', () => {
    const values = [...repeat(LOW, 10), ...repeat(HIGH, 5 * 60), ...repeat(LOW, 30)];
    expect(ids(runCycles(latency, series(values)))).toEqual([
      'metric:cloudfront_api_latency_2026-11-25T10:11',
      'metric_recovered:cloudfront_api_latency_recovered_2026-11-25T10:11',
    ]);
  });

  it('continues a breach announced under an earlier release hour-keyed id: no second breach, one recovery', () => {
    const values = [...repeat(LOW, 50), ...repeat(HIGH, 30), ...repeat(LOW, 30)];
    const sent = runCycles(latency, series(values), {
      firstCycleAt: T0 + 58 * minute,
      announced: [{ episodeStart: at('2026-11-25T10:00:00Z'), legacyHourKey: true, closed: false }],
    });
    expect(ids(sent)).toEqual(['metric_recovered:cloudfront_api_latency_recovered_2026-11-25T10:00']);
  });

  it('closes an announced breach whose episode vanished under a raised threshold, once calm', () => {
    const values = [...repeat(1500, 40)];
    const announced = [{ episodeStart: T0 + 5 * minute, legacyHourKey: false, closed: false }];
    const raised = { ...latency, threshold: 2000 };
    const derive = (now: number) =>
      ids(
        deriveMetricFacts({
          rule: raised,
          points: series(values).filter((p) => p.timestamp <= now),
          readFrom: null,
          baselineAt: T0 - 60 * minute,
          now,
          recoveryMs: RECOVERY_MS,
          announced,
        }),
      );
    expect(derive(T0 + 10 * minute)).toEqual([]);
    expect(derive(T0 + 30 * minute)).toEqual([
      `metric_recovered:${metricReferenceId('api_latency', 'recovered', T0 + 5 * minute)}`,
    ]);
  });

  it('does not close an announced breach while the feed has no data', () => {
    expect(
      deriveMetricFacts({
        rule: latency,
        points: [],
        readFrom: T0,
        baselineAt: T0,
        now: T0 + 60 * minute,
        recoveryMs: RECOVERY_MS,
        announced: [{ episodeStart: T0, legacyHourKey: false, closed: false }],
      }),
    ).toEqual([]);
  });
});

describe('metric episodes, for any series (properties)', () => {
  /** Runs of one value (far above, far below, or anywhere near the threshold), some with gaps after. */
  const seriesArb = fc
    .array(
      fc.record({
        value: fc.oneof(fc.constant(HIGH), fc.constant(LOW), fc.integer({ min: 0, max: 2500 })),
        length: fc.integer({ min: 1, max: 40 }),
        gapAfter: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 30 })),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((runs) => {
      const points: MetricSeriesPoint[] = [];
      let t = T0;
      for (const run of [{ value: LOW, length: 10, gapAfter: 0 }, ...runs]) {
        for (let i = 0; i < run.length; i++, t += minute) {
          points.push({ timestamp: t, value: run.value, storedAt: t + 30_000 });
        }
        t += run.gapAfter * minute;
      }
      // a calm tail long enough for the last episode to end
      for (let i = 0; i < 25; i++, t += minute)
        points.push({ timestamp: t, value: LOW, storedAt: t + 30_000 });
      return points;
    });

  it('every breach is closed by exactly one recovery, no recovery comes without its breach, and they alternate', () => {
    fc.assert(
      // the first start may find hours of backlog (stored as its baseline)
      fc.property(seriesArb, fc.integer({ min: 10, max: 300 }), (points, firstStart) => {
        const sent = runCycles(latency, points, {
          firstCycleAt: Math.min(points[0]!.timestamp + firstStart * minute, points.at(-1)!.timestamp),
        });
        const keyOf = (referenceId: string) => parseMetricReferenceId(referenceId)!.episodeStart.getTime();
        const runsOf: string[] = [];
        points.forEach((p, i) => {
          const prev = points[i - 1];
          const hhmm = new Date(p.timestamp).toISOString().slice(11, 16);
          if (!prev || prev.value !== p.value || p.timestamp - prev.timestamp !== minute)
            runsOf.push(`${p.value}@${hhmm}`);
          else runsOf[runsOf.length - 1] = `${runsOf.at(-1)!.split('-')[0]}-${hhmm}`;
        });
        const shown = sent.map((s) => `${s.referenceId} at ${new Date(s.at).toISOString().slice(11, 16)}`);
        expect([runsOf.join(' '), ...sent.map((s, i) => `${s.type} ${shown[i]}`)]).toEqual([
          runsOf.join(' '),
          ...sent.map((_, i) => `${i % 2 === 0 ? 'metric' : 'metric_recovered'} ${shown[i]}`),
        ]);
        for (let i = 0; i < sent.length; i += 2) {
          expect(keyOf(sent[i + 1]!.referenceId)).toBe(keyOf(sent[i]!.referenceId));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an oscillation faster than the recovery period sends at most one breach and one recovery', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 59 }), (period, offset) => {
        const oscillating = Array.from({ length: 60 }, (_, i) =>
          Math.floor((i + offset) / period) % 2 === 0 ? HIGH : LOW,
        );
        const sent = runCycles(latency, series([...repeat(LOW, 10), ...oscillating, ...repeat(LOW, 25)]));
        expect(sent.filter((s) => s.type === 'metric').length).toBeLessThanOrEqual(1);
        expect(sent.filter((s) => s.type === 'metric_recovered').length).toBe(
          sent.filter((s) => s.type === 'metric').length,
        );
      }),
      { numRuns: 60 },
    );
  });
});
