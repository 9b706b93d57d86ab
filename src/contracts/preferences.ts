/**
 * What each server or DM user chose to hear (pure): which kinds of alerts (`/config alerts`), from
 * which incident impact on, and which role a server pings for what (`/config mention`). Stored in
 * `alert_preferences`; a recipient without a row, or a column at its default, hears everything and
 * pings nobody.
 */
import type { AlertContent } from './alert-content';
import { ALERT_STYLES, type AlertStyle, type AlertType, DEFAULT_ALERT_STYLE, type Recipient } from './alerts';

/** The kinds `/config alerts` switches on and off, each an option of the command. */
export const ALERT_KINDS = ['incidents', 'maintenances', 'status', 'metrics', 'reports'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Statuspage's incident impacts, least first: the choices of `min_impact`. */
export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

export const isImpact = (value: unknown): value is Impact =>
  typeof value === 'string' && (IMPACTS as readonly string[]).includes(value);

/** Which kind each alert type is (a test is none: it always goes out). */
export function alertKind(type: AlertType): AlertKind | null {
  switch (type) {
    case 'incident':
    case 'incident_update':
    case 'incident_resolved':
      return 'incidents';
    case 'maintenance':
    case 'maintenance_started':
    case 'maintenance_completed':
    case 'maintenance_reminder':
      return 'maintenances';
    case 'status':
      return 'status';
    case 'metric':
    case 'metric_recovered':
      return 'metrics';
    case 'threshold':
      return 'reports';
    case 'test':
      return null;
  }
}

/** An impact's rank (none 0 … critical 3); anything else VRChat may write (e.g. `maintenance`) ranks as none. */
export function impactRank(impact: string): number {
  const rank = IMPACTS.indexOf(impact.trim().toLowerCase() as Impact);
  return rank < 0 ? 0 : rank;
}

export interface AlertFilter {
  /** Kinds switched off (absent: on). */
  off: AlertKind[];
  /** Incidents below this impact are not sent (their updates and resolution neither). */
  minImpact: Impact;
}

export const DEFAULT_ALERT_FILTER: AlertFilter = { off: [], minImpact: 'none' };

/**
 * Whether a recipient with `filter` (none: the default) gets `content`. `heardOfIncident`: the
 * recipient already got this incident, so its updates and resolution keep coming even if VRChat has
 * since lowered its impact below the recipient's minimum (the incident's message never goes stale).
 */
export function passesFilter(
  filter: AlertFilter | undefined,
  content: AlertContent,
  heardOfIncident = false,
): boolean {
  const kind = alertKind(content.type);
  if (!filter || kind === null) return true;
  if (filter.off.includes(kind)) return false;
  if (kind !== 'incidents' || !('impact' in content)) return true;
  if (heardOfIncident && content.type !== 'incident') return true;
  return impactRank(content.impact) >= impactRank(filter.minImpact);
}

/** The role a server pings (`/config mention`), and for what. */
export interface RoleMention {
  roleId: string;
  /** New incidents of at least this impact ping the role. */
  minImpact: Impact;
  /** Whether a maintenance starting pings it too. */
  maintenance: boolean;
}

export const DEFAULT_MENTION_MIN_IMPACT: Impact = 'major';

/**
 * The role to ping with `content`, if any: a new incident of at least the chosen impact, and a
 * maintenance starting when the server asked for that. Updates and resolutions never ping (they
 * arrive as replies under a message that did).
 */
export function mentionedRole(mention: RoleMention | undefined, content: AlertContent): string | null {
  if (!mention) return null;
  if (content.type === 'incident' && impactRank(content.impact) >= impactRank(mention.minImpact))
    return mention.roleId;
  if (content.type === 'maintenance_started' && mention.maintenance) return mention.roleId;
  return null;
}

/** An `alert_preferences` row, as far as a recipient's choices go. */
export interface PreferenceRow {
  style: string;
  incidents: boolean;
  maintenances: boolean;
  status: boolean;
  metrics: boolean;
  reports: boolean;
  minImpact: string;
  mentionRoleId?: string | null;
  mentionMinImpact: string;
  mentionMaintenance: boolean;
}

/** A preferences row as the fields of a Recipient: only what differs from the defaults. */
export function preferencesOf(row: PreferenceRow): Pick<Recipient, 'style' | 'filter' | 'mention'> {
  const off = ALERT_KINDS.filter((kind) => !row[kind]);
  const minImpact = isImpact(row.minImpact) ? row.minImpact : DEFAULT_ALERT_FILTER.minImpact;
  const mentionMinImpact = isImpact(row.mentionMinImpact) ? row.mentionMinImpact : DEFAULT_MENTION_MIN_IMPACT;
  return {
    ...((ALERT_STYLES as readonly string[]).includes(row.style) && row.style !== DEFAULT_ALERT_STYLE
      ? { style: row.style as AlertStyle }
      : {}),
    ...(off.length > 0 || minImpact !== DEFAULT_ALERT_FILTER.minImpact ? { filter: { off, minImpact } } : {}),
    ...(row.mentionRoleId
      ? {
          mention: {
            roleId: row.mentionRoleId,
            minImpact: mentionMinImpact,
            maintenance: row.mentionMaintenance,
          },
        }
      : {}),
  };
}
