/**
 * The worker's activities, built from injected dependencies (no module-level state). Workflows see
 * only `import type { Activities }` and call them through proxyActivities.
 */
import { createAlertActivities } from '../alerts/activities';
import { createDeliveryActivities } from '../delivery/activities';
import { createBotConfigActivities } from './bot-config';
import { createCollectActivities } from '../polling/activities';
import { createCommandActivities } from '../interactions/activities';
import { createReminderActivities } from '../reminders/activities';
import { createReportActivities } from '../reports/activities';
import { createRetentionActivities } from '../retention/activities';
import type { ActivityDeps } from './deps';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createBotConfigActivities(deps),
    ...createCollectActivities(deps),
    ...createAlertActivities(deps),
    // Also served here for workflows whose histories schedule sends on the worker's own queue.
    ...createDeliveryActivities(deps),
    ...createReminderActivities(deps),
    ...createReportActivities(deps),
    ...createCommandActivities(deps),
    ...createRetentionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
