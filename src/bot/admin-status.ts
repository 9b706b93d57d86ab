/**
 * What `/admin show` tells the bot's owners about the running service: version and uptime, the
 * registrations, each poll loop's last success and failure (their `state` query), the alert
 * fan-outs running (Temporal's visibility) and the sends whose outcome is still unknown.
 */
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/sqlite';
import { ALERT_FANOUT_WORKFLOW_TYPE } from '../contracts/alerts';
import { POLL_SOURCES, type PollSource } from '../contracts/polling';
import { GuildConfig, PendingSend, UserConfig } from '../db/entities';
import { queryPollLoopStates } from '../polling/client';
import { VRCPULSE_VERSION } from '../version';

/** The answers must not keep the owner waiting on a worker that is down. */
const QUERY_TIMEOUT_MS = 1500;
/** Fan-outs counted at most (beyond it the count says "at least"). */
const MAX_LISTED_FANOUTS = 1000;

export interface LoopHealth {
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

export interface AdminStatus {
  version: string;
  /** When this bot process started (ISO). */
  startedAt: string;
  servers: { enabled: number; disabled: number };
  users: { enabled: number; disabled: number };
  /** Per poll loop, or why it could not be asked (no worker answered). */
  loops: Record<PollSource, LoopHealth | { unavailable: string }>;
  /** Alert fan-outs running, and since when the oldest (current run) runs; or why unknown. */
  fanouts: { running: number; capped: boolean; oldestSince: string | null } | { unavailable: string };
  /** Sends whose answer was lost, still to be settled by a retry; the oldest since when. */
  unknownOutcomes: { count: number; oldestSince: string | null };
}

export async function readAdminStatus(deps: {
  orm: MikroORM;
  client: Client;
  startedAtMs: number;
}): Promise<AdminStatus> {
  const em = deps.orm.em.fork();
  const [guildsOn, guildsOff, usersOn, usersOff, pending, [oldestPending]] = await Promise.all([
    em.count(GuildConfig, { enabled: true }),
    em.count(GuildConfig, { enabled: false }),
    em.count(UserConfig, { enabled: true }),
    em.count(UserConfig, { enabled: false }),
    em.count(PendingSend, {}),
    em.find(PendingSend, {}, { orderBy: { firstAttemptAt: 'asc' }, fields: ['firstAttemptAt'], limit: 1 }),
  ]);
  const [states, fanouts] = await Promise.all([
    queryPollLoopStates(deps.client, QUERY_TIMEOUT_MS),
    runningFanouts(deps.client),
  ]);
  const loops = Object.fromEntries(
    POLL_SOURCES.map((source) => {
      const state = states[source];
      return [
        source,
        state instanceof Error
          ? { unavailable: state.message }
          : {
              lastSuccessAt: state.lastSuccessAt,
              lastFailureAt: state.lastError?.at ?? null,
              lastError: state.lastError ? `${state.lastError.type}: ${state.lastError.message}` : null,
            },
      ];
    }),
  ) as AdminStatus['loops'];
  return {
    version: VRCPULSE_VERSION,
    startedAt: new Date(deps.startedAtMs).toISOString(),
    servers: { enabled: guildsOn, disabled: guildsOff },
    users: { enabled: usersOn, disabled: usersOff },
    loops,
    fanouts,
    unknownOutcomes: { count: pending, oldestSince: oldestPending?.firstAttemptAt.toISOString() ?? null },
  };
}

async function runningFanouts(client: Client): Promise<AdminStatus['fanouts']> {
  try {
    let running = 0;
    let oldest: Date | null = null;
    const query = `WorkflowType = '${ALERT_FANOUT_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`;
    for await (const execution of client.workflow.list({ query, pageSize: 200 })) {
      running++;
      if (!oldest || execution.startTime < oldest) oldest = execution.startTime;
      if (running >= MAX_LISTED_FANOUTS) break;
    }
    return { running, capped: running >= MAX_LISTED_FANOUTS, oldestSince: oldest?.toISOString() ?? null };
  } catch (err) {
    return { unavailable: err instanceof Error ? err.message : String(err) };
  }
}
