import {
  ActivityFailure,
  type ActivityOptions,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  metricMeter,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { AlertContent } from '../contracts/alert-content';
import {
  type AlertFact,
  type AlertFanoutInput,
  type AlertType,
  DEFAULT_DELIVERY_POLICY,
  type FanoutFailure,
  type FanoutProgress,
  fanoutProgressQuery,
  type Recipient,
  type RecipientCursor,
  deliveryTaskQueue,
} from '../contracts/alerts';
import { COUNTERS, type MetricDefinition } from '../contracts/metrics';

/**
 * Recipients per delivery activity: ~10 s of sending at Discord's pace, one heartbeat-guarded unit.
 * Between two pages nothing of the fan-out is sent (the workflow schedules the next one, the
 * delivery process reads its recipients), about 0.1-0.2 s each: 200 a page cost a 10,000-recipient
 * fan-out 5-10 s of its 204. A page's size is the activity's input, so running fan-outs replay
 * whatever size they used.
 */
export const PAGE_SIZE = 500;
/** Pages per run before continuing as new, so a fan-out's history stays small at any size. */
export const PAGES_PER_RUN = 50;
/**
 * Fan-outs started before WAITS_OUT_OUTAGES: waits before delivering again to recipients that hit
 * transient errors, after which whoever still failed was reported as failed.
 */
export const RETRY_ROUNDS = ['30 seconds', '2 minutes', '10 minutes'] as const;
/**
 * Patch marker of the fan-out that keeps trying through Discord outages until the alert's maximum
 * age (DeliveryPolicy) instead of three rounds. Histories without it replay the rounds above.
 */
export const WAITS_OUT_OUTAGES = 'fanout-waits-out-outages';
/**
 * Patch marker of the fan-out that schedules its sends on the delivery task queue (served by the
 * delivery process) instead of the worker's own. Histories without it replay with the sends on the
 * workflow's queue, which every worker still serves for them.
 */
export const DELIVERS_ON_OWN_QUEUE = 'fanout-delivers-on-own-queue';
/** Transient failures in a row, with no success, after which a page stops: Discord is unreachable. */
export const STOP_AFTER_TRANSIENT = 5;
/** The first wait after a failed try; each further one doubles, up to the policy's maximum. */
export const FIRST_RETRY_DELAY_MS = 30_000;
const MAX_LISTED_FAILURES = 100;

const { loadAlertContent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
const { earlierFanoutsRunning } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
/**
 * Patch marker of the fan-out that waits, before its first page, for the fan-outs of earlier
 * alerts about the same subject (an incident before its updates, a breach before its recovery).
 */
export const WAITS_FOR_EARLIER = 'fanout-waits-for-earlier';
/**
 * How often a waiting fan-out looks whether the earlier ones are done: after 5 s, then doubling up
 * to a minute, so a wait through a day-long outage stays a small history.
 */
const EARLIER_FIRST_CHECK_MS = 5_000;
const EARLIER_MAX_CHECK_MS = 60_000;
const { countRecipientsFrom } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
const DELIVERY_OPTIONS: ActivityOptions = {
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
};

type Delivery = Pick<Activities, 'deliverAlertPage' | 'deliverAlertTo'>;

/** The sends, on the delivery task queue (fan-outs with DELIVERS_ON_OWN_QUEUE) or the workflow's own. */
function deliveryActivities(): Delivery {
  if (!patched(DELIVERS_ON_OWN_QUEUE)) return proxyActivities<Activities>(DELIVERY_OPTIONS);
  return proxyActivities<Activities>({
    ...DELIVERY_OPTIONS,
    taskQueue: deliveryTaskQueue(workflowInfo().taskQueue),
  });
}

type PageOutcome = Awaited<ReturnType<Activities['deliverAlertPage']>>;
type RetryOutcome = Awaited<ReturnType<Activities['deliverAlertTo']>>;

/**
 * Where a fan-out is: the progress its `progress` query shows and its result reports, where the next
 * page of recipients starts, and who waits for another try. Carried over continue-as-new as it
 * arrived (the progress object itself, so fields this version does not know pass through). Pure:
 * the workflow delivers and waits, and tells the state what came of it.
 */
export class FanoutState {
  private readonly fact: AlertFact;
  private readonly progress: FanoutProgress;
  private next: RecipientCursor | null;
  private readonly retry: Recipient[];
  /** Recipients taken for a retry that has not come back yet (still pending in the progress). */
  private retrying = 0;

  constructor(input: AlertFanoutInput) {
    const { fact, carried } = input;
    this.fact = fact;
    this.progress = carried?.progress ?? {
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
    this.next = carried?.cursor ?? null;
    this.retry = [...(carried?.retry ?? [])];
  }

  /** Where the next page of recipients starts (null before the first page, and after the last). */
  get cursor(): RecipientCursor | null {
    return this.next;
  }

  /** Whether pages of recipients remain to be delivered to. */
  get delivering(): boolean {
    return this.progress.phase === 'delivering';
  }

  /** How many recipients wait for another try. */
  get retriesPending(): number {
    return this.retry.length;
  }

  /** The alert has no content to send (what it reports is not in the database). */
  nothingToSend(): void {
    this.progress.phase = 'nothing-to-send';
  }

  /** The content is loaded: delivery begins (a carried fan-out is already delivering or retrying). */
  startDelivering(): void {
    if (this.progress.phase === 'loading') this.progress.phase = 'delivering';
  }

  /** A page was delivered; after the last page, the fan-out turns to those that failed transiently. */
  recordPage(page: PageOutcome): void {
    this.noteUnknown(page);
    this.progress.pages += 1;
    this.progress.recipientsSeen += page.recipients;
    this.progress.delivered += page.delivered;
    this.progress.alreadySent += page.alreadySent;
    this.noteFiltered(page);
    this.recordFailures(page.failed);
    this.retry.push(...page.retryLater);
    this.next = page.next;
    if (this.next === null) this.progress.phase = 'retrying';
  }

  /** The recipients to try again now; those that fail again are handed back. */
  takeRetries(): Recipient[] {
    const batch = this.retry.splice(0);
    this.retrying = batch.length;
    return batch;
  }

  /** The retry itself failed (the activity, not a recipient): the whole batch waits for the next round. */
  retryFailed(batch: Recipient[]): void {
    this.retrying = 0;
    this.retry.push(...batch);
  }

  /** A retry round delivered; who failed transiently again waits for the next round. */
  recordRetry(outcome: RetryOutcome): void {
    this.noteUnknown(outcome);
    this.retrying = 0;
    this.progress.delivered += outcome.delivered;
    this.progress.alreadySent += outcome.alreadySent;
    this.noteFiltered(outcome);
    this.recordFailures(outcome.failed);
    this.retry.push(...outcome.retryLater);
  }

  /** Every send of the last page failed transiently: Discord is unreachable since `at` (kept while it lasts). */
  discordUnreachable(at: string): void {
    this.progress.waitingForDiscordSince ??= at;
  }

  /** The fan-outs of earlier alerts about the same subject this one waits for (none: it goes on). */
  waitFor(earlier: string[]): void {
    if (earlier.length > 0) this.progress.waitingFor = earlier;
    else delete this.progress.waitingFor;
  }

  /** Recipients skipped because they chose not to get this kind of alert (counted once it happens). */
  private noteFiltered(outcome: { filtered?: number }): void {
    if (outcome.filtered) this.progress.filtered = (this.progress.filtered ?? 0) + outcome.filtered;
  }

  /** How many sends have an unknown outcome, as the last delivery counted them. */
  noteUnknown(outcome: { unknownOutcome?: number }): void {
    if (outcome.unknownOutcome !== undefined) this.progress.unknownOutcome = outcome.unknownOutcome;
  }

  /** A page went through again. */
  discordReachable(): void {
    this.progress.waitingForDiscordSince = null;
  }

  /**
   * The alert reached its maximum age: the `unreached` recipients past the cursor and those still
   * waiting for another try will never get it. Counted apart from failures: nothing refused them.
   */
  expire(unreached: number): number {
    const expired = unreached + this.retry.splice(0).length;
    this.progress.expired = (this.progress.expired ?? 0) + expired;
    this.next = null;
    this.progress.phase = 'done';
    return expired;
  }

  /** Everyone was reached (or refused for good): done. */
  complete(): void {
    this.progress.phase = 'done';
  }

  /** The retry rounds are over: whoever still waits has failed for good (fan-outs before WAITS_OUT_OUTAGES). */
  finish(): void {
    this.recordFailures(
      this.retry.splice(0).map((r) => ({
        recipient: `${r.kind}:${r.id}`,
        code: null,
        reason: 'transient errors persisted',
        disabled: false,
      })),
    );
    this.progress.phase = 'done';
  }

  /** The progress as the `progress` query and the result show it (a copy). */
  snapshot(): FanoutProgress {
    return {
      ...this.progress,
      failures: [...this.progress.failures],
      pending: this.retry.length + this.retrying,
    };
  }

  /** The next run's input when the fan-out continues as new. */
  carry(content: AlertContent): AlertFanoutInput {
    return {
      fact: this.fact,
      carried: { content, cursor: this.next, progress: this.snapshot(), retry: [...this.retry] },
    };
  }

  private recordFailures(failures: FanoutFailure[]): void {
    this.progress.failedPermanently += failures.length;
    // Only the first failures are listed (for the UI); all of them are counted.
    this.progress.failures.push(...failures.slice(0, MAX_LISTED_FAILURES - this.progress.failures.length));
  }
}

/**
 * One alert to every recipient, exactly once each (workflow id `alert-<type>-<reference_id>`). The
 * content is read once, then recipients are delivered to page by page; those that hit transient
 * errors are tried again in a few rounds and then reported as failed. The `progress` query and the
 * result show how many were delivered, skipped as already sent, and failed permanently.
 */
export async function alertFanoutWorkflow(input: AlertFanoutInput): Promise<FanoutProgress> {
  const { fact } = input;
  const fanout = new FanoutState(input);
  setHandler(fanoutProgressQuery, () => fanout.snapshot());

  const content: AlertContent | null = input.carried?.content ?? (await loadAlertContent({ fact }));
  if (!content) {
    fanout.nothingToSend();
    return fanout.snapshot();
  }

  if (!input.carried && patched(WAITS_FOR_EARLIER)) {
    for (let waitMs = EARLIER_FIRST_CHECK_MS; ; waitMs = Math.min(waitMs * 2, EARLIER_MAX_CHECK_MS)) {
      const earlier = await earlierFanoutsRunning({ fact });
      fanout.waitFor(earlier);
      if (earlier.length === 0) break;
      await sleep(waitMs);
    }
  }
  fanout.startDelivering();
  const delivery = deliveryActivities();
  if (patched(WAITS_OUT_OUTAGES)) return deliverThroughOutages(input, fanout, content, delivery);
  for (let pagesThisRun = 0; fanout.delivering; pagesThisRun++) {
    if (pagesThisRun >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof alertFanoutWorkflow>(fanout.carry(content));
    }
    const page = await delivery.deliverAlertPage({ content, cursor: fanout.cursor, pageSize: PAGE_SIZE });
    fanout.recordPage(page);
    countOutcome(input.fact.type, page);
  }

  for (const wait of RETRY_ROUNDS) {
    if (fanout.retriesPending === 0) break;
    await sleep(wait);
    await retryWaiting(fanout, content, delivery);
  }
  fanout.finish();
  return fanout.snapshot();
}

/**
 * Delivery that outlasts Discord outages. A page whose sends all fail transiently (Discord down,
 * 5xx, timeouts) is not passed over: the fan-out waits and tries the same page again, so an outage
 * holds a cursor, not a list of every recipient. Recipients that fail while others go through wait
 * in the retry list. Waits double from FIRST_RETRY_DELAY_MS (or the maximum, if lower) up to the
 * policy's maximum delay; once
 * the alert is as old as the policy's maximum age, whoever is still unreached is counted as expired
 * (in the result, the log and a metric), never as delivered.
 */
async function deliverThroughOutages(
  input: AlertFanoutInput,
  fanout: FanoutState,
  content: AlertContent,
  delivery: Delivery,
): Promise<FanoutProgress> {
  const policy = input.delivery ?? DEFAULT_DELIVERY_POLICY;
  const expiresAt = Date.parse(input.fact.observedAt) + policy.maxAgeSeconds * 1000;
  const maxDelayMs = policy.retryMaxDelaySeconds * 1000;
  const firstDelayMs = Math.min(FIRST_RETRY_DELAY_MS, maxDelayMs);
  let delayMs = firstDelayMs;
  /** Waits the current delay (never past the expiry); false when the alert has expired. */
  const waitBeforeTrying = async (): Promise<boolean> => {
    const left = expiresAt - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(delayMs, left));
    delayMs = Math.min(delayMs * 2, maxDelayMs);
    return true;
  };
  const expire = async (unreached: number): Promise<FanoutProgress> => {
    const expired = fanout.expire(unreached);
    count(COUNTERS.alertsExpired, expired, input.fact.type);
    log.warn('alert expired before every recipient was reached', {
      referenceId: input.fact.referenceId,
      type: input.fact.type,
      expired,
      maxAgeSeconds: policy.maxAgeSeconds,
    });
    return fanout.snapshot();
  };

  for (let pagesThisRun = 0; fanout.delivering; pagesThisRun++) {
    if (pagesThisRun >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof alertFanoutWorkflow>(fanout.carry(content));
    }
    const page = await delivery.deliverAlertPage({
      content,
      cursor: fanout.cursor,
      pageSize: PAGE_SIZE,
      stopAfterTransient: STOP_AFTER_TRANSIENT,
    });
    if (page.delivered === 0 && page.failed.length === 0 && page.retryLater.length > 0) {
      fanout.noteUnknown(page);
      fanout.discordUnreachable(new Date(Date.now()).toISOString());
      if (!(await waitBeforeTrying())) {
        const left = await countRecipientsFrom({ cursor: fanout.cursor });
        return expire(Math.max(0, left - page.alreadySent));
      }
      continue; // the same page again
    }
    delayMs = firstDelayMs;
    fanout.discordReachable();
    fanout.recordPage(page);
    countOutcome(input.fact.type, page);
  }

  while (fanout.retriesPending > 0) {
    if (!(await waitBeforeTrying())) return expire(0);
    const again = await retryWaiting(fanout, content, delivery);
    if (again && again.delivered > 0) delayMs = firstDelayMs;
  }
  fanout.complete();
  return fanout.snapshot();
}

/**
 * Delivers once more to everyone waiting for a retry. When the activity itself fails (not a
 * recipient), the whole batch waits for the next try; resolves with the outcome, or null then.
 */
async function retryWaiting(
  fanout: FanoutState,
  content: AlertContent,
  delivery: Delivery,
): Promise<RetryOutcome | null> {
  const batch = fanout.takeRetries();
  const again = await delivery.deliverAlertTo({ content, recipients: batch }).catch((err: unknown) => {
    if (err instanceof ActivityFailure) return null;
    throw err;
  });
  if (again) {
    fanout.recordRetry(again);
    countOutcome(content.type, again);
  } else fanout.retryFailed(batch);
  return again;
}

/** Adds to one of the alert counters (the SDK emits nothing while a workflow replays). */
function count(counter: MetricDefinition, value: number, type: AlertType): void {
  if (value > 0) metricMeter.createCounter(counter.name, '', counter.help).add(value, { alert_type: type });
}

/** A page's or a retry's delivered and refused recipients, in the operators' counters. */
function countOutcome(type: AlertType, outcome: { delivered: number; failed: readonly unknown[] }): void {
  count(COUNTERS.alertsDelivered, outcome.delivered, type);
  count(COUNTERS.alertsFailed, outcome.failed.length, type);
}
