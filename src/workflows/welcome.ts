import { type ActivityOptions, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { deliveryTaskQueue } from '../contracts/alerts';
import type { WelcomeInput, WelcomeOutcome } from '../contracts/welcome';

const SEND_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  // Discord outages are retried for about an hour; the nonce makes a repeated send harmless.
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 20 },
};

/**
 * Patch marker of the welcome sent from the delivery task queue (the delivery process, under the
 * same pacing as alerts). Histories without it replay with the send on the workflow's own queue.
 */
export const WELCOME_ON_DELIVERY_QUEUE = 'welcome-on-delivery-queue';

/** Posts the welcome embed in a server's system channel, once per join (`welcome-<guild>-<joined at>`). */
export async function welcomeWorkflow(input: WelcomeInput): Promise<WelcomeOutcome> {
  const { sendWelcome } = patched(WELCOME_ON_DELIVERY_QUEUE)
    ? proxyActivities<Activities>({ ...SEND_OPTIONS, taskQueue: deliveryTaskQueue(workflowInfo().taskQueue) })
    : proxyActivities<Activities>(SEND_OPTIONS);
  return sendWelcome(input);
}
