/** Which components a status alert lists, and under which group (pure). */
import { affectedComponents } from '../../src/alerts/content/status';

const row = (
  componentId: string,
  name: string,
  status: string,
  groupId: string | null = null,
  isGroup = false,
) => ({
  componentId,
  name,
  status,
  groupId,
  isGroup,
});

it('lists the components that are not operational under their group names', () => {
  expect(
    affectedComponents([
      row('g1', 'API / Website', 'partial_outage', null, true),
      row('c1', 'Login', 'major_outage', 'g1'),
      row('c2', 'Friends', 'operational', 'g1'),
      row('g2', 'Realtime Networking', 'degraded_performance', null, true),
      row('c3', 'Tokyo', 'degraded_performance', 'g2'),
      row('c4', 'Website', 'under_maintenance'),
    ]),
  ).toEqual([
    { name: 'Login', status: 'major_outage', group: 'API / Website' },
    { name: 'Tokyo', status: 'degraded_performance', group: 'Realtime Networking' },
    { name: 'Website', status: 'under_maintenance', group: null },
  ]);
});

it('lists a group itself only when none of its children is in the snapshot', () => {
  expect(affectedComponents([row('g1', 'Voice', 'major_outage', null, true)])).toEqual([
    { name: 'Voice', status: 'major_outage', group: null },
  ]);
});

it('leaves a component whose group is not in the snapshot without a group', () => {
  expect(affectedComponents([row('c1', 'Login', 'major_outage', 'gone')])).toEqual([
    { name: 'Login', status: 'major_outage', group: null },
  ]);
});
