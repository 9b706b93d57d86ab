/**
 * Story: maintenances that stop being listed. One removed before its window (cancelled) is never
 * "completed"; one gone after its window ended is completed, but only once its absence has lasted
 * three polls, and a one-poll blip of an empty list changes nothing.
 */
import { maintenance, maintenancesPayload } from '../fakes/statuspage-builders';
import { ids, startTimeline, type Timeline } from './harness';

const PATH = '/api/v2/scheduled-maintenances.json';
let timeline: Timeline;
beforeEach(async () => {
  timeline = await startTimeline();
});
afterEach(async () => {
  await timeline.close();
});

const planned = (status: string) =>
  maintenance({
    id: 'planned0mnt1',
    name: 'Database migration',
    status,
    scheduledFor: '2026-11-26T07:00:00.000Z',
    scheduledUntil: '2026-11-26T09:00:00.000Z',
    createdAt: '2026-11-25T10:00:00.000Z',
    updates: [{ id: 'planned0upd1', status, body: 'Planned.', createdAt: '2026-11-25T10:00:00.000Z' }],
  });
const minutesAfter = (iso: string, minutes: number) => Date.parse(iso) + minutes * 60_000;

it('a maintenance removed before its window is not announced as completed, then or later', async () => {
  timeline.serve(PATH, maintenancesPayload([]));
  await timeline.poll('maintenances', '2026-11-25T09:00:00Z');
  timeline.serve(PATH, maintenancesPayload([planned('scheduled')]));
  expect(ids(await timeline.poll('maintenances', '2026-11-25T10:01:00Z'))).toEqual([
    'maintenance:planned0mnt1',
  ]);

  // VRChat deletes it the evening before
  timeline.serve(PATH, maintenancesPayload([]));
  const written: Record<string, number>[] = [];
  for (let minute = 0; minute < 5; minute++) {
    expect(await timeline.poll('maintenances', minutesAfter('2026-11-25T20:00:00Z', minute))).toEqual([]);
    written.push(timeline.lastResult!.written);
  }
  // believed removed at the third poll without it
  expect(written).toEqual([{}, {}, { maintenances_removed: 1 }, {}, {}]);
  // long after its window would have ended
  expect(await timeline.poll('maintenances', '2026-11-26T12:00:00Z')).toEqual([]);
});

it('one gone after its window is completed after three polls without it; a one-poll blip is nothing', async () => {
  timeline.serve(PATH, maintenancesPayload([]));
  await timeline.poll('maintenances', '2026-11-26T06:00:00Z');
  timeline.serve(PATH, maintenancesPayload([planned('in_progress')]));
  expect(ids(await timeline.poll('maintenances', '2026-11-26T07:01:00Z'))).toEqual([
    'maintenance_started:planned0mnt1',
  ]);

  // a blip inside the window: an empty list once, then listed again
  timeline.serve(PATH, maintenancesPayload([]));
  expect(await timeline.poll('maintenances', '2026-11-26T08:00:00Z')).toEqual([]);
  timeline.serve(PATH, maintenancesPayload([planned('in_progress')]));
  expect(await timeline.poll('maintenances', '2026-11-26T08:01:00Z')).toEqual([]);

  // after the window VRChat drops it without marking it completed
  timeline.serve(PATH, maintenancesPayload([]));
  expect(await timeline.poll('maintenances', '2026-11-26T09:10:00Z')).toEqual([]);
  expect(await timeline.poll('maintenances', '2026-11-26T09:11:00Z')).toEqual([]);
  const [completed] = await timeline.poll('maintenances', '2026-11-26T09:12:00Z');
  expect(completed?.type).toBe('maintenance_completed');
  expect(completed?.embed.title).toBe('Maintenance completed: Database migration');
  expect(timeline.lastResult?.written).toEqual({ maintenances_completed_missing: 1 });
});
