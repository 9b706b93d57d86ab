/**
 * The worker's composition root: one Temporal worker on the configured task queue, serving every
 * workflow in src/workflows and the activities built from the given dependencies.
 */
import { type ActivityInterceptorsFactory, type NativeConnection, Worker } from '@temporalio/worker';
import { type ActivityDeps, createActivities } from './activities';
import { withLogContext } from './log-context';
import type { RunningActivities } from './observability/running-activities';
import { bundleState, WORKFLOW_BUNDLE_PATH } from './temporal/workflow-bundle';

/** Every activity runs inside a log context, so its pino lines say which workflow and attempt they belong to. */
export const activityLogContext: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    execute: (input, next) =>
      withLogContext(
        {
          // Standalone activities have no workflow; ours always do.
          workflowId: ctx.info.workflowExecution?.workflowId ?? '',
          runId: ctx.info.workflowExecution?.runId ?? '',
          activityType: ctx.info.activityType,
          attempt: ctx.info.attempt,
        },
        () => next(input),
      ),
  },
});

/** Notes each activity while it runs, so an event-loop stall warning can name it. */
export const activityTracking =
  (running: RunningActivities): ActivityInterceptorsFactory =>
  (ctx) => ({
    inbound: {
      async execute(input, next) {
        const ended = running.start({
          activityType: ctx.info.activityType,
          workflowId: ctx.info.workflowExecution?.workflowId ?? '',
        });
        try {
          return await next(input);
        } finally {
          ended();
        }
      },
    },
  });

export interface VrcpulseWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A pre-built bundle (tests build one per run); otherwise `npm run build`'s, or bundled at start. */
  workflowBundle?: { codePath: string };
  /** Where running activities are noted (for stall warnings). */
  running?: RunningActivities;
}

export async function createVrcpulseWorker(options: VrcpulseWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, workflowBundle, running, ...deps } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(deps),
    interceptors: { activity: [activityLogContext, ...(running ? [activityTracking(running)] : [])] },
    // In-flight activities get this long to finish on shutdown (HTTP timeouts are 10 s).
    shutdownGraceTime: '15 seconds',
    ...workflowCode(workflowBundle, deps.logger),
  });
}

/** The given bundle, else `npm run build`'s when it is up to date, else the workflows to bundle now. */
function workflowCode(
  given: { codePath: string } | undefined,
  logger: ActivityDeps['logger'],
): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  if (given) return { workflowBundle: given };
  const state = bundleState();
  if (state === 'fresh') return { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } };
  logger.warn(
    { bundle: WORKFLOW_BUNDLE_PATH, state },
    'no up-to-date workflow bundle (run npm run build); bundling the workflows now',
  );
  return { workflowsPath: require.resolve('./workflows') };
}
