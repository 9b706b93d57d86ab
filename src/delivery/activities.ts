/** Every activity that sends to Discord: what the delivery process serves on the delivery task queue. */
import { createAlertDeliveryActivities, type SendingDeps } from '../alerts/delivery-activities';
import { createWelcomeActivities } from '../welcome/activities';

export type { SendingDeps } from '../alerts/delivery-activities';

export function createDeliveryActivities(deps: SendingDeps) {
  return {
    ...createAlertDeliveryActivities(deps),
    ...createWelcomeActivities(deps),
  };
}
