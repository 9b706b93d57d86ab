/**
 * One activity per source and cycle: fetch, validate, persist in one transaction, return the
 * cycle's alertable facts. Source failures become Temporal failures whose type says whether the
 * cycle should retry (SourceUnavailable) or give up at once (MalformedPayload, SourceRejected).
 */
import { ApplicationFailure } from '@temporalio/activity';
import { persistIncidents } from './persist-incidents';
import { persistMaintenances } from './persist-maintenances';
import { type FetchedFeed, persistMetrics } from './persist-metrics';
import { readMetricFacts } from './read-metric-facts';
import { persistStatus } from './persist-status';
import { readUpcomingMaintenances } from '../reminders/upcoming';
import { alertSettings } from '../contracts/alert-settings';
import { readBotConfig } from '../db/settings';
import type { CycleResult } from '../contracts/polling';
import { METRIC_FEEDS, MalformedPayloadError, SourceRejectedError, VrchatSourceError } from '../vrchat/index';
import type { ActivityDeps } from '../activities/deps';
import { withHeartbeat } from '../temporal/heartbeat';

export const FAILURE_TYPES = {
  unavailable: 'SourceUnavailable',
  malformed: 'MalformedPayload',
  rejected: 'SourceRejected',
} as const;

export function toActivityFailure(err: unknown): unknown {
  if (!(err instanceof VrchatSourceError)) return err;
  if (err instanceof MalformedPayloadError)
    return ApplicationFailure.nonRetryable(err.message, FAILURE_TYPES.malformed);
  if (err instanceof SourceRejectedError)
    return ApplicationFailure.nonRetryable(err.message, FAILURE_TYPES.rejected);
  return ApplicationFailure.retryable(err.message, FAILURE_TYPES.unavailable);
}

async function fetchOrFail<T>(fetch: () => Promise<T>): Promise<T> {
  try {
    return await fetch();
  } catch (err) {
    throw toActivityFailure(err);
  }
}

/** The collect activities: each cycle heartbeats while it runs (see withHeartbeat). */
export function createCollectActivities(deps: Pick<ActivityDeps, 'orm' | 'vrchat' | 'logger'>) {
  const collectors = createCollectors(deps);
  return {
    collectStatus: (): Promise<CycleResult> => withHeartbeat(collectors.collectStatus),
    collectIncidents: (): Promise<CycleResult> => withHeartbeat(collectors.collectIncidents),
    collectMaintenances: (): Promise<CycleResult> => withHeartbeat(collectors.collectMaintenances),
    collectMetrics: (): Promise<CycleResult> => withHeartbeat(collectors.collectMetrics),
  };
}

/**
 * One cycle per source, outside any activity context. `clock` is the cycle's time: what the rows
 * are stamped with and what "recent" is measured from (timeline tests run it on simulated time).
 */
export function createCollectors({
  orm,
  vrchat,
  logger,
  clock = () => new Date(),
}: Pick<ActivityDeps, 'orm' | 'vrchat' | 'logger'> & { clock?: () => Date }) {
  const log = logger.child({ component: 'collect' });

  return { collectStatus, collectIncidents, collectMaintenances, collectMetrics };

  async function collectStatus(): Promise<CycleResult> {
    const snapshot = await fetchOrFail(() => vrchat.fetchSummary());
    const now = clock();
    const outcome = await orm.em.fork().transactional((em) => persistStatus(em, snapshot, now));
    return { ...outcome, warnings: [] };
  }

  async function collectIncidents(): Promise<CycleResult> {
    const incidents = await fetchOrFail(() => vrchat.fetchIncidents());
    const now = clock();
    const outcome = await orm.em.fork().transactional((em) => persistIncidents(em, incidents, now));
    return { ...outcome, warnings: [] };
  }

  async function collectMaintenances(): Promise<CycleResult> {
    const maintenances = await fetchOrFail(() => vrchat.fetchMaintenances());
    const now = clock();
    return orm.em.fork().transactional(async (em) => ({
      ...(await persistMaintenances(em, maintenances, now)),
      warnings: [],
      upcomingMaintenances: await readUpcomingMaintenances(em, now),
    }));
  }

  /**
   * The eight feeds are fetched concurrently and fail independently: the ones that answered are
   * stored, the others are reported as warnings and simply caught up next cycle (each feed holds
   * 24 h). Only when every feed fails does the cycle fail, retryable if any failure was.
   */
  async function collectMetrics(): Promise<CycleResult> {
    const settled = await Promise.allSettled(
      METRIC_FEEDS.map(async ({ name }) => ({ name, ...(await vrchat.fetchMetricFeed(name)) })),
    );
    const fetched: FetchedFeed[] = [];
    const warnings: string[] = [];
    const errors: unknown[] = [];
    for (const result of settled) {
      if (result.status === 'fulfilled') {
        fetched.push(result.value);
        if (result.value.skipped > 0) {
          warnings.push(`${result.value.name}: skipped ${result.value.skipped} malformed point(s)`);
        }
      } else {
        errors.push(result.reason);
        warnings.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
      }
    }
    if (fetched.length === 0) {
      const retryable = errors.some((e) => e instanceof VrchatSourceError && e.transient);
      const message = `every metric feed failed: ${warnings.join('; ')}`;
      throw retryable
        ? ApplicationFailure.retryable(message, FAILURE_TYPES.unavailable)
        : ApplicationFailure.nonRetryable(message, FAILURE_TYPES.malformed);
    }
    const now = clock();
    const result = await orm.em.fork().transactional(async (em) => {
      const { written, futurePoints } = await persistMetrics(em, fetched, now);
      for (const [name, count] of Object.entries(futurePoints)) {
        warnings.push(`${name}: skipped ${count} point(s) stamped in the future`);
      }
      const facts = await readMetricFacts(em, alertSettings(await readBotConfig(em)), now);
      return { facts, written, warnings };
    });
    if (warnings.length > 0) log.warn({ warnings }, 'metrics cycle stored what it could');
    return result;
  }
}
