/** What the bot's presence says (pure). */
import { presenceName } from '../../src/bot/presence';

it('names the most severe open incident, else the overall status', () => {
  expect(presenceName({ statusDescription: 'All Systems Operational', openIncidents: [] })).toBe(
    'All Systems Operational',
  );
  expect(
    presenceName({
      statusDescription: 'Partial System Outage',
      openIncidents: [
        { title: 'Slow  image\nuploads', impact: 'minor' },
        { title: 'Login failures', impact: 'critical' },
        { title: 'Avatar errors', impact: 'major' },
      ],
    }),
  ).toBe('Incident: Login failures');
  expect(
    presenceName({
      statusDescription: null,
      openIncidents: [{ title: 'Slow  image\nuploads', impact: 'none' }],
    }),
  ).toBe('Incident: Slow image uploads');
  expect(presenceName({ statusDescription: null, openIncidents: [] })).toBe('VRChat status');
});

it("stays within Discord's 128 characters for an activity name", () => {
  const name = presenceName({
    statusDescription: null,
    openIncidents: [{ title: 'x'.repeat(500), impact: 'major' }],
  });
  expect(name).toHaveLength(128);
  expect(name.endsWith('…')).toBe(true);
});
