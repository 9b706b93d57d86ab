/**
 * Story: an incident is open when the page serves one empty incident list (a cache serving a stale
 * page). The blip alerts nothing; the incident keeps its state; when VRChat resolves it, the real
 * resolution goes out with VRChat's text.
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

const investigating: UpdateSpec = {
  id: 'login0upd001',
  status: 'investigating',
  body: 'Players cannot log in.',
  createdAt: '2026-11-25T10:00:00.000Z',
};
const resolved: UpdateSpec = {
  id: 'login0upd002',
  status: 'resolved',
  body: 'Logins work again. Sorry for the trouble!',
  createdAt: '2026-11-25T11:00:00.000Z',
};
const loginOutage = (status: string, updates: UpdateSpec[]) =>
  incidentsPayload([
    incident({
      id: 'login0outage',
      name: 'Login failures',
      status,
      impact: 'major',
      createdAt: '2026-11-25T10:00:00.000Z',
      updates,
    }),
  ]);

it('a one-poll empty list resolves nothing; the real resolution is what alerts', async () => {
  timeline.serve(PATH, incidentsPayload([]));
  await timeline.poll('incidents', '2026-11-25T09:00:00Z');
  timeline.serve(PATH, loginOutage('investigating', [investigating]));
  expect(ids(await timeline.poll('incidents', '2026-11-25T10:01:00Z'))).toEqual(['incident:login0outage']);

  timeline.serve(PATH, incidentsPayload([]));
  expect(await timeline.poll('incidents', '2026-11-25T10:30:00Z')).toEqual([]);
  expect(timeline.lastResult?.written).toEqual({});
  timeline.serve(PATH, loginOutage('investigating', [investigating]));
  expect(await timeline.poll('incidents', '2026-11-25T10:31:00Z')).toEqual([]);

  // two empty lists in a row are still not three
  timeline.serve(PATH, incidentsPayload([]));
  expect(await timeline.poll('incidents', '2026-11-25T10:40:00Z')).toEqual([]);
  expect(await timeline.poll('incidents', '2026-11-25T10:41:00Z')).toEqual([]);
  timeline.serve(PATH, loginOutage('investigating', [investigating]));
  expect(await timeline.poll('incidents', '2026-11-25T10:42:00Z')).toEqual([]);

  timeline.serve(PATH, loginOutage('resolved', [investigating, resolved]));
  const [resolution] = await timeline.poll('incidents', '2026-11-25T11:01:00Z');
  expect(resolution?.type).toBe('incident_resolved');
  expect(resolution?.embed.title).toBe('Resolved: Login failures');
  expect(resolution?.embed.description).toBe('Logins work again. Sorry for the trouble!');
});

it('an incident left out three polls in a row is believed over, once', async () => {
  timeline.serve(PATH, incidentsPayload([]));
  await timeline.poll('incidents', '2026-11-25T09:00:00Z');
  timeline.serve(PATH, loginOutage('investigating', [investigating]));
  await timeline.poll('incidents', '2026-11-25T10:01:00Z');
  timeline.serve(PATH, incidentsPayload([]));
  expect(await timeline.poll('incidents', '2026-11-25T10:30:00Z')).toEqual([]);
  expect(await timeline.poll('incidents', '2026-11-25T10:31:00Z')).toEqual([]);
  expect(ids(await timeline.poll('incidents', '2026-11-25T10:32:00Z'))).toEqual([
    'incident_resolved:login0outage',
  ]);
  expect(await timeline.poll('incidents', '2026-11-25T10:33:00Z')).toEqual([]);
});
