/**
 * Story: a maintenance is announced, edited, started and completed. Each status change alerts once
 * with the words VRChat posted for it; the edit of its title and window alerts nothing.
 */
import { maintenance, maintenancesPayload, type UpdateSpec } from '../fakes/statuspage-builders';
import { ids, startTimeline, type Timeline } from './harness';

const PATH = '/api/v2/scheduled-maintenances.json';
let timeline: Timeline;
beforeEach(async () => {
  timeline = await startTimeline();
});
afterEach(async () => {
  await timeline.close();
});

const announced: UpdateSpec = {
  id: 'upd0announce',
  status: 'scheduled',
  body: 'We will restart the **instance servers**.<br />Expect 30 minutes of downtime.',
  createdAt: '2026-11-25T10:00:00.000Z',
};
const started: UpdateSpec = {
  id: 'upd00started',
  status: 'in_progress',
  body: 'Maintenance has begun.',
  createdAt: '2026-11-26T08:00:00.000Z',
};
const completed: UpdateSpec = {
  id: 'upd0complete',
  status: 'completed',
  body: 'All servers are back.',
  createdAt: '2026-11-26T08:40:00.000Z',
};
const restart = (status: string, updates: UpdateSpec[], edited = false) =>
  maintenancesPayload([
    maintenance({
      id: 'restart0mnt1',
      name: edited ? 'Instance server restart (moved)' : 'Instance server restart',
      status,
      scheduledFor: edited ? '2026-11-26T08:00:00.000Z' : '2026-11-26T07:00:00.000Z',
      scheduledUntil: '2026-11-26T09:00:00.000Z',
      createdAt: '2026-11-25T10:00:00.000Z',
      updates,
    }),
  ]);

it('alerts announced, started and completed, each with its own update text, and nothing for an edit', async () => {
  timeline.serve(PATH, maintenancesPayload([]));
  expect(await timeline.poll('maintenances', '2026-11-25T09:00:00Z')).toEqual([]); // first start: nothing yet

  timeline.serve(PATH, restart('scheduled', [announced]));
  const [announcement] = await timeline.poll('maintenances', '2026-11-25T10:01:00Z');
  expect(announcement?.type).toBe('maintenance');
  expect(announcement?.embed.title).toBe('Scheduled maintenance: Instance server restart');
  expect(announcement?.embed.description).toBe(
    'We will restart the **instance servers**.\nExpect 30 minutes of downtime.',
  );

  // VRChat moves the window and renames it: stored, not alerted
  timeline.serve(PATH, restart('scheduled', [announced], true));
  expect(await timeline.poll('maintenances', '2026-11-25T18:00:00Z')).toEqual([]);
  expect(timeline.lastResult?.written).toEqual({ maintenances_updated: 1 });

  timeline.serve(PATH, restart('in_progress', [announced, started], true));
  const [start] = await timeline.poll('maintenances', '2026-11-26T08:01:00Z');
  expect(start?.type).toBe('maintenance_started');
  expect(start?.embed.title).toBe('Maintenance started: Instance server restart (moved)');
  expect(start?.embed.description).toBe('Maintenance has begun.');

  // another edit while it runs: still nothing
  timeline.serve(PATH, restart('in_progress', [announced, started]));
  expect(await timeline.poll('maintenances', '2026-11-26T08:20:00Z')).toEqual([]);

  timeline.serve(PATH, restart('completed', [announced, started, completed]));
  const [done] = await timeline.poll('maintenances', '2026-11-26T08:41:00Z');
  expect(done?.type).toBe('maintenance_completed');
  expect(done?.embed.description).toBe('All servers are back.');

  // listed as completed from now on, edited once more: nothing more
  timeline.serve(PATH, restart('completed', [announced, started, completed], true));
  expect(await timeline.poll('maintenances', '2026-11-26T12:00:00Z')).toEqual([]);
});

it('a maintenance first seen completed is history, and editing it later is not a completion', async () => {
  timeline.serve(PATH, restart('completed', [announced, started, completed]));
  expect(await timeline.poll('maintenances', '2026-11-26T09:00:00Z')).toEqual([]);
  timeline.serve(PATH, restart('completed', [announced, started, completed], true));
  expect(ids(await timeline.poll('maintenances', '2026-11-26T10:00:00Z'))).toEqual([]);
});
