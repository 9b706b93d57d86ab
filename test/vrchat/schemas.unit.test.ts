import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MalformedPayloadError,
  MAX_LIST_ITEMS,
  parseIncidents,
  parseIsoTimestamp,
  parseMaintenances,
  parseMetricFeed,
  parseSummary,
  type IncidentRecord,
} from '../../src/vrchat';
import {
  COMPONENT_IDS,
  incident,
  incidentsPayload,
  maintenance,
  maintenancesPayload,
  summary,
  vrchatComponents,
  type JsonObject,
} from '../fakes/statuspage-builders';

/** Real Statuspage payloads copied from public repositories; their sources are in PROVENANCE.md there. */
const CAPTURES_DIR = join(__dirname, '../fixtures/statuspage-captures');
/** How many captures that folder holds: a lost or added file must show up here. */
const CAPTURE_COUNT = 16;
const FIXTURE_DIR = join(__dirname, '../fixtures/vrchat');

const readJson = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const fixture = (file: string): unknown => readJson(FIXTURE_DIR, file);
const at = (iso: string): Date => new Date(iso);

/** Runs `fn`, expects a MalformedPayloadError, returns it. */
function rejection(fn: () => unknown): MalformedPayloadError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MalformedPayloadError);
    return err as MalformedPayloadError;
  }
  throw new Error('expected a MalformedPayloadError, but parsing succeeded');
}

describe('parseIsoTimestamp', () => {
  it.each([
    ['2015-07-30T18:55:43.739-07:00', '2015-07-31T01:55:43.739Z'],
    ['2026-01-05T04:12:30.123-08:00', '2026-01-05T12:12:30.123Z'],
    ['2018-05-10T23:32:14Z', '2018-05-10T23:32:14.000Z'],
    ['2026-03-10T09:00:00z', '2026-03-10T09:00:00.000Z'],
    ['2026-02-20T07:00:00.000+01:00', '2026-02-20T06:00:00.000Z'],
    ['2026-02-20T05:30:00+0530', '2026-02-20T00:00:00.000Z'],
    ['2026-02-20T00:00:00.123456789Z', '2026-02-20T00:00:00.123Z'],
    ['2026-02-20T00:00:00.5Z', '2026-02-20T00:00:00.500Z'],
    ['2024-02-29T23:59:59.999+00:00', '2024-02-29T23:59:59.999Z'],
    ['2026-01-01T00:30:00.000+01:00', '2025-12-31T23:30:00.000Z'],
  ])('reads %s as the instant %s', (text, utc) => {
    expect(parseIsoTimestamp(text)?.toISOString()).toBe(utc);
  });

  it.each([
    ['a date only', '1970-01-01'],
    ['no zone (ambiguous instant)', '2026-01-05T04:12:30.123'],
    ['no seconds', '2026-01-05T04:12Z'],
    ['Feb 30', '2026-02-30T00:00:00Z'],
    ['Feb 29 in a non-leap year', '2025-02-29T00:00:00Z'],
    ['hour 24', '2026-01-05T24:00:00Z'],
    ['minute 60', '2026-01-05T10:60:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['offset hour 25', '2026-01-05T04:12:30+25:00'],
    ['a human date', 'Jan 5, 2026 4:12 PM'],
    ['unix seconds as text', '1767225600'],
    ['the empty string', ''],
    ['trailing garbage', '2026-01-05T04:12:30Z junk'],
  ])('rejects %s', (_what, text) => {
    expect(parseIsoTimestamp(text)).toBeNull();
  });

  it('compares instants, not strings, across a DST change', () => {
    // 01:12 PST comes after 01:31 PDT on the night clocks go back.
    const pdt = parseIsoTimestamp('2025-11-02T01:31:50.118-07:00')!;
    const pst = parseIsoTimestamp('2025-11-02T01:12:07.655-08:00')!;
    expect(pst.getTime()).toBeGreaterThan(pdt.getTime());
  });
});

describe('real Statuspage captures (test/fixtures/statuspage-captures)', () => {
  const files = readdirSync(CAPTURES_DIR).filter((f) => f.endsWith('.json'));

  /** Which endpoint each capture comes from, by its name (see PROVENANCE.md). */
  function endpointOf(file: string): string {
    if (file.includes('metrics-display')) return 'statuspage-native-metrics';
    if (file.includes('scheduled-maintenances')) return 'maintenances';
    if (file.includes('incidents')) return 'incidents';
    if (file.includes('summary')) return 'summary';
    if (file.includes('components')) return 'components';
    if (file.endsWith('-status.json')) return 'status';
    throw new Error(`no endpoint known for capture ${file}: classify it in this test`);
  }

  it('finds every capture', () => {
    expect(files).toHaveLength(CAPTURE_COUNT);
    expect(files).toContain('vrchat-summary.json');
    expect(files).toContain('emma-statuspage-incidents.json');
  });

  it.each(files)('%s parses with its endpoint schema and keeps every item', (file) => {
    const raw = readJson(CAPTURES_DIR, file) as Record<string, unknown>;
    switch (endpointOf(file)) {
      case 'summary': {
        const snap = parseSummary(raw);
        const rawComponents = raw.components as { id: string; group_id?: string | null }[];
        expect(snap.components.map((c) => c.id)).toEqual(rawComponents.map((c) => c.id));
        expect(snap.components.map((c) => c.groupId)).toEqual(rawComponents.map((c) => c.group_id ?? null));
        expect(snap.pageUpdatedAt.getTime()).toBe(
          Date.parse((raw.page as { updated_at: string }).updated_at),
        );
        // The unresolved incidents and active maintenances embedded in a summary fit the list schemas too.
        expect(parseIncidents({ incidents: raw.incidents })).toHaveLength(
          (raw.incidents as unknown[]).length,
        );
        expect(parseMaintenances({ scheduled_maintenances: raw.scheduled_maintenances })).toHaveLength(
          (raw.scheduled_maintenances as unknown[]).length,
        );
        break;
      }
      case 'incidents':
        expect(parseIncidents(raw)).toHaveLength((raw.incidents as unknown[]).length);
        break;
      case 'maintenances':
        expect(parseMaintenances(raw)).toHaveLength((raw.scheduled_maintenances as unknown[]).length);
        break;
      // VRCPulse reads components and the status rollup from /summary.json only; these captures of
      // the separate endpoints show the same shapes, so they must pass inside a summary.
      case 'components':
        expect(
          parseSummary({ page: raw.page, status: { indicator: 'none' }, components: raw.components })
            .components,
        ).toHaveLength((raw.components as unknown[]).length);
        break;
      case 'status':
        expect(parseSummary({ page: raw.page, status: raw.status, components: [] }).indicator).toBe(
          (raw.status as { indicator: string }).indicator,
        );
        break;
      case 'statuspage-native-metrics':
        // Statuspage's own metrics format is not a CloudFront feed; the feed parser must refuse it.
        expect(() => parseMetricFeed(raw, 'GET /visits.json')).toThrow(MalformedPayloadError);
        break;
    }
  });

  it('reads the VRChat summary as a flat, interleaved component list with two groups', () => {
    const raw = readJson(CAPTURES_DIR, 'vrchat-summary.json') as {
      components: { id: string; name: string; group: boolean; components?: string[] }[];
    };
    const snap = parseSummary(raw);
    expect(snap.indicator).toBe('none');
    expect(snap.components).toHaveLength(raw.components.length);
    const groups = snap.components.filter((c) => c.isGroup);
    expect(groups).toHaveLength(2);
    for (const group of groups) {
      const rawGroup = raw.components.find((c) => c.id === group.id)!;
      const children = snap.components.filter((c) => c.groupId === group.id).map((c) => c.id);
      expect(children.sort()).toEqual([...(rawGroup.components ?? [])].sort());
    }
    // A child of the second group comes before the group itself: the tree must come from groupId.
    const secondGroup = snap.components.indexOf(groups[1]!);
    expect(snap.components.slice(0, secondGroup).some((c) => c.groupId === groups[1]!.id)).toBe(true);
    // Non-ASCII names survive intact.
    expect(snap.components.map((c) => c.name)).toEqual(raw.components.map((c) => c.name));
    expect(snap.components.some((c) => [...c.name].some((ch) => ch.charCodeAt(0) > 127))).toBe(true);
  });

  it('resolves offsets in the Emma history and keeps backfilled display times', () => {
    const incidents = parseIncidents(readJson(CAPTURES_DIR, 'emma-statuspage-incidents.json'));
    expect(incidents).toHaveLength(22);
    for (const i of incidents) {
      expect(i.startedAt).toEqual(i.createdAt); // no started_at in 2019 payloads
      const times = i.updates.map((u) => u.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const backfilled = incidents.flatMap((i) => i.updates).filter((u) => u.displayAt < u.createdAt);
    expect(backfilled.length).toBeGreaterThan(0);
  });
});

describe('own fixtures', () => {
  it('incidents across a DST change, legacy updates, postmortem, open incident', () => {
    const incidents = parseIncidents(fixture('incidents-dst-legacy-postmortem.json'));
    const byId = new Map(incidents.map((i) => [i.id, i]));

    const dst = byId.get('i1dst5v2m8ye')!;
    expect(dst).toMatchObject({
      status: 'resolved',
      impact: 'minor',
      createdAt: at('2025-11-02T07:48:13.402Z'),
      startedAt: at('2025-11-02T07:48:13.402Z'), // no started_at: falls back to created_at
      resolvedAt: at('2025-11-02T09:58:44.020Z'),
    });
    // By instant the PDT "identified" (08:31Z) precedes the PST "monitoring" (09:12Z), though its
    // local clock time 01:31 is later than 01:12.
    expect(dst.updates.map((u) => u.status)).toEqual([
      'investigating',
      'identified',
      'monitoring',
      'resolved',
    ]);

    const pm = byId.get('i2pm7d4r9ktb')!;
    expect(pm.status).toBe('postmortem');
    expect(pm.startedAt).toEqual(at('2026-01-15T03:22:00.000Z')); // back-dated before created_at
    expect(pm.createdAt).toEqual(at('2026-01-15T03:40:27.615Z'));
    expect(pm.updates.map((u) => u.id)).toEqual([
      'u5pm8s6c0gxz',
      'u7pm0h4y8tjr',
      'u9pm3x7q2wcs',
      'u6pm2b9f3lqe',
      'u8pm6k1d5nva',
    ]);
    const backfilled = pm.updates[1]!;
    expect(backfilled.displayAt).toEqual(at('2026-01-15T03:25:00.000Z'));
    expect(backfilled.displayAt.getTime()).toBeLessThan(backfilled.createdAt.getTime());

    const open = byId.get('i3opn8w2c5ha')!;
    expect(open).toMatchObject({ status: 'investigating', impact: 'none', resolvedAt: null });
    expect(open.updates.map((u) => u.status)).toEqual(['investigating', 'investigating']);
    expect(open.updates[1]!.body).toContain('<br />');
    expect(open.updates[1]!.body).toContain('\r\n');
    expect(open.updates[1]!.body).toContain('🙏');
  });

  it('maintenances: in_progress before its window, verifying, completed with offsets, upcoming', () => {
    const list = parseMaintenances(fixture('maintenances-active-and-history.json'));
    expect(list.map((m) => m.status)).toEqual(['in_progress', 'verifying', 'completed', 'scheduled']);
    const [inProgress, verifying, completed, upcoming] = list as [
      (typeof list)[0],
      (typeof list)[0],
      (typeof list)[0],
      (typeof list)[0],
    ];
    expect(inProgress).toMatchObject({
      impact: 'maintenance',
      scheduledFor: at('2026-03-10T09:00:00.000Z'),
      scheduledUntil: at('2026-03-10T11:00:00.000Z'),
      resolvedAt: null,
    });
    expect(inProgress.updates.at(-1)!.createdAt.getTime()).toBeLessThan(inProgress.scheduledFor.getTime());
    expect(verifying.impact).toBe('minor');
    expect(verifying.updates.map((u) => u.status)).toEqual(['scheduled', 'in_progress', 'verifying']);
    expect(completed).toMatchObject({
      createdAt: at('2026-02-17T17:05:40.119Z'),
      scheduledFor: at('2026-02-20T06:00:00.000Z'),
      scheduledUntil: at('2026-02-20T08:00:00.000Z'),
      resolvedAt: at('2026-02-20T07:31:52.004Z'),
    });
    expect(completed.updates[0]!.displayAt).toEqual(at('2026-02-17T17:05:00.000Z'));
    expect(upcoming.updates).toHaveLength(1);
  });

  it('summary: maintenance indicator, under_maintenance, a child of a missing group, extra keys', () => {
    const snap = parseSummary(fixture('summary-maintenance-orphan-child.json'));
    expect(snap).toMatchObject({
      pageUpdatedAt: at('2026-03-10T08:52:30.120Z'),
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
    });
    expect(snap.components).toEqual([
      {
        id: 'g0api8wq3n5t',
        name: 'API / Website',
        status: 'under_maintenance',
        groupId: null,
        isGroup: true,
        position: 1,
      },
      {
        id: 'c1lgn4r7vk2e',
        name: 'Login & Accounts',
        status: 'operational',
        groupId: 'g0api8wq3n5t',
        isGroup: false,
        position: 1,
      },
      {
        id: 'c9kor2v6n1ws',
        name: 'Korea (서울)',
        status: 'operational',
        groupId: 'g9gone0x1y2z',
        isGroup: false,
        position: 1,
      },
      {
        id: 'c2soc9t1mz6q',
        name: 'Friends & Invites',
        status: 'under_maintenance',
        groupId: 'g0api8wq3n5t',
        isGroup: false,
        position: 2,
      },
      {
        id: 'c0top3j8h5eq',
        name: 'Website',
        status: 'operational',
        groupId: null,
        isGroup: false,
        position: 3,
      },
    ]);
  });

  it('summary with the old field set: no time_zone, no group keys, no position, no-ms Z', () => {
    const snap = parseSummary(fixture('summary-legacy-fields.json'));
    expect(snap.pageUpdatedAt).toEqual(at('2019-08-27T16:04:51.000Z'));
    expect(snap.indicator).toBe('minor');
    expect(snap.components).toEqual([
      {
        id: 'c0leg1a2c3y4',
        name: 'API',
        status: 'degraded_performance',
        groupId: null,
        isGroup: false,
        position: 1,
      },
      {
        id: 'c1leg5b6d7z8',
        name: 'Realtime',
        status: 'operational',
        groupId: null,
        isGroup: false,
        position: null,
      },
    ]);
  });

  it('empty lists with whitespace inside the brackets', () => {
    const raw = (file: string) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as unknown;
    expect(readFileSync(join(FIXTURE_DIR, 'incidents-empty-whitespace.body'), 'utf8')).toMatch(/\[\n\n\s*\]/);
    expect(parseIncidents(raw('incidents-empty-whitespace.body'))).toEqual([]);
    expect(parseMaintenances(raw('maintenances-empty-whitespace.body'))).toEqual([]);
  });
});

describe('normalization', () => {
  const built = (updates: Parameters<typeof incident>[0]['updates'], extra: JsonObject = {}) =>
    incidentsPayload([
      {
        ...incident({
          id: 'n0rm4l1z3d01',
          name: 'Friends list not loading',
          status: 'monitoring',
          impact: 'minor',
          createdAt: '2026-04-02T10:00:00.000Z',
          updates,
        }),
        ...extra,
      },
    ]);

  it('sorts updates oldest first by created_at and defaults display_at to created_at', () => {
    const payload = built([
      { id: 'up2', status: 'identified', body: 'b', createdAt: '2026-04-02T10:20:00.000Z' },
      { id: 'up3', status: 'monitoring', body: 'c', createdAt: '2026-04-02T03:30:00.000-07:00' },
      { id: 'up1', status: 'investigating', body: 'a', createdAt: '2026-04-02T10:00:05.000Z' },
    ]);
    const updates = (payload.incidents as JsonObject[])[0]!.incident_updates as JsonObject[];
    expect(updates.map((u) => u.id)).toEqual(['up3', 'up2', 'up1']); // the builder emits newest first
    delete updates[0]!.display_at;
    updates[1]!.display_at = null;
    const [i] = parseIncidents(payload) as [IncidentRecord];
    expect(i.updates.map((u) => u.id)).toEqual(['up1', 'up2', 'up3']);
    expect(i.updates[2]!.displayAt).toEqual(at('2026-04-02T10:30:00.000Z'));
    expect(i.updates[1]!.displayAt).toEqual(at('2026-04-02T10:20:00.000Z'));
  });

  it('keeps updates with the same created_at in chronological (reverse payload) order', () => {
    const payload = built([]);
    (payload.incidents as JsonObject[])[0]!.incident_updates = ['second', 'first'].map((id) => ({
      id,
      status: 'investigating',
      body: id,
      created_at: '2026-04-02T10:00:00.000Z',
    }));
    expect(parseIncidents(payload)[0]!.updates.map((u) => u.id)).toEqual(['first', 'second']);
  });

  it('fills defaults for optional fields given as null or left out', () => {
    const payload = built(
      [{ id: 'u1', status: 'investigating', body: 'x', createdAt: '2026-04-02T10:00:00Z' }],
      {
        impact: null,
        started_at: null,
        resolved_at: null,
      },
    );
    const inc = (payload.incidents as JsonObject[])[0]!;
    (inc.incident_updates as JsonObject[])[0]!.body = null;
    const [i] = parseIncidents(payload) as [IncidentRecord];
    expect(i).toMatchObject({ impact: 'none', startedAt: at('2026-04-02T10:00:00.000Z'), resolvedAt: null });
    expect(i.updates[0]!.body).toBe('');

    delete inc.incident_updates;
    expect(parseIncidents(payload)[0]!.updates).toEqual([]);
  });

  it('accepts unknown enum values and unknown keys', () => {
    const snap = parseSummary({
      ...summary({
        updatedAt: '2026-04-02T10:00:00Z',
        indicator: 'maintenance',
        components: vrchatComponents({ uploads: 'under_maintenance', frankfurt: 'brand_new_status' }),
      }),
      brand_new_block: { anything: [1, 2, 3] },
    });
    expect(snap.indicator).toBe('maintenance');
    const status = (id: string) => snap.components.find((c) => c.id === id)?.status;
    expect(status(COMPONENT_IDS.uploads)).toBe('under_maintenance');
    expect(status(COMPONENT_IDS.frankfurt)).toBe('brand_new_status');
  });

  it('tells a group by its child list when the group flag is missing', () => {
    const components = vrchatComponents();
    delete components[0]!.group;
    const snap = parseSummary(summary({ updatedAt: '2026-04-02T10:00:00Z', indicator: 'none', components }));
    expect(snap.components[0]).toMatchObject({ id: COMPONENT_IDS.apiGroup, isGroup: true });
  });

  it('maintenance impact defaults to maintenance', () => {
    const m = maintenance({
      id: 'mdef4ult0001',
      name: 'Routine work',
      status: 'scheduled',
      createdAt: '2026-04-01T00:00:00Z',
      scheduledFor: '2026-04-03T00:00:00Z',
      scheduledUntil: '2026-04-03T01:00:00Z',
      updates: [],
    });
    delete m.impact;
    expect(parseMaintenances(maintenancesPayload([m]))[0]!.impact).toBe('maintenance');
  });
});

describe('rejections name the field and the endpoint', () => {
  const goodIncident = () =>
    incident({
      id: 'r3j3ct000001',
      name: 'API errors',
      status: 'identified',
      impact: 'major',
      createdAt: '2026-04-02T10:00:00.000Z',
      updates: [
        { id: 'ru1', status: 'investigating', body: 'Looking.', createdAt: '2026-04-02T10:00:01.000Z' },
        { id: 'ru2', status: 'identified', body: 'Found it.', createdAt: '2026-04-02T10:15:00.000Z' },
      ],
    });
  /** The n-th of several good incidents: ids are unique in a payload, or it is malformed. */
  const nthIncident = (n: number) => {
    const i = goodIncident();
    i.id = `r3j3ct${String(n).padStart(6, '0')}`;
    for (const u of i.incident_updates as JsonObject[]) u.id = `${String(u.id)}-${n}`;
    return i;
  };
  const fourIncidents = () => [0, 1, 2, 3].map(nthIncident);

  it('an unparseable update timestamp deep in the list', () => {
    const list = fourIncidents();
    (list[3]!.incident_updates as JsonObject[])[0]!.created_at = 'yesterday at noon';
    const err = rejection(() => parseIncidents(incidentsPayload(list)));
    expect(err.field).toBe('incidents[3].incident_updates[0].created_at');
    expect(err.endpoint).toBe('GET /incidents.json');
    expect(err.message).toBe(
      'GET /incidents.json: incidents[3].incident_updates[0].created_at: expected an ISO-8601 timestamp',
    );
    expect(err.transient).toBe(false);
  });

  it.each<[string, (i: JsonObject) => void, string, string]>([
    ['a missing id', (i) => delete i.id, 'incidents[0].id', 'required field is missing'],
    ['a numeric id', (i) => (i.id = 12345), 'incidents[0].id', 'expected a string, got number'],
    ['an empty id', (i) => (i.id = ''), 'incidents[0].id', 'expected a non-empty string'],
    [
      'an id over 64 characters',
      (i) => (i.id = 'x'.repeat(65)),
      'incidents[0].id',
      'expected at most 64 characters, got 65',
    ],
    ['a missing status', (i) => delete i.status, 'incidents[0].status', 'required field is missing'],
    ['a null status', (i) => (i.status = null), 'incidents[0].status', 'expected a string, got null'],
    ['a missing name', (i) => delete i.name, 'incidents[0].name', 'required field is missing'],
    [
      'a missing created_at',
      (i) => delete i.created_at,
      'incidents[0].created_at',
      'required field is missing',
    ],
    [
      'a numeric created_at',
      (i) => (i.created_at = 1767225600),
      'incidents[0].created_at',
      'expected an ISO-8601 timestamp',
    ],
    [
      'a date-only started_at',
      (i) => (i.started_at = '2026-04-02'),
      'incidents[0].started_at',
      'expected an ISO-8601 timestamp',
    ],
    [
      'a zone-less resolved_at',
      (i) => (i.resolved_at = '2026-04-02T11:00:00'),
      'incidents[0].resolved_at',
      'expected an ISO-8601 timestamp',
    ],
    [
      'updates as an object',
      (i) => (i.incident_updates = {}),
      'incidents[0].incident_updates',
      'expected an array, got object',
    ],
    [
      'an update id as a number',
      (i) => ((i.incident_updates as JsonObject[])[1]!.id = 7),
      'incidents[0].incident_updates[1].id',
      'expected a string, got number',
    ],
    [
      'an update without status',
      (i) => delete (i.incident_updates as JsonObject[])[0]!.status,
      'incidents[0].incident_updates[0].status',
      'required field is missing',
    ],
  ])('%s', (_what, mutate, field, detail) => {
    const i = goodIncident();
    mutate(i);
    const err = rejection(() => parseIncidents(incidentsPayload([i])));
    expect(err.field).toBe(field);
    expect(err.message).toBe(`GET /incidents.json: ${field}: ${detail}`);
  });

  it('more than 1,000 items in a list', () => {
    const list = Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, n) => nthIncident(n));
    const err = rejection(() => parseIncidents(incidentsPayload(list)));
    expect(err.field).toBe('incidents');
    expect(err.message).toBe('GET /incidents.json: incidents: expected at most 1000 items, got 1001');
    expect(parseIncidents(incidentsPayload(list.slice(1)))).toHaveLength(MAX_LIST_ITEMS);
  });

  it('more than 1,000 updates on one incident', () => {
    const i = goodIncident();
    i.incident_updates = Array.from({ length: 1001 }, (_, n) => ({
      id: `u${n}`,
      status: 'investigating',
      body: '',
      created_at: '2026-04-02T10:00:00Z',
    }));
    expect(rejection(() => parseIncidents(incidentsPayload([i]))).field).toBe(
      'incidents[0].incident_updates',
    );
  });

  it.each<[string, unknown, string, string]>([
    ['an array body', [], '$', 'expected an object, got array'],
    ['a null body', null, '$', 'expected an object, got null'],
    ['a missing list', { page: {} }, 'incidents', 'required field is missing'],
    ['a list given as a string', { incidents: 'none' }, 'incidents', 'expected an array, got string'],
  ])('incidents.json with %s', (_what, body, field, detail) => {
    const err = rejection(() => parseIncidents(body));
    expect(err.field).toBe(field);
    expect(err.message).toBe(
      field === '$' ? `GET /incidents.json: ${detail}` : `GET /incidents.json: ${field}: ${detail}`,
    );
  });

  describe('maintenances', () => {
    const good = () =>
      maintenance({
        id: 'mr3j3ct00001',
        name: 'Storage migration',
        status: 'scheduled',
        createdAt: '2026-04-01T09:00:00.000Z',
        scheduledFor: '2026-04-05T09:00:00.000Z',
        scheduledUntil: '2026-04-05T10:00:00.000Z',
        updates: [
          { id: 'mu1', status: 'scheduled', body: 'Planned.', createdAt: '2026-04-01T09:00:00.100Z' },
        ],
      });

    it.each<[string, (m: JsonObject) => void, string, string]>([
      ['no scheduled_for', (m) => delete m.scheduled_for, 'scheduled_for', 'required field is missing'],
      [
        'a null scheduled_until',
        (m) => (m.scheduled_until = null),
        'scheduled_until',
        'expected an ISO-8601 timestamp',
      ],
      [
        'an unparseable scheduled_until',
        (m) => (m.scheduled_until = 'TBD'),
        'scheduled_until',
        'expected an ISO-8601 timestamp',
      ],
      [
        'an update with a bad display_at',
        (m) => ((m.incident_updates as JsonObject[])[0]!.display_at = 'soon'),
        'incident_updates[0].display_at',
        'expected an ISO-8601 timestamp',
      ],
    ])('%s', (_what, mutate, field, detail) => {
      const m = good();
      mutate(m);
      const err = rejection(() => parseMaintenances(maintenancesPayload([good(), m])));
      expect(err.field).toBe(`scheduled_maintenances[1].${field}`);
      expect(err.message).toBe(
        `GET /scheduled-maintenances.json: scheduled_maintenances[1].${field}: ${detail}`,
      );
    });
  });

  describe('summary', () => {
    const good = () => summary({ updatedAt: '2026-04-02T10:00:00.000Z', indicator: 'minor' });

    it.each<[string, (s: JsonObject) => void, string, string]>([
      ['no page', (s) => delete s.page, 'page', 'required field is missing'],
      [
        'no page.updated_at',
        (s) => delete (s.page as JsonObject).updated_at,
        'page.updated_at',
        'required field is missing',
      ],
      [
        'a bad page.updated_at',
        (s) => ((s.page as JsonObject).updated_at = '02/04/2026'),
        'page.updated_at',
        'expected an ISO-8601 timestamp',
      ],
      ['no status block', (s) => delete s.status, 'status', 'required field is missing'],
      [
        'no indicator',
        (s) => delete (s.status as JsonObject).indicator,
        'status.indicator',
        'required field is missing',
      ],
      ['components as an object', (s) => (s.components = {}), 'components', 'expected an array, got object'],
      [
        'a component without status',
        (s) => delete (s.components as JsonObject[])[4]!.status,
        'components[4].status',
        'required field is missing',
      ],
      [
        'a component with a numeric group_id',
        (s) => ((s.components as JsonObject[])[2]!.group_id = 5),
        'components[2].group_id',
        'expected a string, got number',
      ],
      [
        'a fractional position',
        (s) => ((s.components as JsonObject[])[1]!.position = 1.5),
        'components[1].position',
        'expected an integer, got number',
      ],
      ['incidents as an object', (s) => (s.incidents = {}), 'incidents', 'expected an array, got object'],
    ])('%s', (_what, mutate, field, detail) => {
      const s = good();
      mutate(s);
      const err = rejection(() => parseSummary(s));
      expect(err.field).toBe(field);
      expect(err.message).toBe(`GET /summary.json: ${field}: ${detail}`);
    });

    it('lets the caller name the endpoint', () => {
      const err = rejection(() => parseSummary({}, 'GET /api/v2/summary.json'));
      expect(err.endpoint).toBe('GET /api/v2/summary.json');
      expect(err.message).toBe('GET /api/v2/summary.json: page: required field is missing');
    });
  });
});

describe('duplicate ids are malformed input', () => {
  it('refuses a summary listing one component twice, naming both places', () => {
    const body = summary({ updatedAt: '2026-05-06T07:08:09Z', indicator: 'none' });
    const components = body.components as JsonObject[];
    components.push({ ...components[0]! });
    const err = rejection(() => parseSummary(body));
    expect(err.field).toBe(`components[${components.length - 1}].id`);
    expect(err.message).toMatch(
      new RegExp(
        `^GET /summary\\.json: components\\[\\d+\\]\\.id: duplicate component id "${String(components[0]!.id)}" \\(also at components\\[0\\]\\.id\\)$`,
      ),
    );
  });

  it('refuses a maintenance listed twice, and an update id shared by two maintenances', () => {
    const m = (id: string, updateId: string) =>
      maintenance({
        id,
        name: `Maintenance ${id}`,
        status: 'scheduled',
        scheduledFor: '2026-12-01T10:00:00Z',
        scheduledUntil: '2026-12-01T12:00:00Z',
        createdAt: '2026-11-30T10:00:00Z',
        updates: [{ id: updateId, status: 'scheduled', body: 'Planned.', createdAt: '2026-11-30T10:00:00Z' }],
      });
    expect(
      rejection(() => parseMaintenances(maintenancesPayload([m('m1', 'u1'), m('m1', 'u2')]))).message,
    ).toMatch(/scheduled_maintenances\[1\]\.id: duplicate maintenance id "m1"/);
    expect(
      rejection(() => parseMaintenances(maintenancesPayload([m('m1', 'u1'), m('m2', 'u1')]))).message,
    ).toMatch(/scheduled_maintenances\[1\]\.incident_updates: duplicate maintenance update id "u1"/);
  });

  it('accepts the same id in different lists (an incident and a maintenance are separate things)', () => {
    expect(
      parseIncidents(
        incidentsPayload([
          incident({
            id: 'x1',
            name: 'A',
            status: 'resolved',
            impact: 'minor',
            createdAt: '2026-11-20T10:00:00Z',
            updates: [],
          }),
        ]),
      ),
    ).toHaveLength(1);
  });
});
