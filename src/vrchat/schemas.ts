/**
 * zod schemas for the Statuspage v2 endpoints VRCPulse reads, and the functions that turn a decoded
 * body into the normalized types of ./types.
 *
 * Policy (see the reference notes on real payloads): validate what we read, ignore the rest. Unknown
 * keys are dropped, optional fields may be missing or null (old payloads lack `started_at`,
 * `group`, `position`...), enum-like values are any short string (Statuspage keeps adding values such
 * as `maintenance` or `under_maintenance`). Rejected: missing or non-string ids and statuses,
 * unparseable timestamps we use, wrong container types, and absurd sizes (ids over 64 characters,
 * lists over 1,000 items: the API returns at most 50), since a collector must not store those.
 */
import { z } from 'zod';
import { MalformedPayloadError } from './errors';
import type {
  ComponentSnapshot,
  IncidentRecord,
  IncidentUpdateRecord,
  MaintenanceRecord,
  StatusSnapshot,
} from './types';

export const MAX_ID_LENGTH = 64;
export const MAX_LIST_ITEMS = 1000;
/** Enum-like tokens (status, indicator, impact) are short words; anything longer is not one. */
const MAX_TOKEN_LENGTH = 64;

const ENDPOINTS = {
  summary: 'GET /summary.json',
  incidents: 'GET /incidents.json',
  maintenances: 'GET /scheduled-maintenances.json',
} as const;

// ---------------------------------------------------------------------------------------------------
// Timestamps

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an RFC 3339 / ISO-8601 date-time with an explicit zone (`Z` or `±hh:mm`), with or without
 * fractional seconds, into the instant it names. Returns null for anything else: a missing zone (the
 * instant would be ambiguous), date-only text, or impossible fields (Feb 30, hour 24, offset 25:00),
 * which `Date.parse` would silently roll over.
 */
export function parseIsoTimestamp(text: string): Date | null {
  const m = ISO_TIMESTAMP.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0-99 literal, Date.UTC doesn't
  local.setUTCHours(hour, minute, second, millis);
  return new Date(local.getTime() - offsetMinutes * 60_000);
}

const timestamp = () =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined ? 'required field is missing' : 'expected an ISO-8601 timestamp',
    })
    .transform((text, ctx) => {
      const date = parseIsoTimestamp(text);
      if (date) return date;
      ctx.addIssue({ code: 'custom', message: 'expected an ISO-8601 timestamp', input: text });
      return z.NEVER;
    });

// ---------------------------------------------------------------------------------------------------
// Building blocks

const id = () => z.string().min(1).max(MAX_ID_LENGTH);
const token = () => z.string().min(1).max(MAX_TOKEN_LENGTH);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST_ITEMS);

const pageSchema = z.object({ updated_at: timestamp() });

const statusBlockSchema = z.object({ indicator: token(), description: z.string().nullish() });

export const componentSchema = z
  .object({
    id: id(),
    name: z.string(),
    status: token(),
    group_id: id().nullish(),
    group: z.boolean().nullish(),
    position: z.number().int().nullish(),
    /** Child ids, on groups only. Read only to tell a group when `group` itself is missing. */
    components: list(z.unknown()).nullish(),
  })
  .transform((c): ComponentSnapshot => ({
    id: c.id,
    name: c.name,
    status: c.status,
    groupId: c.group_id ?? null,
    isGroup: c.group ?? Array.isArray(c.components),
    position: c.position ?? null,
  }));

/** Oldest first by creation; ties keep the reverse of payload order, since the API lists newest first. */
function sortUpdates(updates: readonly IncidentUpdateRecord[]): IncidentUpdateRecord[] {
  return updates
    .map((update, index) => ({ update, index }))
    .sort((a, b) => a.update.createdAt.getTime() - b.update.createdAt.getTime() || b.index - a.index)
    .map(({ update }) => update);
}

export const incidentUpdateSchema = z
  .object({
    id: id(),
    status: token(),
    body: z.string().nullish(),
    created_at: timestamp(),
    display_at: timestamp().nullish(),
  })
  .transform((u): IncidentUpdateRecord => ({
    id: u.id,
    status: u.status,
    body: u.body ?? '',
    createdAt: u.created_at,
    displayAt: u.display_at ?? u.created_at,
  }));

const incidentFields = {
  id: id(),
  name: z.string(),
  status: token(),
  impact: token().nullish(),
  created_at: timestamp(),
  resolved_at: timestamp().nullish(),
  incident_updates: list(incidentUpdateSchema).nullish(),
};

export const incidentSchema = z
  .object({ ...incidentFields, started_at: timestamp().nullish() })
  .transform((i): IncidentRecord => ({
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact ?? 'none',
    createdAt: i.created_at,
    startedAt: i.started_at ?? i.created_at,
    resolvedAt: i.resolved_at ?? null,
    updates: sortUpdates(i.incident_updates ?? []),
  }));

export const maintenanceSchema = z
  .object({ ...incidentFields, scheduled_for: timestamp(), scheduled_until: timestamp() })
  .transform((m): MaintenanceRecord => ({
    id: m.id,
    name: m.name,
    status: m.status,
    impact: m.impact ?? 'maintenance',
    createdAt: m.created_at,
    scheduledFor: m.scheduled_for,
    scheduledUntil: m.scheduled_until,
    resolvedAt: m.resolved_at ?? null,
    updates: sortUpdates(m.incident_updates ?? []),
  }));

// ---------------------------------------------------------------------------------------------------
// Duplicate ids

/** Where an id sits in the payload, for the error message. */
interface IdAt {
  id: string;
  path: (string | number)[];
}

/**
 * Refuses a payload in which an id repeats: every id is a primary key downstream, so a repeat would
 * fail the cycle's transaction with a generic error, retried in vain until the payload changed.
 * The error names the id and where it repeats, like any other malformed field. Zod runs refinements
 * on payloads with other problems too, so the walk tolerates any shape (those problems are reported
 * on their own).
 */
const uniqueIds =
  (kind: string, idsOf: (value: unknown) => IdAt[]) => (value: unknown, ctx: z.RefinementCtx) => {
    const seen = new Map<string, IdAt>();
    for (const at of idsOf(value)) {
      const first = seen.get(at.id);
      if (first) {
        ctx.addIssue({
          code: 'custom',
          path: at.path,
          message: `duplicate ${kind} id "${at.id}" (also at ${formatPath(first.path)})`,
        });
        return;
      }
      seen.set(at.id, at);
    }
  };

/** The items of `value[key]` that carry a string id, with their index. */
function itemsWithIds(
  value: unknown,
  key: string,
): { item: Record<string, unknown>; id: string; index: number }[] {
  const list = (value as Record<string, unknown> | null | undefined)?.[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown, index) =>
    item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
      ? [{ item: item as Record<string, unknown>, id: (item as { id: string }).id, index }]
      : [],
  );
}

const uniqueItems = (key: string, kind: string) =>
  uniqueIds(kind, (value) =>
    itemsWithIds(value, key).map(({ id, index }) => ({ id, path: [key, index, 'id'] })),
  );

/** Update ids are unique across all the incidents (or maintenances) of a payload. */
const uniqueUpdates = (key: string, kind: string) =>
  uniqueIds(`${kind} update`, (value) =>
    itemsWithIds(value, key).flatMap(({ item, index }) =>
      itemsWithIds(item, 'updates').map(({ id }) => ({ id, path: [key, index, 'incident_updates'] })),
    ),
  );

// ---------------------------------------------------------------------------------------------------
// Endpoint payloads

/** `/summary.json`. Its `incidents` and `scheduled_maintenances` are checked as lists only: the
 * incident and maintenance loops read them from their own endpoints. */
export const summaryPayloadSchema = z
  .object({
    page: pageSchema,
    status: statusBlockSchema,
    components: list(componentSchema),
    incidents: list(z.unknown()).nullish(),
    scheduled_maintenances: list(z.unknown()).nullish(),
  })
  .superRefine(uniqueItems('components', 'component'))
  .transform((s): StatusSnapshot => ({
    pageUpdatedAt: s.page.updated_at,
    indicator: s.status.indicator,
    description: s.status.description ?? '',
    components: s.components,
  }));

/** `/incidents.json` and `/incidents/unresolved.json`. */
export const incidentsPayloadSchema = z
  .object({ incidents: list(incidentSchema) })
  .superRefine(uniqueItems('incidents', 'incident'))
  .superRefine(uniqueUpdates('incidents', 'incident'))
  .transform((p) => p.incidents);

/** `/scheduled-maintenances.json` and its `upcoming` / `active` subsets. */
export const maintenancesPayloadSchema = z
  .object({ scheduled_maintenances: list(maintenanceSchema) })
  .superRefine(uniqueItems('scheduled_maintenances', 'maintenance'))
  .superRefine(uniqueUpdates('scheduled_maintenances', 'maintenance'))
  .transform((p) => p.scheduled_maintenances);

// ---------------------------------------------------------------------------------------------------
// Parsing with readable errors

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
};

/** Our wording for zod's issues (the schema-level messages of `timestamp()` take precedence). */
function issueMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'required field is missing';
      return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${describe(iss.input)}`;
    case 'too_big':
      if (iss.origin === 'array') {
        const count = Array.isArray(iss.input) ? `, got ${iss.input.length}` : '';
        return `expected at most ${String(iss.maximum)} items${count}`;
      }
      if (iss.origin === 'string') {
        const length = typeof iss.input === 'string' ? `, got ${iss.input.length}` : '';
        return `expected at most ${String(iss.maximum)} characters${length}`;
      }
      return undefined;
    case 'too_small':
      if (iss.origin === 'string') return 'expected a non-empty string';
      return undefined;
    default:
      return undefined;
  }
}

/** `['incidents', 3, 'incident_updates', 0, 'created_at']` -> `incidents[3].incident_updates[0].created_at`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '$' : out;
}

/**
 * Validates `body` (already JSON-decoded) against `schema`; on failure throws MalformedPayloadError
 * naming the first offending field. Size violations are reported before anything else they contain.
 */
export function parsePayload<T>(schema: z.ZodType<T>, body: unknown, endpoint: string): T {
  const result = schema.safeParse(body, { error: issueMessage });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = issues.find((i) => i.code === 'too_big') ?? issues[0];
  if (!first) throw new MalformedPayloadError(endpoint, '$', 'payload failed validation');
  throw new MalformedPayloadError(endpoint, formatPath(first.path), first.message, { cause: result.error });
}

export const parseSummary = (body: unknown, endpoint: string = ENDPOINTS.summary): StatusSnapshot =>
  parsePayload(summaryPayloadSchema, body, endpoint);

export const parseIncidents = (body: unknown, endpoint: string = ENDPOINTS.incidents): IncidentRecord[] =>
  parsePayload(incidentsPayloadSchema, body, endpoint);

export const parseMaintenances = (
  body: unknown,
  endpoint: string = ENDPOINTS.maintenances,
): MaintenanceRecord[] => parsePayload(maintenancesPayloadSchema, body, endpoint);
