/** When maintenance reminders go out, and their reference ids (pure). */
import fc from 'fast-check';
import {
  type MaintenanceReminder,
  maintenanceReminders,
  parseReminderReferenceId,
  reminderReferenceId,
  planReminders,
} from '../../src/contracts/reminders';

const HOUR = 3_600_000;
const START = Date.parse('2026-12-20T02:00:00.000Z');

it('reminds 24 hours and 1 hour before a maintenance announced days ahead', () => {
  expect(
    maintenanceReminders({ maintenanceId: 'm1', scheduledForMs: START, announcedAtMs: START - 72 * HOUR }),
  ).toEqual([
    { lead: '24h', at: START - 24 * HOUR, referenceId: 'm1:reminder:24h:2026-12-20T02:00' },
    { lead: '1h', at: START - HOUR, referenceId: 'm1:reminder:1h:2026-12-20T02:00' },
  ]);
});

it('reminds only 1 hour before one announced less than a day ahead, and not at all 30 minutes ahead', () => {
  const reminders = (aheadMs: number) =>
    maintenanceReminders({ maintenanceId: 'm1', scheduledForMs: START, announcedAtMs: START - aheadMs }).map(
      (r) => r.lead,
    );
  expect(reminders(20 * HOUR)).toEqual(['1h']);
  expect(reminders(24 * HOUR)).toEqual(['1h']); // exactly a day ahead: the announcement is the 24-hour notice
  expect(reminders(30 * 60_000)).toEqual([]);
});

it('gives a rescheduled window new ids and the same schedule the same ids', () => {
  expect(reminderReferenceId('m1', '1h', START)).toBe(reminderReferenceId('m1', '1h', START));
  expect(reminderReferenceId('m1', '1h', START + HOUR)).not.toBe(reminderReferenceId('m1', '1h', START));
});

describe('planReminders', () => {
  const all = maintenanceReminders({
    maintenanceId: 'm1',
    scheduledForMs: START,
    announcedAtMs: START - 72 * HOUR,
  });
  const [day, hour] = all as [MaintenanceReminder, MaintenanceReminder];
  const none = new Set<string>();

  it('waits for the first reminder, then sends each at its time', () => {
    expect(planReminders(all, none, START, START - 48 * HOUR)).toEqual({
      send: null,
      skip: [],
      wakeAt: day.at,
    });
    expect(planReminders(all, none, START, day.at)).toEqual({ send: day, skip: [], wakeAt: hour.at });
    expect(planReminders(all, new Set([day.referenceId]), START, hour.at)).toEqual({
      send: hour,
      skip: [],
      wakeAt: null,
    });
  });

  it('sends a reminder late (the worker was down) until the window begins, and only the latest due', () => {
    expect(planReminders(all, none, START, day.at + 2 * HOUR).send).toEqual(day);
    expect(planReminders(all, none, START, hour.at + 10 * 60_000)).toEqual({
      send: hour,
      skip: [day],
      wakeAt: null,
    });
    expect(planReminders(all, none, START, START)).toEqual({ send: null, skip: [day, hour], wakeAt: null });
  });

  it('never sends a reminder twice, nor one after the window began, whenever it is woken', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -80 * 60, max: 10 * 60 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        (wakeMinutes, aheadMinutes) => {
          const reminders = maintenanceReminders({
            maintenanceId: 'm1',
            scheduledForMs: START,
            announcedAtMs: START - aheadMinutes * 60_000,
          });
          const handled = new Set<string>();
          const sent: string[] = [];
          for (const now of [...wakeMinutes].sort((a, b) => a - b).map((m) => START + m * 60_000)) {
            const plan = planReminders(reminders, handled, START, now);
            for (const r of plan.skip) handled.add(r.referenceId);
            if (plan.send) {
              expect(now).toBeLessThan(START);
              expect(plan.send.at).toBeLessThanOrEqual(now);
              handled.add(plan.send.referenceId);
              sent.push(plan.send.referenceId);
            }
            if (plan.wakeAt !== null) expect(plan.wakeAt).toBeGreaterThan(now);
          }
          expect(new Set(sent).size).toBe(sent.length);
        },
      ),
    );
  });

  it('sends every reminder when woken at each time it names', () => {
    const handled = new Set<string>();
    const sent: string[] = [];
    let now = START - 72 * HOUR;
    for (;;) {
      const plan = planReminders(all, handled, START, now);
      if (plan.send) {
        handled.add(plan.send.referenceId);
        sent.push(plan.send.lead);
        continue;
      }
      if (plan.wakeAt === null) break;
      now = plan.wakeAt;
    }
    expect(sent).toEqual(['24h', '1h']);
  });
});

it('always: earliest first, before the window, after the announcement, and ids that read back', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[a-z0-9]{1,16}$/),
      fc.integer({
        min: Date.parse('2026-01-01T00:00:00Z') / 60_000,
        max: Date.parse('2030-01-01T00:00:00Z') / 60_000,
      }),
      fc.integer({ min: 0, max: 30 * 24 * 60 }),
      (maintenanceId, startMinute, aheadMinutes) => {
        const scheduledForMs = startMinute * 60_000;
        const announcedAtMs = scheduledForMs - aheadMinutes * 60_000;
        const reminders = maintenanceReminders({ maintenanceId, scheduledForMs, announcedAtMs });
        expect(reminders.map((r) => r.at)).toEqual([...reminders.map((r) => r.at)].sort((a, b) => a - b));
        for (const r of reminders) {
          expect(r.at).toBeLessThan(scheduledForMs);
          expect(r.at).toBeGreaterThan(announcedAtMs);
          expect(parseReminderReferenceId(r.referenceId)).toEqual({
            maintenanceId,
            lead: r.lead,
            scheduledFor: new Date(scheduledForMs),
          });
        }
      },
    ),
  );
});

it('reads nothing else as a reminder id', () => {
  for (const id of [
    'm1',
    'm1:reminder:2h:2026-12-20T02:00',
    'm1:reminder:1h:2026-12-20',
    'reminder:1h:2026-12-20T02:00',
  ])
    expect(parseReminderReferenceId(id)).toBeNull();
});
