/**
 * Builders for Statuspage v2 JSON shaped like the real API (snake_case, the full modern field set,
 * updates newest first), so tests can script scenarios in a few lines. Timestamps are taken as ISO
 * strings and emitted exactly as given, so a test can use offset forms (`…-08:00`) or no-ms `Z` forms.
 *
 * All ids and names here are invented for VRCPulse's tests; only the two group names follow the real
 * VRChat page, because the product code looks for them.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const PAGE_ID = 'vp7q2m4kx9za';
const PAGE_CREATED_AT = '2024-03-11T08:15:42.318Z';

export const DEFAULT_DESCRIPTIONS: Record<string, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
  maintenance: 'Service Under Maintenance',
};

const ms = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`builder got an unparseable timestamp: ${iso}`);
  return t;
};

// ---------------------------------------------------------------------------------------------------
// page

export function page(updatedAt: string, overrides: Partial<Record<string, Json>> = {}): JsonObject {
  return {
    id: PAGE_ID,
    name: 'VRChat',
    url: 'https://status.vrchat.com',
    time_zone: 'Etc/UTC',
    updated_at: updatedAt,
    ...(overrides as JsonObject),
  };
}

// ---------------------------------------------------------------------------------------------------
// components

export interface ComponentSpec {
  id: string;
  name: string;
  status?: string;
  position: number;
  groupId?: string | null;
  /** Child ids; makes this a group. */
  children?: string[];
  description?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export function component(spec: ComponentSpec): JsonObject {
  const isGroup = spec.children !== undefined;
  const json: JsonObject = {
    id: spec.id,
    name: spec.name,
    status: spec.status ?? 'operational',
    created_at: spec.createdAt ?? PAGE_CREATED_AT,
    updated_at: spec.updatedAt ?? spec.createdAt ?? PAGE_CREATED_AT,
    position: spec.position,
    description: spec.description ?? null,
    showcase: false,
    start_date: isGroup ? null : '1970-01-01',
    group_id: spec.groupId ?? null,
    page_id: PAGE_ID,
    group: isGroup,
    only_show_if_degraded: false,
  };
  if (spec.children) json.components = spec.children;
  return json;
}

/** Ids of the default component tree, for tests that change one component's status. */
export const COMPONENT_IDS = {
  apiGroup: 'g0api8wq3n5t',
  login: 'c1lgn4r7vk2e',
  social: 'c2soc9t1mz6q',
  uploads: 'c3upl2x8hd4w',
  playerState: 'c4pst6y3jb9r',
  networkGroup: 'g1net5h2pc7v',
  saoPaulo: 'c5sao3k9wf1m',
  chicago: 'c6chi7n2qx4d',
  frankfurt: 'c7fra1p6tz8j',
  singapore: 'c8sgp4e5rl3h',
} as const;

export type ComponentKey = keyof typeof COMPONENT_IDS;

/**
 * A VRChat-like tree: two groups ("API / Website", "Realtime Networking") with four children each,
 * ordered by position the way Statuspage sends it, so groups and children of both groups are
 * interleaved (a child of the second group comes before that group). One name is non-ASCII.
 */
export function vrchatComponents(statuses: Partial<Record<ComponentKey, string>> = {}): JsonObject[] {
  const c = COMPONENT_IDS;
  const st = (key: ComponentKey) => statuses[key] ?? 'operational';
  const api = (key: ComponentKey, name: string, position: number, description: string | null = null) =>
    component({ id: c[key], name, status: st(key), position, groupId: c.apiGroup, description });
  const net = (key: ComponentKey, name: string, position: number) =>
    component({ id: c[key], name, status: st(key), position, groupId: c.networkGroup });
  return [
    component({
      id: c.apiGroup,
      name: 'API / Website',
      status: st('apiGroup'),
      position: 1,
      children: [c.login, c.social, c.uploads, c.playerState],
    }),
    api('login', 'Login & Accounts', 1),
    net('saoPaulo', 'Brazil (São Paulo)', 1),
    api('social', 'Friends & Invites', 2),
    component({
      id: c.networkGroup,
      name: 'Realtime Networking',
      status: st('networkGroup'),
      position: 2,
      children: [c.saoPaulo, c.chicago, c.frankfurt, c.singapore],
    }),
    net('chicago', 'USA, Central (Chicago)', 2),
    api('uploads', 'Content Uploads', 3),
    net('frankfurt', 'Europe (Frankfurt)', 3),
    api('playerState', 'Player State Sync', 4, 'Avatar changes, presence, instance joins'),
    net('singapore', 'Asia (Singapore)', 4),
  ];
}

// ---------------------------------------------------------------------------------------------------
// summary

export interface SummarySpec {
  updatedAt: string;
  indicator: string;
  description?: string;
  components?: JsonObject[];
  incidents?: JsonObject[];
  maintenances?: JsonObject[];
}

export function summary(spec: SummarySpec): JsonObject {
  return {
    page: page(spec.updatedAt),
    components: spec.components ?? vrchatComponents(),
    incidents: spec.incidents ?? [],
    scheduled_maintenances: spec.maintenances ?? [],
    status: {
      indicator: spec.indicator,
      description: spec.description ?? DEFAULT_DESCRIPTIONS[spec.indicator] ?? 'Status Unknown',
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// incidents and maintenances

export interface AffectedComponentSpec {
  code: string;
  name: string;
  oldStatus: string;
  newStatus: string;
}

export interface UpdateSpec {
  id: string;
  status: string;
  body: string;
  createdAt: string;
  displayAt?: string;
  updatedAt?: string;
  affectedComponents?: AffectedComponentSpec[] | null;
  deliverNotifications?: boolean;
}

function update(incidentId: string, spec: UpdateSpec): JsonObject {
  return {
    id: spec.id,
    status: spec.status,
    body: spec.body,
    incident_id: incidentId,
    created_at: spec.createdAt,
    updated_at: spec.updatedAt ?? spec.createdAt,
    display_at: spec.displayAt ?? spec.createdAt,
    affected_components:
      spec.affectedComponents?.map((a) => ({
        code: a.code,
        name: a.name,
        old_status: a.oldStatus,
        new_status: a.newStatus,
      })) ?? null,
    deliver_notifications: spec.deliverNotifications ?? true,
    custom_tweet: null,
    tweet_id: null,
  };
}

/** Newest first, like the API. */
function updatesNewestFirst(incidentId: string, updates: UpdateSpec[]): JsonObject[] {
  return [...updates].sort((a, b) => ms(b.createdAt) - ms(a.createdAt)).map((u) => update(incidentId, u));
}

function latest(timestamps: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const t of timestamps) if (t && (best === null || ms(t) > ms(best))) best = t;
  return best;
}

function firstWithStatus(updates: UpdateSpec[], status: string): string | null {
  const hits = updates.filter((u) => u.status === status).sort((a, b) => ms(a.createdAt) - ms(b.createdAt));
  return hits[0]?.createdAt ?? null;
}

export interface IncidentSpec {
  id: string;
  name: string;
  status: string;
  impact: string;
  createdAt: string;
  updates: UpdateSpec[];
  /** Default: the first `resolved` update for resolved/postmortem incidents, else null. */
  resolvedAt?: string | null;
  /** Default: `createdAt`. */
  startedAt?: string;
  updatedAt?: string;
  /** Component snapshots attached to the incident (default none). */
  components?: JsonObject[];
}

export function incident(spec: IncidentSpec): JsonObject {
  const closed = spec.status === 'resolved' || spec.status === 'postmortem';
  const resolvedAt =
    spec.resolvedAt !== undefined
      ? spec.resolvedAt
      : closed
        ? firstWithStatus(spec.updates, 'resolved')
        : null;
  return {
    id: spec.id,
    name: spec.name,
    status: spec.status,
    created_at: spec.createdAt,
    updated_at:
      spec.updatedAt ?? latest([spec.createdAt, resolvedAt, ...spec.updates.map((u) => u.createdAt)]),
    monitoring_at: firstWithStatus(spec.updates, 'monitoring'),
    resolved_at: resolvedAt,
    impact: spec.impact,
    shortlink: `https://stspg.io/${spec.id.slice(0, 7)}x`,
    started_at: spec.startedAt ?? spec.createdAt,
    page_id: PAGE_ID,
    incident_updates: updatesNewestFirst(spec.id, spec.updates),
    components: spec.components ?? [],
  };
}

export function incidentsPayload(incidents: JsonObject[], pageUpdatedAt?: string): JsonObject {
  const updatedAt =
    pageUpdatedAt ??
    latest(incidents.map((i) => (typeof i.updated_at === 'string' ? i.updated_at : null))) ??
    PAGE_CREATED_AT;
  return { page: page(updatedAt), incidents };
}

export interface MaintenanceSpec {
  id: string;
  name: string;
  status: string;
  scheduledFor: string;
  scheduledUntil: string;
  createdAt: string;
  updates: UpdateSpec[];
  /** Default `maintenance`. */
  impact?: string;
  /** Default: the first `completed` update when completed, else null. */
  resolvedAt?: string | null;
  /** Default `createdAt` (Statuspage sets it at creation, not when the work starts). */
  startedAt?: string;
  updatedAt?: string;
  components?: JsonObject[];
}

export function maintenance(spec: MaintenanceSpec): JsonObject {
  const resolvedAt =
    spec.resolvedAt !== undefined
      ? spec.resolvedAt
      : spec.status === 'completed'
        ? firstWithStatus(spec.updates, 'completed')
        : null;
  return {
    id: spec.id,
    name: spec.name,
    status: spec.status,
    created_at: spec.createdAt,
    updated_at:
      spec.updatedAt ?? latest([spec.createdAt, resolvedAt, ...spec.updates.map((u) => u.createdAt)]),
    monitoring_at: firstWithStatus(spec.updates, 'verifying'),
    resolved_at: resolvedAt,
    impact: spec.impact ?? 'maintenance',
    shortlink: `https://stspg.io/${spec.id.slice(0, 7)}m`,
    started_at: spec.startedAt ?? spec.createdAt,
    page_id: PAGE_ID,
    incident_updates: updatesNewestFirst(spec.id, spec.updates),
    components: spec.components ?? [],
    scheduled_for: spec.scheduledFor,
    scheduled_until: spec.scheduledUntil,
  };
}

export function maintenancesPayload(list: JsonObject[], pageUpdatedAt?: string): JsonObject {
  const updatedAt =
    pageUpdatedAt ??
    latest(list.map((m) => (typeof m.updated_at === 'string' ? m.updated_at : null))) ??
    PAGE_CREATED_AT;
  return { page: page(updatedAt), scheduled_maintenances: list };
}

// ---------------------------------------------------------------------------------------------------
// CloudFront metric feeds

/** `[[start, v0], [start + step, v1], …]`, oldest first like the real feeds. */
export function metricFeed(startUnixSeconds: number, values: number[], stepSeconds = 60): [number, number][] {
  return values.map((value, i) => [startUnixSeconds + i * stepSeconds, value]);
}
