import { allHandlersFinished, condition, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { AlertFact } from '../contracts/alerts';
import {
  cancelRemindersSignal,
  maintenanceReminders,
  type MaintenanceReminder,
  type MaintenanceRemindersInput,
  type MaintenanceRemindersState,
  planReminders,
  REMINDER_LEAD_MS,
  type ReminderOutcome,
  type ReminderPlan,
  remindersStateQuery,
  rescheduleRemindersSignal,
} from '../contracts/reminders';

/** How long a reminder that could not be handed to its fan-out (no Discord token yet) waits to try again. */
export const DEFERRED_RETRY_MS = 5 * 60 * 1000;

const { maintenanceSchedule } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
const { dispatchAlerts } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * One maintenance's reminders (pure): its window as last heard, what became of each reminder, and
 * whether a signal came in since a wait began. The workflow asks it what to do and tells it what
 * happened, with the workflow's clock.
 */
export class ReminderTracker {
  private scheduledForMs: number;
  private readonly outcomes = new Map<string, ReminderOutcome>();
  private endedBecause: MaintenanceRemindersState['ended'] = null;
  private note: string | undefined;
  private wokenBySignal = false;

  constructor(private readonly input: MaintenanceRemindersInput) {
    this.scheduledForMs = Date.parse(input.scheduledFor);
  }

  get scheduledFor(): string {
    return new Date(this.scheduledForMs).toISOString();
  }

  get ended(): boolean {
    return this.endedBecause !== null;
  }

  get woken(): boolean {
    return this.wokenBySignal;
  }

  /** The current window's reminders, earliest first. */
  reminders(): MaintenanceReminder[] {
    return maintenanceReminders(
      {
        maintenanceId: this.input.maintenanceId,
        scheduledForMs: this.scheduledForMs,
        announcedAtMs: Date.parse(this.input.announcedAt),
      },
      this.input.leadsMs ?? REMINDER_LEAD_MS,
    );
  }

  /** What to do at `nowMs`; reminders passed over are recorded as skipped. */
  plan(nowMs: number): ReminderPlan {
    const handled = new Set(this.outcomes.keys());
    const plan = planReminders(this.reminders(), handled, this.scheduledForMs, nowMs);
    for (const reminder of plan.skip) this.outcomes.set(reminder.referenceId, 'skipped');
    if (plan.send === null && plan.wakeAt === null && !this.ended)
      this.endedBecause = nowMs >= this.scheduledForMs ? 'window-began' : 'all-sent';
    return plan;
  }

  /** The reschedule signal (or a window found moved in the database). False when nothing changed. */
  reschedule(scheduledFor: string): boolean {
    const ms = Date.parse(scheduledFor);
    this.wokenBySignal = true;
    if (Number.isNaN(ms) || ms === this.scheduledForMs) return false;
    this.scheduledForMs = ms;
    return true;
  }

  cancel(reason: string): void {
    this.wokenBySignal = true;
    if (this.ended) return;
    this.endedBecause = 'cancelled';
    this.note = reason;
  }

  sent(reminder: MaintenanceReminder): void {
    this.outcomes.set(reminder.referenceId, 'sent');
    this.note = undefined;
  }

  /** A reminder that could not go out yet and is tried again later. */
  waiting(note: string): void {
    this.note = note;
  }

  beginWait(): void {
    this.wokenBySignal = false;
  }

  snapshot(): MaintenanceRemindersState {
    return {
      maintenanceId: this.input.maintenanceId,
      scheduledFor: this.scheduledFor,
      reminders: this.reminders().map((reminder) => ({
        ...reminder,
        outcome: this.outcomes.get(reminder.referenceId) ?? 'waiting',
      })),
      ended: this.endedBecause,
      ...(this.note === undefined ? {} : { note: this.note }),
    };
  }
}

const reminderFact = (reminder: MaintenanceReminder, nowMs: number): AlertFact => ({
  type: 'maintenance_reminder',
  referenceId: reminder.referenceId,
  observedAt: new Date(nowMs).toISOString(),
});

/**
 * Keeps one maintenance's reminders (id `maintenance-reminders-<maintenance id>`): sleeps on durable
 * timers until each is due, so a restarted worker sends a reminder due meanwhile as soon as it is
 * back, and hands each to an alert fan-out of its own (type maintenance_reminder). The maintenance
 * loop starts it, moves it (`reschedule`) and ends it (`cancel`); before each reminder it reads the
 * maintenance again, so a signal lost on the way cannot make it remind of a window that moved or
 * of a maintenance that is off. A reminder's reference id carries its window's start: a repeat,
 * even by a second run of this workflow, is the same fan-out and never a second message.
 */
export async function maintenanceRemindersWorkflow(
  input: MaintenanceRemindersInput,
): Promise<MaintenanceRemindersState> {
  const tracker = new ReminderTracker(input);
  setHandler(remindersStateQuery, () => tracker.snapshot());
  setHandler(rescheduleRemindersSignal, ({ scheduledFor }) => {
    if (tracker.reschedule(scheduledFor))
      log.info('maintenance rescheduled; reminders moved', { scheduledFor: tracker.scheduledFor });
  });
  setHandler(cancelRemindersSignal, ({ reason }) => tracker.cancel(reason));

  while (!tracker.ended) {
    const { send, wakeAt } = tracker.plan(Date.now());
    if (send) {
      const current = await maintenanceSchedule({ maintenanceId: input.maintenanceId });
      if (!current?.upcoming) {
        tracker.cancel(current ? 'the maintenance is no longer scheduled' : 'the maintenance is gone');
        break;
      }
      // the window moved and the signal that says so has not come (yet): plan for the new one
      if (tracker.reschedule(current.scheduledFor)) continue;
      const { deferred = [] } = await dispatchAlerts({ facts: [reminderFact(send, Date.now())] });
      if (deferred.length === 0) {
        tracker.sent(send);
        continue;
      }
      tracker.waiting('waiting for a Discord token to send the reminder');
      tracker.beginWait();
      await condition(() => tracker.woken, DEFERRED_RETRY_MS);
      continue;
    }
    if (wakeAt === null) break;
    tracker.beginWait();
    await condition(() => tracker.woken, Math.max(wakeAt - Date.now(), 1));
  }
  await condition(allHandlersFinished);
  return tracker.snapshot();
}
