import { Context } from '@temporalio/activity';

/**
 * Heartbeats while `work` runs, so that when a worker dies mid-cycle the server notices within the
 * heartbeat timeout and retries the cycle elsewhere, instead of waiting out start-to-close.
 */
export async function withHeartbeat<T>(work: () => Promise<T>, everyMs = 1_000): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
