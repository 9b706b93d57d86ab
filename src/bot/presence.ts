/**
 * The bot's presence shows VRChat's state at a glance in every member list: "Watching All Systems
 * Operational", or the open incident ("Watching Incident: Login failures"). The bot reads the
 * database the worker fills and sets the presence when what it should say changes.
 */
import { ActivityType, type Client, Events } from 'discord.js';
import type { MikroORM } from '@mikro-orm/sqlite';
import { isResolvedIncidentStatus, RESOLVED_INCIDENT_STATUSES } from '../contracts/alert-content';
import { impactRank } from '../contracts/preferences';
import { Incident, StatusLog } from '../db/entities';
import type { Logger } from '../logger';

/** How often the bot looks whether its presence should change. */
export const PRESENCE_REFRESH_MS = 30_000;
/** Discord's limit for an activity's name. */
const NAME_MAX = 128;

export interface PresenceFacts {
  /** Statuspage's wording of the overall status ("All Systems Operational"); null before any poll. */
  statusDescription: string | null;
  /** Incidents still open, newest first. */
  openIncidents: { title: string; impact: string }[];
}

/** What the presence says (pure): the most severe open incident, else the overall status. */
export function presenceName(facts: PresenceFacts): string {
  const [worst] = [...facts.openIncidents].sort((a, b) => impactRank(b.impact) - impactRank(a.impact));
  const name = worst
    ? `Incident: ${worst.title.replace(/\s+/g, ' ').trim()}`
    : (facts.statusDescription ?? 'VRChat status');
  return name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name;
}

export async function readPresenceFacts(orm: MikroORM): Promise<PresenceFacts> {
  const em = orm.em.fork();
  const [latest] = await em.find(StatusLog, {}, { orderBy: { sourceTimestamp: 'desc' }, limit: 1 });
  const open = await em.find(
    Incident,
    { status: { $nin: [...RESOLVED_INCIDENT_STATUSES] }, resolvedAt: null },
    { orderBy: { createdAt: 'desc' }, limit: 20, fields: ['title', 'impact', 'status'] },
  );
  return {
    statusDescription: latest?.description ?? null,
    openIncidents: open
      .filter((incident) => !isResolvedIncidentStatus(incident.status))
      .map((incident) => ({ title: incident.title, impact: incident.impact })),
  };
}

/** Keeps the presence current until `stop()`; a failed read or update is logged and tried again. */
export function keepPresence(
  client: Client<true>,
  orm: MikroORM,
  logger: Logger,
  refreshMs = PRESENCE_REFRESH_MS,
): { stop(): void } {
  let shown: string | null = null;
  const refresh = async () => {
    try {
      const name = presenceName(await readPresenceFacts(orm));
      if (name === shown) return;
      client.user.setPresence({ status: 'online', activities: [{ name, type: ActivityType.Watching }] });
      shown = name;
      logger.info({ presence: name }, 'presence updated');
    } catch (err) {
      logger.warn({ err }, 'could not update the presence');
    }
  };
  // a new gateway session starts without a presence: set it again
  const resend = () => {
    shown = null;
    void refresh();
  };
  client.on(Events.ShardReady, resend);
  client.on(Events.ShardResume, resend);
  void refresh();
  const timer = setInterval(() => void refresh(), refreshMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      client.off(Events.ShardReady, resend);
      client.off(Events.ShardResume, resend);
    },
  };
}
