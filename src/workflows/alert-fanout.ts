import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { AlertContent } from '../contracts/alert-content';
import {
  type AlertFanoutInput,
  type FanoutFailure,
  type FanoutProgress,
  fanoutProgressQuery,
  type Recipient,
  type RecipientCursor,
} from '../contracts/alerts';

/** Recipients per delivery activity: ~4 s of sending at Discord's pace, one heartbeat-guarded unit. */
export const PAGE_SIZE = 200;
/** Pages per run before continuing as new, so a fan-out's history stays small at any size. */
export const PAGES_PER_RUN = 50;
/** Waits before delivering again to recipients that hit transient errors (5xx, timeouts). */
export const RETRY_ROUNDS = ['30 seconds', '2 minutes', '10 minutes'] as const;
const MAX_LISTED_FAILURES = 100;

const { loadAlertContent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
const { deliverAlertPage, deliverAlertTo } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // Delivery heartbeats every second: a worker that died mid-page is noticed within seconds, well
  // inside Discord's nonce window, so the redone page's repeated sends are still deduplicated.
  heartbeatTimeout: '10 seconds',
  // Delivery is idempotent (sent_alerts + nonce), so a page interrupted anywhere is simply redone.
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['DiscordDisabled'],
  },
});

/**
 * One alert to every recipient, exactly once each (workflow id `alert-<type>-<reference_id>`). The
 * content is read once, then recipients are delivered to page by page; those that hit transient
 * errors are tried again in a few rounds and then reported as failed. The `progress` query and the
 * result show how many were delivered, skipped as already sent, and failed permanently.
 */
export async function alertFanoutWorkflow(input: AlertFanoutInput): Promise<FanoutProgress> {
  const { fact } = input;
  const progress: FanoutProgress = input.carried?.progress ?? {
    referenceId: fact.referenceId,
    type: fact.type,
    phase: 'loading',
    recipientsSeen: 0,
    delivered: 0,
    alreadySent: 0,
    failedPermanently: 0,
    failures: [],
    pages: 0,
  };
  setHandler(fanoutProgressQuery, () => progress);

  const content: AlertContent | null = input.carried?.content ?? (await loadAlertContent({ fact }));
  if (!content) {
    progress.phase = 'nothing-to-send';
    return progress;
  }

  const recordFailures = (failures: FanoutFailure[]) => {
    progress.failedPermanently += failures.length;
    progress.failures.push(...failures.slice(0, MAX_LISTED_FAILURES - progress.failures.length));
  };

  let cursor: RecipientCursor | null = input.carried?.cursor ?? null;
  const retry: Recipient[] = [...(input.carried?.retry ?? [])];
  if (progress.phase === 'loading') progress.phase = 'delivering';

  for (let pagesThisRun = 0; progress.phase === 'delivering'; pagesThisRun++) {
    if (pagesThisRun >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof alertFanoutWorkflow>({
        fact,
        carried: { content, cursor, progress, retry },
      });
    }
    const page = await deliverAlertPage({ content, cursor, pageSize: PAGE_SIZE });
    progress.pages += 1;
    progress.recipientsSeen += page.recipients;
    progress.delivered += page.delivered;
    progress.alreadySent += page.alreadySent;
    recordFailures(page.failed);
    retry.push(...page.retryLater);
    cursor = page.next;
    if (cursor === null) progress.phase = 'retrying';
  }

  for (const wait of RETRY_ROUNDS) {
    if (retry.length === 0) break;
    await sleep(wait);
    const batch = retry.splice(0);
    const again = await deliverAlertTo({ content, recipients: batch }).catch((err: unknown) => {
      if (err instanceof ActivityFailure) return null;
      throw err;
    });
    if (!again) {
      retry.push(...batch);
      continue;
    }
    progress.delivered += again.delivered;
    progress.alreadySent += again.alreadySent;
    recordFailures(again.failed);
    retry.push(...again.retryLater);
  }
  recordFailures(
    retry.map((r) => ({
      recipient: `${r.kind}:${r.id}`,
      code: null,
      reason: 'transient errors persisted',
      disabled: false,
    })),
  );
  progress.phase = 'done';
  return progress;
}
