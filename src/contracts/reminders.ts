/**
 * Maintenance reminders: when a recipient is reminded of an upcoming maintenance, each reminder's
 * reference id, and the contract of the workflow that keeps one maintenance's reminders (one per
 * maintenance, id `maintenance-reminders-<id>`, started and moved by the maintenance poll loop). A reminder
 * goes out 1 hour before the window starts, and 24 hours before when the maintenance was announced
 * more than a day ahead; none that would come before the announcement itself. The window's start is
 * part of the reference id, so a rescheduled maintenance gets new reminders (the old ones, never
 * sent, are dropped with the old schedule) while the same schedule always gives the same ids, which
 * is what makes a repeated reminder impossible (`sent_alerts`).
 */

import { defineQuery, defineSignal } from '@temporalio/workflow';

export const REMINDER_LEADS = ['24h', '1h'] as const;
export type ReminderLead = (typeof REMINDER_LEADS)[number];

const HOUR_MS = 60 * 60 * 1000;
export const REMINDER_LEAD_MS: Readonly<Record<ReminderLead, number>> = {
  '24h': 24 * HOUR_MS,
  '1h': HOUR_MS,
};

export interface MaintenanceReminder {
  lead: ReminderLead;
  /** When it goes out (epoch ms). */
  at: number;
  referenceId: string;
}

/** `{maintenance id}:reminder:{lead}:{window start, ISO minute}`. */
export function reminderReferenceId(
  maintenanceId: string,
  lead: ReminderLead,
  scheduledForMs: number,
): string {
  return `${maintenanceId}:reminder:${lead}:${new Date(scheduledForMs).toISOString().slice(0, 16)}`;
}

const REMINDER_ID = /^(.+):reminder:(24h|1h):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})$/;

export function parseReminderReferenceId(
  referenceId: string,
): { maintenanceId: string; lead: ReminderLead; scheduledFor: Date } | null {
  const match = REMINDER_ID.exec(referenceId);
  if (!match) return null;
  const scheduledFor = new Date(`${match[3]}:00.000Z`);
  if (Number.isNaN(scheduledFor.getTime())) return null;
  return { maintenanceId: match[1]!, lead: match[2] as ReminderLead, scheduledFor };
}

/**
 * The reminders of a maintenance announced at `announcedAtMs` for a window starting at
 * `scheduledForMs`, earliest first. The 24-hour one only for a maintenance announced more than a
 * day ahead; neither when it would fall at or before the announcement.
 */
export function maintenanceReminders(
  m: { maintenanceId: string; scheduledForMs: number; announcedAtMs: number },
  leadsMs: Readonly<Record<ReminderLead, number>> = REMINDER_LEAD_MS,
): MaintenanceReminder[] {
  return REMINDER_LEADS.map((lead) => ({
    lead,
    at: m.scheduledForMs - leadsMs[lead],
    referenceId: reminderReferenceId(m.maintenanceId, lead, m.scheduledForMs),
  })).filter((reminder) => reminder.at > m.announcedAtMs);
}

/** What to do about a maintenance's reminders at one moment (see `planReminders`). */
export interface ReminderPlan {
  /** The reminder to send now, if one is due. */
  send: MaintenanceReminder | null;
  /** Reminders passed over: an earlier one whose moment went by while a later one is due too. */
  skip: MaintenanceReminder[];
  /** When the next reminder is due (epoch ms); null when none is left. */
  wakeAt: number | null;
}

/**
 * At `nowMs`, of `reminders` (earliest first) those not `handled` yet: the latest whose time has
 * come is sent (late, if the worker was down when it was due: a reminder still helps until the
 * window begins), earlier ones due too are passed over (one reminder, not two in a row), and the
 * next is waited for. Once the window has begun nothing is sent any more.
 */
export function planReminders(
  reminders: readonly MaintenanceReminder[],
  handled: ReadonlySet<string>,
  scheduledForMs: number,
  nowMs: number,
): ReminderPlan {
  const open = reminders.filter((reminder) => !handled.has(reminder.referenceId));
  if (nowMs >= scheduledForMs) return { send: null, skip: open, wakeAt: null };
  const due = open.filter((reminder) => reminder.at <= nowMs);
  const later = open.filter((reminder) => reminder.at > nowMs);
  return { send: due.at(-1) ?? null, skip: due.slice(0, -1), wakeAt: later[0]?.at ?? null };
}

export const MAINTENANCE_REMINDERS_WORKFLOW_TYPE = 'maintenanceRemindersWorkflow';

export const maintenanceRemindersWorkflowId = (maintenanceId: string): string =>
  `maintenance-reminders-${maintenanceId}`;

/** An upcoming maintenance as its reminders need it (ISO-8601 times). */
export interface MaintenanceSchedule {
  maintenanceId: string;
  /** When the window starts. */
  scheduledFor: string;
  /** When VRCPulse first saw the maintenance announced. */
  announcedAt: string;
}

/** What the maintenance loop hands the reminders workflows after a cycle (activity `syncMaintenanceReminders`). */
export interface ReminderChanges {
  /** Maintenances announced or moved since the last sync: their workflows start or move. */
  schedule: MaintenanceSchedule[];
  /** Maintenances no longer upcoming (begun, completed, cancelled): their workflows end. */
  cancel: string[];
}

export interface MaintenanceRemindersInput extends MaintenanceSchedule {
  /** How long before the window each reminder goes out; absent: REMINDER_LEAD_MS (tests shorten it). */
  leadsMs?: Record<ReminderLead, number>;
}

/** The window moved: the old window's reminders are dropped, the new one's kept instead. */
export const rescheduleRemindersSignal = defineSignal<[{ scheduledFor: string }]>('reschedule');
/** The maintenance will not happen as scheduled (cancelled, begun, gone): no more reminders. */
export const cancelRemindersSignal = defineSignal<[{ reason: string }]>('cancel');

export type ReminderOutcome = 'waiting' | 'sent' | 'skipped';

export interface MaintenanceRemindersState {
  maintenanceId: string;
  scheduledFor: string;
  /** The current window's reminders and what became of each. */
  reminders: (MaintenanceReminder & { outcome: ReminderOutcome })[];
  /** Why the workflow ended (null while it runs). */
  ended: null | 'all-sent' | 'window-began' | 'cancelled';
  /** Why it was cancelled, or why it is waiting (a deferred dispatch). */
  note?: string;
}

export const remindersStateQuery = defineQuery<MaintenanceRemindersState>('state');

/** What the reminders workflow asks of the database before each reminder (activity `maintenanceSchedule`). */
export interface CurrentMaintenanceSchedule {
  /** Still announced and not begun, per VRChat's page (status `scheduled`, not removed). */
  upcoming: boolean;
  scheduledFor: string;
}
