/**
 * How fresh each source's data is, from the poll loops themselves (their `state` query): /status
 * says so when a source has not been polled successfully for more than 5 intervals.
 */
import type { Client } from '@temporalio/client';
import type { Logger } from '../logger';
import { isStale, type PollSource } from '../contracts/polling';
import { queryPollLoopStates } from '../polling/client';

export interface StaleSource {
  source: PollSource;
  /** The last successful poll; null when the loop never succeeded. */
  lastSuccessAt: string | null;
}

/** A loop that does not answer in time is "unknown", not "stale"; /status must not wait for it. */
const QUERY_TIMEOUT_MS = 1500;

export async function readStaleSources(
  client: Client,
  nowMs: number,
  logger: Logger,
): Promise<StaleSource[]> {
  const states = await queryPollLoopStates(client, QUERY_TIMEOUT_MS);
  const stale: StaleSource[] = [];
  for (const [source, state] of Object.entries(states)) {
    if (state instanceof Error) logger.debug({ source, err: state }, 'poll loop state unknown');
    else if (isStale(state, nowMs)) stale.push({ source: state.source, lastSuccessAt: state.lastSuccessAt });
  }
  return stale;
}
