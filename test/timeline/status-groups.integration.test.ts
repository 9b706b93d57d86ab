/**
 * Story: VRChat's status turns to a partial outage with components down in two groups. The status
 * alert lists them under their group names, as /status does.
 */
import { summary, vrchatComponents } from '../fakes/statuspage-builders';
import { startTimeline, type Timeline } from './harness';

const PATH = '/api/v2/summary.json';
let timeline: Timeline;
beforeEach(async () => {
  timeline = await startTimeline();
});
afterEach(async () => {
  await timeline.close();
});

it('groups the components that are not operational under their group names', async () => {
  timeline.serve(PATH, summary({ updatedAt: '2026-11-25T10:00:00.000Z', indicator: 'none' }));
  expect(await timeline.poll('status', '2026-11-25T10:01:00Z')).toEqual([]);

  timeline.serve(
    PATH,
    summary({
      updatedAt: '2026-11-25T11:00:00.000Z',
      indicator: 'major',
      components: vrchatComponents({
        apiGroup: 'partial_outage',
        login: 'major_outage',
        uploads: 'degraded_performance',
        networkGroup: 'partial_outage',
        frankfurt: 'partial_outage',
      }),
    }),
  );
  const [alert] = await timeline.poll('status', '2026-11-25T11:01:00Z');
  expect(alert?.type).toBe('status');
  const fields = Object.fromEntries(alert!.embed.fields.map((f) => [f.name, f.value]));
  expect(fields['API / Website']).toMatch(/Login & Accounts[\s\S]*Content Uploads/);
  expect(fields['API / Website']).not.toMatch(/Frankfurt/);
  expect(fields['Realtime Networking']).toMatch(/Europe \(Frankfurt\)/);
});
