/**
 * Story: the incidents payload lists one incident twice. The cycle refuses it with a message
 * naming the endpoint and the id, writes nothing, and the next good payload goes through.
 */
import { incident, incidentsPayload } from '../fakes/statuspage-builders';
import { ids, startTimeline, type Timeline } from './harness';

const PATH = '/api/v2/incidents.json';
let timeline: Timeline;
beforeEach(async () => {
  timeline = await startTimeline();
});
afterEach(async () => {
  await timeline.close();
});

const outage = incident({
  id: 'dupl0incdnt1',
  name: 'Instances not loading',
  status: 'investigating',
  impact: 'major',
  createdAt: '2026-11-25T10:00:00.000Z',
  updates: [
    { id: 'dupl0upd0001', status: 'investigating', body: 'Looking.', createdAt: '2026-11-25T10:00:00.000Z' },
  ],
});

it('refuses a payload with a repeated incident id, writes nothing, and takes the next good one', async () => {
  timeline.serve(PATH, incidentsPayload([]));
  await timeline.poll('incidents', '2026-11-25T09:00:00Z');

  timeline.serve(PATH, incidentsPayload([outage, outage]));
  const refused = timeline.poll('incidents', '2026-11-25T10:01:00Z');
  await expect(refused).rejects.toMatchObject({
    type: 'MalformedPayload',
    nonRetryable: true,
    message: expect.stringMatching(/GET \/incidents\.json.*duplicate incident id "dupl0incdnt1"/s),
  });

  timeline.serve(PATH, incidentsPayload([outage]));
  expect(ids(await timeline.poll('incidents', '2026-11-25T10:02:00Z'))).toEqual(['incident:dupl0incdnt1']);
  expect(timeline.lastResult?.written).toEqual({ incidents_inserted: 1, incident_updates_inserted: 1 });
});
