/**
 * Activities of the maintenance reminders: the maintenance loop keeps one reminders workflow per
 * upcoming maintenance (started, moved, cancelled here), and each workflow reads its maintenance
 * before a reminder goes out.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { ActivityDeps } from '../activities/deps';
import {
  cancelRemindersSignal,
  type CurrentMaintenanceSchedule,
  MAINTENANCE_REMINDERS_WORKFLOW_TYPE,
  type MaintenanceRemindersInput,
  type ReminderChanges,
  maintenanceRemindersWorkflowId,
  rescheduleRemindersSignal,
} from '../contracts/reminders';
import { sourceSearchAttributes } from '../temporal/search-attributes';
import { maintenanceRemindersDetails, maintenanceRemindersSummary } from '../temporal/summaries';
import { readCurrentSchedule } from './upcoming';

export function createReminderActivities(
  deps: Pick<ActivityDeps, 'orm' | 'logger' | 'temporal' | 'reminderLeadsMs'>,
) {
  const log = deps.logger.child({ component: 'reminders' });
  const { client, taskQueue } = deps.temporal;

  return {
    /**
     * Signal-with-start: a maintenance's workflow starts with its window, or (running) hears the
     * window again and moves its reminders if it changed. A workflow that ended (its reminders
     * sent) starts anew only for a new window: the loop syncs a maintenance only when its window
     * changed, and a same window's reminders are the same fan-outs anyway.
     */
    async syncMaintenanceReminders({ schedule, cancel }: ReminderChanges): Promise<void> {
      for (const maintenance of schedule) {
        const input: MaintenanceRemindersInput = {
          ...maintenance,
          ...(deps.reminderLeadsMs ? { leadsMs: deps.reminderLeadsMs } : {}),
        };
        await client.workflow.signalWithStart(MAINTENANCE_REMINDERS_WORKFLOW_TYPE, {
          workflowId: maintenanceRemindersWorkflowId(maintenance.maintenanceId),
          taskQueue,
          args: [input],
          signal: rescheduleRemindersSignal,
          signalArgs: [{ scheduledFor: maintenance.scheduledFor }],
          staticSummary: maintenanceRemindersSummary(maintenance.maintenanceId, maintenance.scheduledFor),
          staticDetails: maintenanceRemindersDetails(maintenance.maintenanceId),
          ...(deps.temporal.searchAttributes
            ? { typedSearchAttributes: sourceSearchAttributes('maintenance') }
            : {}),
        });
      }
      for (const maintenanceId of cancel) {
        try {
          await client.workflow
            .getHandle(maintenanceRemindersWorkflowId(maintenanceId))
            .signal(cancelRemindersSignal, { reason: 'the maintenance is no longer upcoming' });
        } catch (err) {
          // ended already (its reminders went out), or never started: nothing to cancel
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      }
      if (schedule.length + cancel.length > 0)
        log.info(
          { scheduled: schedule.map((m) => m.maintenanceId), cancelled: cancel },
          'maintenance reminders synced',
        );
    },

    /** The maintenance's window now and whether it is still to come (null: not in the database). */
    maintenanceSchedule: ({
      maintenanceId,
    }: {
      maintenanceId: string;
    }): Promise<CurrentMaintenanceSchedule | null> => readCurrentSchedule(deps.orm.em.fork(), maintenanceId),
  };
}
