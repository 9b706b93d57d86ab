/**
 * The Temporal Schedules the worker creates at boot. Today one: `retention-daily`, which starts the
 * retention workflow every day at 04:17 UTC (a quiet hour for VRChat's audience in Asia and Europe, and
 * off the full hour when other jobs tend to run).
 *
 * Idempotent: a schedule id is unique per namespace, so `create` either makes it or fails with
 * ScheduleAlreadyRunning, also when two workers boot at once. An existing schedule is left as the
 * operator keeps it (paused, a different time, a note): only an action that starts the wrong workflow
 * type or task queue (TEMPORAL_TASK_QUEUE changed) is pointed back at this worker.
 */
import {
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import type { Logger } from '../logger';
import {
  RETENTION_SCHEDULE_ID,
  RETENTION_WORKFLOW_ID_PREFIX,
  RETENTION_WORKFLOW_TYPE,
  type RetentionInput,
} from '../contracts/retention';
import { sourceSearchAttributes } from '../temporal/search-attributes';
import { retentionDetails, retentionSummary } from '../temporal/summaries';

export const RETENTION_SCHEDULE_TIME_UTC = { hour: 4, minute: 17 } as const;

function retentionAction(
  taskQueue: string,
  searchAttributes: boolean,
): ScheduleOptionsStartWorkflowAction<(input: RetentionInput) => Promise<unknown>> {
  return {
    type: 'startWorkflow',
    workflowType: RETENTION_WORKFLOW_TYPE,
    // The server appends the scheduled time: `retention-2026-11-26T04:17:00Z`.
    workflowId: RETENTION_WORKFLOW_ID_PREFIX,
    taskQueue,
    args: [{}],
    // A run that hangs (no worker for a day) must not keep tomorrow's from starting (overlap SKIP).
    workflowExecutionTimeout: '23 hours',
    staticSummary: retentionSummary(),
    staticDetails: retentionDetails(),
    ...(searchAttributes ? { typedSearchAttributes: sourceSearchAttributes('retention') } : {}),
  };
}

export type ScheduleOutcome = 'created' | 'exists' | 'updated';

export async function ensureRetentionSchedule(
  client: Client,
  options: { taskQueue: string; searchAttributes: boolean; logger: Logger },
): Promise<ScheduleOutcome> {
  const { taskQueue, searchAttributes, logger } = options;
  const action = retentionAction(taskQueue, searchAttributes);
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: {
        calendars: [{ ...RETENTION_SCHEDULE_TIME_UTC, comment: 'daily retention, 04:17 UTC' }],
      },
      action,
      policies: {
        // Never two purges at once: a run still going (a first purge of a large database) skips the next.
        overlap: 'SKIP',
        // A run missed while the Temporal server was down is made up when it is back, within a day.
        catchupWindow: '1 day',
        pauseOnFailure: false,
      },
      state: { note: 'Created by the VRCPulse worker at boot (docs/operations.md).' },
      ...(searchAttributes ? { typedSearchAttributes: sourceSearchAttributes('retention') } : {}),
    });
    logger.info({ scheduleId: RETENTION_SCHEDULE_ID, taskQueue }, 'retention schedule created');
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }

  const handle = client.schedule.getHandle(RETENTION_SCHEDULE_ID);
  const current = (await handle.describe()).action;
  if (current.workflowType === RETENTION_WORKFLOW_TYPE && current.taskQueue === taskQueue) return 'exists';
  await handle.update((previous) => ({ ...previous, action }));
  logger.warn(
    {
      scheduleId: RETENTION_SCHEDULE_ID,
      was: { type: current.workflowType, taskQueue: current.taskQueue },
      taskQueue,
    },
    'retention schedule pointed at this worker again',
  );
  return 'updated';
}
