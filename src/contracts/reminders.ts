/**
 * Maintenance reminders (pure; the building block of the reminders workflow, not yet wired): when a
 * recipient is reminded of an upcoming maintenance, and each reminder's reference id. A reminder
 * goes out 1 hour before the window starts, and 24 hours before when the maintenance was announced
 * more than a day ahead; none that would come before the announcement itself. The window's start is
 * part of the reference id, so a rescheduled maintenance gets new reminders (the old ones, never
 * sent, are dropped with the old schedule) while the same schedule always gives the same ids, which
 * is what makes a repeated reminder impossible (`sent_alerts`).
 */

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
export function maintenanceReminders(m: {
  maintenanceId: string;
  scheduledForMs: number;
  announcedAtMs: number;
}): MaintenanceReminder[] {
  return REMINDER_LEADS.map((lead) => ({
    lead,
    at: m.scheduledForMs - REMINDER_LEAD_MS[lead],
    referenceId: reminderReferenceId(m.maintenanceId, lead, m.scheduledForMs),
  })).filter((reminder) => reminder.at > m.announcedAtMs);
}

/** Those of `reminders` still to send at `nowMs` (a window that has begun needs none). */
export function remindersDue(
  reminders: readonly MaintenanceReminder[],
  nowMs: number,
): MaintenanceReminder[] {
  return reminders.filter((reminder) => reminder.at > nowMs);
}
