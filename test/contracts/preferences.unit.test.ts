/** What a recipient's choices let through, and whom they ping (pure). */
import fc from 'fast-check';
import type { AlertContent } from '../../src/contracts/alert-content';
import { ALERT_TYPES, type AlertType } from '../../src/contracts/alerts';
import {
  ALERT_KINDS,
  alertKind,
  IMPACTS,
  impactRank,
  mentionedRole,
  passesFilter,
  preferencesOf,
  type PreferenceRow,
} from '../../src/contracts/preferences';

const incident = (type: AlertType, impact: string) =>
  ({ type, referenceId: 'i1', incidentId: 'i1', impact }) as unknown as AlertContent;
const other = (type: AlertType) => ({ type, referenceId: 'r1' }) as unknown as AlertContent;

const DEFAULT_ROW: PreferenceRow = {
  style: 'lifecycle',
  incidents: true,
  maintenances: true,
  status: true,
  metrics: true,
  reports: true,
  minImpact: 'none',
  mentionRoleId: null,
  mentionMinImpact: 'major',
  mentionMaintenance: false,
};

it('gives every alert type but the test a kind', () => {
  for (const type of ALERT_TYPES) {
    if (type === 'test') expect(alertKind(type)).toBeNull();
    else expect(ALERT_KINDS).toContain(alertKind(type));
  }
});

it('lets through exactly the kinds left on, and incidents from the minimum impact on', () => {
  fc.assert(
    fc.property(
      fc.subarray([...ALERT_KINDS]),
      fc.constantFrom(...IMPACTS),
      fc.constantFrom(...ALERT_TYPES),
      fc.constantFrom(...IMPACTS, 'maintenance'),
      (off, minImpact, type, impact) => {
        const content = type.startsWith('incident') ? incident(type, impact) : other(type);
        const kind = alertKind(type);
        const expected =
          kind === null ||
          (!off.includes(kind) && (kind !== 'incidents' || impactRank(impact) >= impactRank(minImpact)));
        expect(passesFilter({ off, minImpact }, content)).toBe(expected);
        // no filter: everything
        expect(passesFilter(undefined, content)).toBe(true);
      },
    ),
  );
});

it("lets an incident's updates through to who already got it, whatever its impact now; never a new incident", () => {
  const filter = { off: [], minImpact: 'major' as const };
  expect(passesFilter(filter, incident('incident_update', 'minor'))).toBe(false);
  expect(passesFilter(filter, incident('incident_update', 'minor'), true)).toBe(true);
  expect(passesFilter(filter, incident('incident_resolved', 'none'), true)).toBe(true);
  expect(passesFilter(filter, incident('incident', 'minor'), true)).toBe(false);
  expect(
    passesFilter({ off: ['incidents'], minImpact: 'none' }, incident('incident_update', 'major'), true),
  ).toBe(false);
});

it('pings the role for a new incident of at least its impact and, if asked, a maintenance start; never for updates', () => {
  const mention = { roleId: '123456789012345678', minImpact: 'major' as const, maintenance: true };
  expect(mentionedRole(mention, incident('incident', 'critical'))).toBe(mention.roleId);
  expect(mentionedRole(mention, incident('incident', 'major'))).toBe(mention.roleId);
  expect(mentionedRole(mention, incident('incident', 'minor'))).toBeNull();
  expect(mentionedRole(mention, incident('incident_update', 'critical'))).toBeNull();
  expect(mentionedRole(mention, incident('incident_resolved', 'critical'))).toBeNull();
  expect(mentionedRole(mention, other('maintenance_started'))).toBe(mention.roleId);
  expect(mentionedRole({ ...mention, maintenance: false }, other('maintenance_started'))).toBeNull();
  expect(mentionedRole(mention, other('maintenance'))).toBeNull();
  expect(mentionedRole(undefined, incident('incident', 'critical'))).toBeNull();
});

it('reads a preferences row as only what differs from the defaults', () => {
  expect(preferencesOf(DEFAULT_ROW)).toEqual({});
  expect(preferencesOf({ ...DEFAULT_ROW, metrics: false, minImpact: 'minor', style: 'separate' })).toEqual({
    style: 'separate',
    filter: { off: ['metrics'], minImpact: 'minor' },
  });
  expect(preferencesOf({ ...DEFAULT_ROW, mentionRoleId: '42', mentionMinImpact: 'bogus' })).toEqual({
    mention: { roleId: '42', minImpact: 'major', maintenance: false },
  });
  // an unknown stored value falls back to the default rather than filtering everything
  expect(preferencesOf({ ...DEFAULT_ROW, minImpact: 'extreme', style: 'fancy' })).toEqual({});
});
