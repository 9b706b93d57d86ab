import {
  CATCH_UP_WINDOW_MS,
  deriveIncidentFacts,
  deriveMaintenanceFacts,
  deriveStatusFacts,
  type ObservedIncident,
  type ObservedIncidentUpdate,
} from '../../src/polling/facts';

const t = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 12, 0) + minutes * 60_000);
const BASE = t(0);
const NOW = t(600);

const incident = (id: string, status: string, createdAt: Date, updatedAt = createdAt): ObservedIncident => ({
  id,
  status,
  createdAt,
  updatedAt,
});
const update = (
  id: string,
  incidentId: string,
  status: string,
  createdAt: Date,
  publishedAt = createdAt,
): ObservedIncidentUpdate => ({ id, incidentId, status, createdAt, publishedAt });

const ids = (facts: { type: string; referenceId: string }[]) =>
  facts.map((f) => `${f.type}:${f.referenceId}`).sort();

describe('deriveIncidentFacts', () => {
  it('alerts only the open incidents of the baseline, not their updates or resolved history', () => {
    const facts = deriveIncidentFacts({
      baselineAt: BASE,
      now: BASE,
      incidents: [incident('open1', 'investigating', BASE), incident('old', 'resolved', BASE)],
      updates: [
        update('u1', 'open1', 'investigating', BASE, t(-30)),
        update('u2', 'old', 'investigating', BASE, t(-300)),
        update('u3', 'old', 'resolved', BASE, t(-200)),
      ],
    });
    expect(ids(facts)).toEqual(['incident:open1']);
  });

  it('alerts a new incident once, with the updates that came with it folded into it', () => {
    const facts = deriveIncidentFacts({
      baselineAt: BASE,
      now: NOW,
      incidents: [incident('new', 'identified', t(100))],
      updates: [update('a', 'new', 'investigating', t(100)), update('b', 'new', 'identified', t(100))],
    });
    expect(ids(facts)).toEqual(['incident:new']);
  });

  it('alerts each later update, and the resolution as incident_resolved rather than as an update', () => {
    const facts = deriveIncidentFacts({
      baselineAt: BASE,
      now: NOW,
      incidents: [incident('x', 'resolved', t(100), t(300))],
      updates: [
        update('a', 'x', 'investigating', t(100)),
        update('b', 'x', 'monitoring', t(200)),
        update('c', 'x', 'resolved', t(300)),
      ],
    });
    expect(ids(facts)).toEqual(['incident:x', 'incident_resolved:x', 'incident_update:b']);
  });

  it('does not call a postmortem on an old incident a new resolution, but reports it as an update', () => {
    const facts = deriveIncidentFacts({
      baselineAt: BASE,
      now: NOW,
      incidents: [incident('old', 'postmortem', BASE, t(400))],
      updates: [update('r', 'old', 'resolved', BASE, t(-100)), update('pm', 'old', 'postmortem', t(400))],
    });
    expect(ids(facts)).toEqual(['incident_update:pm']);
  });

  it('alerts an incident first seen already resolved (after the baseline) as new, not as resolved', () => {
    const facts = deriveIncidentFacts({
      baselineAt: BASE,
      now: NOW,
      incidents: [incident('retro', 'resolved', t(50))],
      updates: [update('a', 'retro', 'investigating', t(50)), update('b', 'retro', 'resolved', t(50))],
    });
    expect(ids(facts)).toEqual(['incident:retro']);
  });

  it('alerts the safety-net resolution of an incident that vanished while open', () => {
    const facts = deriveIncidentFacts({
      baselineAt: BASE,
      now: NOW,
      incidents: [incident('gone', 'resolved', BASE, t(500))],
      updates: [update('a', 'gone', 'investigating', BASE)],
    });
    // (its `incident` fact was emitted while it was open; a resolved baseline incident is history)
    expect(ids(facts)).toEqual(['incident_resolved:gone']);
  });

  it('stops emitting facts once they are older than the catch-up window', () => {
    const later = new Date(t(100).getTime() + CATCH_UP_WINDOW_MS + 1);
    const facts = deriveIncidentFacts({
      baselineAt: BASE,
      now: later,
      incidents: [incident('x', 'investigating', t(100))],
      updates: [update('a', 'x', 'investigating', t(100))],
    });
    expect(facts).toEqual([]);
  });

  it('reports when each fact was observed', () => {
    const [fact] = deriveIncidentFacts({
      baselineAt: BASE,
      now: NOW,
      incidents: [incident('x', 'investigating', t(100))],
      updates: [],
    });
    expect(fact).toEqual({ type: 'incident', referenceId: 'x', observedAt: t(100).toISOString() });
  });
});

describe('deriveMaintenanceFacts', () => {
  it('gives the fact of each state: announced, started, completed after being seen open; nothing once removed', () => {
    const facts = deriveMaintenanceFacts(
      [
        { id: 's', status: 'scheduled', createdAt: t(10), statusChangedAt: t(10), removed: false },
        { id: 'p', status: 'in_progress', createdAt: t(10), statusChangedAt: t(20), removed: false },
        { id: 'v', status: 'verifying', createdAt: t(10), statusChangedAt: t(30), removed: false },
        { id: 'c', status: 'completed', createdAt: t(10), statusChangedAt: t(40), removed: false },
        { id: 'history', status: 'completed', createdAt: t(10), statusChangedAt: t(10), removed: false },
        { id: 'cancelled', status: 'scheduled', createdAt: t(10), statusChangedAt: t(10), removed: true },
      ],
      NOW,
    );
    expect(ids(facts)).toEqual([
      'maintenance:s',
      'maintenance_completed:c',
      'maintenance_started:p',
      'maintenance_started:v',
    ]);
  });

  it('forgets states observed before the window', () => {
    const old = new Date(NOW.getTime() - CATCH_UP_WINDOW_MS - 1);
    expect(
      deriveMaintenanceFacts(
        [{ id: 's', status: 'scheduled', createdAt: old, statusChangedAt: old, removed: false }],
        NOW,
      ),
    ).toEqual([]);
  });
});

describe('deriveStatusFacts', () => {
  const snap = (indicator: string, minute: number) => ({
    indicator,
    sourceTimestamp: t(minute),
    createdAt: t(minute + 1),
  });

  it('alerts every change of indicator after the first snapshot, and nothing for the baseline', () => {
    const facts = deriveStatusFacts(
      [snap('minor', 0), snap('minor', 10), snap('major', 20), snap('none', 30)],
      NOW,
    );
    expect(facts.map((f) => f.referenceId)).toEqual([
      `major_${t(20).toISOString()}`,
      `none_${t(30).toISOString()}`,
    ]);
    expect(facts.every((f) => f.type === 'status')).toBe(true);
  });

  it('returns nothing for a single snapshot or an unchanged indicator', () => {
    expect(deriveStatusFacts([snap('major', 0)], NOW)).toEqual([]);
    expect(deriveStatusFacts([snap('none', 0), snap('none', 5)], NOW)).toEqual([]);
  });
});
