/**
 * Story: an incident opened five days ago is still open. Today VRChat posts an update and then
 * resolves it: both alert, whatever the incident's age (the 72-hour window limits how old an
 * update may be, not its incident).
 */
import { incident, incidentsPayload, type UpdateSpec } from '../fakes/statuspage-builders';
import { ids, startTimeline, type Timeline } from './harness';

const PATH = '/api/v2/incidents.json';
let timeline: Timeline;
beforeEach(async () => {
  timeline = await startTimeline();
});
afterEach(async () => {
  await timeline.close();
});

const opened: UpdateSpec = {
  id: 'upld0upd0001',
  status: 'investigating',
  body: 'Uploads are failing for some creators.',
  createdAt: '2026-11-20T10:00:00.000Z',
};
const today: UpdateSpec = {
  id: 'upld0upd0002',
  status: 'identified',
  body: 'We found the cause and are rolling out a fix.',
  createdAt: '2026-11-25T10:00:00.000Z',
};
const fixed: UpdateSpec = {
  id: 'upld0upd0003',
  status: 'resolved',
  body: 'Uploads work again.',
  createdAt: '2026-11-25T12:00:00.000Z',
};
const uploads = (status: string, updates: UpdateSpec[]) =>
  incidentsPayload([
    incident({
      id: 'uploads0fail',
      name: 'Uploads failing',
      status,
      impact: 'minor',
      createdAt: '2026-11-20T10:00:00.000Z',
      updates,
    }),
  ]);

it('alerts a new update and the resolution of an incident opened five days ago', async () => {
  timeline.serve(PATH, uploads('investigating', [opened]));
  expect(ids(await timeline.poll('incidents', '2026-11-20T10:01:00Z'))).toEqual(['incident:uploads0fail']);
  // five quiet days
  for (const day of ['21', '22', '23', '24']) {
    expect(await timeline.poll('incidents', `2026-11-${day}T10:00:00Z`)).toEqual([]);
  }

  timeline.serve(PATH, uploads('identified', [opened, today]));
  const [update] = await timeline.poll('incidents', '2026-11-25T10:01:00Z');
  expect(update?.type).toBe('incident_update');
  expect(update?.embed.description).toBe('We found the cause and are rolling out a fix.');

  timeline.serve(PATH, uploads('resolved', [opened, today, fixed]));
  const [resolution] = await timeline.poll('incidents', '2026-11-25T12:01:00Z');
  expect(resolution?.type).toBe('incident_resolved');
  expect(resolution?.embed.description).toBe('Uploads work again.');
});
