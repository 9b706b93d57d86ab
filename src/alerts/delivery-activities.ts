/**
 * The activities that send alerts to Discord. The delivery process serves them on the delivery task
 * queue; every worker also serves them on its own queue, for fan-outs started before the delivery
 * process existed (their histories schedule the sends there).
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { AlertContent, TestAlertContent } from '../contracts/alert-content';
import type { CommandAnswer } from '../contracts/commands';

type TestAlertResult = Extract<CommandAnswer, { status: 'test_result' }>;
import type { Recipient, RecipientCursor } from '../contracts/alerts';
import type { ActivityDeps } from '../activities/deps';
import { withHeartbeat } from '../temporal/heartbeat';
import { deliverAlert, type DeliveryOutcome } from './deliver';
import { listRecipients } from './recipients';
import { dropPending } from './unknown-outcomes';

export interface PageOutcome extends DeliveryOutcome {
  next: RecipientCursor | null;
  recipients: number;
}

/** What sending needs: the database (recipients, sent_alerts) and Discord. */
export type SendingDeps = Pick<ActivityDeps, 'orm' | 'logger' | 'discord' | 'nonceTrustMs'>;

export function createAlertDeliveryActivities(deps: SendingDeps) {
  const { orm, logger } = deps;
  const log = logger.child({ component: 'alerts' });

  const delivery = () => {
    if (!deps.discord) {
      throw ApplicationFailure.nonRetryable(
        'DISCORD_TOKEN is not set: alerts cannot be delivered',
        'DiscordDisabled',
      );
    }
    return {
      orm,
      rest: deps.discord.rest,
      publishLimit: deps.discord.publishLimit,
      logger: log,
      ...(deps.nonceTrustMs === undefined ? {} : { nonceTrustMs: deps.nonceTrustMs }),
    };
  };

  return {
    /** Reads the next page of recipients after `cursor` and delivers to them. */
    deliverAlertPage: (input: {
      content: AlertContent;
      cursor: RecipientCursor | null;
      pageSize: number;
      /** See deliverAlert: stop trying the page after this many transient failures in a row. */
      stopAfterTransient?: number;
    }) =>
      withHeartbeat(async (): Promise<PageOutcome> => {
        const { recipients, next } = await listRecipients(orm.em.fork(), input.cursor, input.pageSize);
        if (recipients.length === 0)
          return { next, recipients: 0, delivered: 0, alreadySent: 0, failed: [], retryLater: [] };
        const outcome = await deliverAlert(delivery(), input.content, recipients, {
          ...(input.stopAfterTransient ? { stopAfterTransient: input.stopAfterTransient } : {}),
        });
        return { ...outcome, next, recipients: recipients.length };
      }),

    /**
     * `/config test`: the sample alert to one recipient, now, through the path every alert takes
     * (nonce, unknown-outcome note, `sent_alerts` row of type `test`, refusals counted as for alerts).
     */
    deliverTestAlert: (input: { recipient: Recipient; interactionId: string; requestedAt: string }) =>
      withHeartbeat(async (): Promise<TestAlertResult> => {
        const content: TestAlertContent = {
          type: 'test',
          referenceId: `test_${input.interactionId}`,
          requestedAt: input.requestedAt,
        };
        const outcome = await deliverAlert(delivery(), content, [input.recipient]);
        const [failure] = outcome.failed;
        if (outcome.delivered + outcome.alreadySent > 0)
          return { status: 'test_result', delivered: true, code: null, reason: null };
        if (failure)
          return { status: 'test_result', delivered: false, code: failure.code, reason: failure.reason };
        // Discord did not answer. Nothing tries a test again, so its note of a send in doubt would
        // only linger among the real ones (/admin show counts them): the user looks, or tests again.
        await dropPending(orm, content, input.recipient);
        return { status: 'test_result', delivered: false, code: null, reason: null };
      }),

    /** Delivers to the given recipients again (those that hit a transient error before). */
    deliverAlertTo: (input: { content: AlertContent; recipients: Recipient[] }) =>
      withHeartbeat(() => deliverAlert(delivery(), input.content, input.recipients)),
  };
}
