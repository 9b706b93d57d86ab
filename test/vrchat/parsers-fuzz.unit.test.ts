/**
 * Every parser of outside input either parses or fails with its own clear error, and never throws
 * anything else (property-based, fast-check): Statuspage payloads (random JSON, and real captures
 * with random damage), metric feeds, reference ids, button ids, env values, report submissions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ConfigError, ENV_VARIABLES, loadConfig } from '../../src/config';
import {
  parseMetricReferenceId,
  parseStatusReferenceId,
  parseThresholdReferenceId,
} from '../../src/contracts/reference-ids';
import { InvalidReportError, validateReport } from '../../src/contracts/reports';
import { parseUnregisterCustomId } from '../../src/bot/buttons/unregister-buttons';
import {
  MalformedPayloadError,
  parseIncidents,
  parseMaintenances,
  parseMetricFeed,
  parseSummary,
} from '../../src/vrchat';

const CAPTURES = join(__dirname, '../fixtures/statuspage-captures');
const capture = (file: string): unknown => JSON.parse(readFileSync(join(CAPTURES, file), 'utf8'));

/** Either a value, or the expected error class: anything else fails the property. */
function parsesOrRefuses(parse: () => unknown, refusal: new (...args: never[]) => Error): void {
  try {
    parse();
  } catch (err) {
    if (!(err instanceof refusal))
      throw new Error(`threw ${String(err)} instead of a ${refusal.name}`, { cause: err });
    expect((err as Error).message.length).toBeGreaterThan(0);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value with one place in it replaced, removed or repeated, as `choices` direct. */
function damage(value: Json, choices: number[], replacement: Json): Json {
  const [pick = 0, ...rest] = choices;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = pick % value.length;
    const copy = [...value];
    if (rest.length === 0) {
      if (pick % 3 === 0) copy.splice(i, 1);
      else if (pick % 3 === 1)
        copy.push(copy[i]!); // a repeated element (duplicate ids)
      else copy[i] = replacement;
      return copy;
    }
    copy[i] = damage(copy[i]!, rest, replacement);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return replacement;
    const key = keys[pick % keys.length]!;
    const copy = { ...value };
    if (rest.length === 0) {
      if (pick % 2 === 0) delete copy[key];
      else copy[key] = replacement;
      return copy;
    }
    copy[key] = damage(copy[key]!, rest, replacement);
    return copy;
  }
  return replacement;
}

const damaged = (original: unknown) =>
  fc
    .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.jsonValue())
    .map(([choices, replacement]) => damage(original as Json, choices, replacement as Json));

describe.each([
  ['summary', parseSummary, 'vrchat-summary.json'],
  ['incidents', parseIncidents, 'discordstatus-incidents-trimmed.json'],
  ['maintenances', parseMaintenances, 'discordstatus-scheduled-maintenances-trimmed.json'],
] as const)('%s payloads', (_name, parse, file) => {
  it('random JSON parses or is refused as malformed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => parsesOrRefuses(() => parse(body), MalformedPayloadError)),
      { numRuns: 500 },
    );
  });

  it('a real capture with random damage parses or is refused as malformed', () => {
    fc.assert(
      fc.property(damaged(capture(file)), (body) =>
        parsesOrRefuses(() => parse(body), MalformedPayloadError),
      ),
      { numRuns: 1_000 },
    );
  });
});

it('metric feeds: anything parses into finite points (the rest skipped) or is refused as malformed', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.jsonValue(),
        fc.array(fc.tuple(fc.jsonValue(), fc.jsonValue())),
        fc.array(fc.tuple(fc.integer(), fc.double())),
      ),
      (body) =>
        parsesOrRefuses(() => {
          const { points } = parseMetricFeed(body, 'GET /apilatency.json');
          for (const p of points) {
            expect(Number.isFinite(p.value)).toBe(true);
            expect(Number.isNaN(p.timestamp.getTime())).toBe(false);
          }
        }, MalformedPayloadError),
    ),
    { numRuns: 1_000 },
  );
});

it('reference ids and button ids: any string is read or refused (null), never a throw', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string(), fc.stringMatching(/^(threshold|cloudfront|unregister)[_:].{0,60}$/)),
      (text) => {
        for (const parse of [
          parseStatusReferenceId,
          parseThresholdReferenceId,
          parseMetricReferenceId,
          parseUnregisterCustomId,
        ]) {
          const parsed = parse(text);
          if (parsed !== null) expect(typeof parsed).toBe('object');
        }
      },
    ),
    { numRuns: 2_000 },
  );
});

it('env values: any setting loads or stops with one line naming the variable, never echoing the token', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...ENV_VARIABLES), fc.string({ maxLength: 80 })), (env) => {
      try {
        loadConfig(env);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        expect(err.message).not.toContain('\n');
        expect(ENV_VARIABLES).toContain(err.variable);
        if (env.DISCORD_TOKEN && env.DISCORD_TOKEN.length > 8)
          expect(err.message).not.toContain(env.DISCORD_TOKEN);
      }
    }),
    { numRuns: 2_000 },
  );
});

it('report submissions: any field values are accepted or refused with a clear reason', () => {
  fc.assert(
    fc.property(
      fc.record({
        interactionId: fc.oneof(fc.string(), fc.constant('1190000000000000123')),
        userId: fc.oneof(fc.string(), fc.constant('1190000000000000124')),
        guildId: fc.oneof(fc.constant(null), fc.string(), fc.constant('1190000000000000125')),
        channelId: fc.oneof(fc.constant(null), fc.string()),
        type: fc.oneof(fc.string(), fc.constantFrom('login', 'instance', 'api', 'auth', 'download', 'other')),
        details: fc.oneof(fc.constant(null), fc.string({ maxLength: 700 }), fc.anything()),
        log: fc.oneof(fc.constant(null), fc.constant(undefined), fc.anything()),
      }),
      (report) => parsesOrRefuses(() => validateReport(report as never), InvalidReportError),
    ),
    { numRuns: 2_000 },
  );
});
