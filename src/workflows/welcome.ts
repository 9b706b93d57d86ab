import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { WelcomeInput, WelcomeOutcome } from '../contracts/welcome';

const { sendWelcome } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // Discord outages are retried for about an hour; the nonce makes a repeated send harmless.
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 20 },
});

/** Posts the welcome embed in a server's system channel, once per join (`welcome-<guild>-<joined at>`). */
export async function welcomeWorkflow(input: WelcomeInput): Promise<WelcomeOutcome> {
  return sendWelcome(input);
}
