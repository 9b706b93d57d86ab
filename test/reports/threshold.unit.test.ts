/** The crowd-report counting rules and broadcast limits (pure). */
import fc from 'fast-check';
import { broadcastDecision, countVoices, thresholdReached } from '../../src/reports/threshold';
import { incidentRelatesTo } from '../../src/reports/signals';

const OLD = 0; // registered long ago
const WINDOW_START = 1_000;
const FRESH = 2_000; // registered inside the window

describe('countVoices', () => {
  it('counts a player once, whether they report from several servers or from DMs too', () => {
    const counted = countVoices(
      [
        { userId: 'a', guildId: 'g1' },
        { userId: 'a', guildId: 'g2' },
        { userId: 'a', guildId: null },
        { userId: 'b', guildId: 'g1' },
      ],
      new Map([['a', OLD]]),
      WINDOW_START,
    );
    expect(counted).toEqual({ voices: 2, sources: 3 });
  });

  it('does not count a report from DMs by a player registered inside the window', () => {
    expect(countVoices([{ userId: 'new', guildId: null }], new Map([['new', FRESH]]), WINDOW_START)).toEqual({
      voices: 0,
      sources: 0,
    });
    // the same player's report from a server counts (the server is a registered place)
    expect(
      countVoices(
        [
          { userId: 'new', guildId: null },
          { userId: 'new', guildId: 'g1' },
        ],
        new Map([['new', FRESH]]),
        WINDOW_START,
      ),
    ).toEqual({ voices: 1, sources: 1 });
  });

  it('counts all DMs together as one place', () => {
    const reports = ['a', 'b', 'c'].map((userId) => ({ userId, guildId: null }));
    const registered = new Map(['a', 'b', 'c'].map((u) => [u, OLD]));
    expect(countVoices(reports, registered, WINDOW_START)).toEqual({ voices: 3, sources: 1 });
  });

  it('never counts more voices than players, nor more places than servers plus one (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            userId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
            guildId: fc.option(fc.constantFrom('g1', 'g2', 'g3'), { nil: null }),
          }),
        ),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 0, max: 3_000 })),
        (reports, registered) => {
          const counted = countVoices(reports, new Map(Object.entries(registered)), WINDOW_START);
          expect(counted.voices).toBeLessThanOrEqual(new Set(reports.map((r) => r.userId)).size);
          expect(counted.sources).toBeLessThanOrEqual(new Set(reports.map((r) => r.guildId ?? 'dm')).size);
          // one player alone is never more than one voice
          const alone = reports.filter((r) => r.userId === 'a');
          expect(
            countVoices(alone, new Map(Object.entries(registered)), WINDOW_START).voices,
          ).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('thresholdReached', () => {
  it.each([
    [{ voices: 5, sources: 2 }, true],
    [{ voices: 5, sources: 1 }, false],
    [{ voices: 4, sources: 3 }, false],
  ])('%j -> %s (5 players from 2 places)', (counted, reached) => {
    expect(thresholdReached(counted, { threshold: 5, minSources: 2 })).toBe(reached);
  });
});

describe('broadcastDecision', () => {
  const limits = { typeIntervalMinutes: 60, perHour: 3 };
  const minutes = (m: number) => m * 60_000;

  it('allows one alert per type per interval', () => {
    const recent = [{ reportType: 'login', at: minutes(0) }];
    expect(broadcastDecision(recent, 'login', minutes(59), limits)).toBe('type_limited');
    expect(broadcastDecision(recent, 'login', minutes(60), limits)).toBe('broadcast');
    expect(broadcastDecision(recent, 'api', minutes(1), limits)).toBe('broadcast');
  });

  it('allows a few alerts an hour in all', () => {
    const recent = ['login', 'api', 'auth'].map((reportType, i) => ({ reportType, at: minutes(i) }));
    expect(broadcastDecision(recent, 'download', minutes(30), limits)).toBe('hour_limited');
    expect(broadcastDecision(recent, 'download', minutes(61), limits)).toBe('broadcast');
  });
});

describe('incidentRelatesTo', () => {
  it.each([
    ['login', 'Login failures for some players', true],
    ['login', 'Elevated authentication errors', true],
    ['login', 'Blogin service', false],
    ['auth', 'Steam sign in degraded', true],
    ['instance', 'Players cannot join instances', true],
    ['download', 'Avatar uploads failing', true],
    ['download', 'Login failures', false],
    ['other', 'Anything at all', true],
  ] as const)('%s relates to "%s": %s', (type, title, related) => {
    expect(incidentRelatesTo(type, title)).toBe(related);
  });
});
