/**
 * The worker's activities, built from injected dependencies (no module-level state). Workflows see
 * only `import type { Activities }` and call them through proxyActivities.
 */
import { createAlertActivities } from './alerts';
import { createBotConfigActivities } from './bot-config';
import { createCollectActivities } from './collect';
import { createCommandActivities } from './commands';
import { createReportActivities } from './reports';
import { createRetentionActivities } from './retention';
import { createWelcomeActivities } from './welcome';
import type { ActivityDeps } from './deps';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createBotConfigActivities(deps),
    ...createCollectActivities(deps),
    ...createAlertActivities(deps),
    ...createReportActivities(deps),
    ...createCommandActivities(deps),
    ...createWelcomeActivities(deps),
    ...createRetentionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
