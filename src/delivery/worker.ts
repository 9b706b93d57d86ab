import { type NativeConnection, Worker } from '@temporalio/worker';
import { deliveryTaskQueue } from '../contracts/alerts';
import type { RunningActivities } from '../observability/running-activities';
import { activityLogContext, activityTracking } from '../worker';
import { createDeliveryActivities, type SendingDeps } from './activities';

/**
 * The delivery process's Temporal worker: activities only (no workflows), on the delivery task queue
 * of the workers' `taskQueue`.
 */
export async function createDeliveryWorker(options: {
  connection: NativeConnection;
  namespace: string;
  /** The workers' task queue; the sends are served on its delivery queue. */
  taskQueue: string;
  deps: SendingDeps;
  /** Where running activities are noted (for stall warnings). */
  running?: RunningActivities;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: deliveryTaskQueue(options.taskQueue),
    activities: createDeliveryActivities(options.deps),
    interceptors: {
      activity: [activityLogContext, ...(options.running ? [activityTracking(options.running)] : [])],
    },
    // A page in flight gets this long to finish on shutdown; one cut short is redone by the next
    // delivery process, its repeated sends deduplicated by sent_alerts and the nonce.
    shutdownGraceTime: '15 seconds',
  });
}
