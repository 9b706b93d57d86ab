/**
 * How fresh each source's data is, from the poll loops themselves (their `state` query): /status
 * says so when a source has not been polled successfully for more than 5 intervals.
 */
import type { Client } from '@temporalio/client';
import type { Logger } from '../logger';
import { isStale, POLL_SOURCES, POLL_WORKFLOW_IDS, type PollSource, pollStateQuery } from '../shared/polling';

export interface StaleSource {
  source: PollSource;
  /** The last successful poll; null when the loop never succeeded. */
  lastSuccessAt: string | null;
}

/** A query needs a worker to answer; a missing answer is "unknown", not "stale". */
const QUERY_TIMEOUT_MS = 1500;

export async function readStaleSources(
  client: Client,
  nowMs: number,
  logger: Logger,
): Promise<StaleSource[]> {
  const states = await Promise.allSettled(
    POLL_SOURCES.map((source) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in time')), QUERY_TIMEOUT_MS);
      });
      return Promise.race([
        client.workflow.getHandle(POLL_WORKFLOW_IDS[source]).query(pollStateQuery),
        timeout,
      ]).finally(() => clearTimeout(timer));
    }),
  );
  const stale: StaleSource[] = [];
  for (const [index, settled] of states.entries()) {
    if (settled.status === 'rejected') {
      logger.debug(
        { source: POLL_SOURCES[index], err: settled.reason as unknown },
        'poll loop state unknown',
      );
      continue;
    }
    const state = settled.value;
    if (isStale(state, nowMs)) stale.push({ source: state.source, lastSuccessAt: state.lastSuccessAt });
  }
  return stale;
}
