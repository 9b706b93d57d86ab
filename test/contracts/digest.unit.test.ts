/** When an alert folds into a storm digest, and the thresholds from bot_config (pure). */
import type { AlertContent } from '../../src/contracts/alert-content';
import {
  DEFAULT_DIGEST_SETTINGS,
  digestSettings,
  foldsIntoDigest,
  isUrgentAlert,
  withItem,
} from '../../src/contracts/digest';

const incident = (type: string, impact: string) =>
  ({ type, impact, referenceId: 'i1' }) as unknown as AlertContent;

it('never folds a new major or critical incident, nor a test; folds anything else past the threshold', () => {
  const settings = DEFAULT_DIGEST_SETTINGS;
  expect(isUrgentAlert(incident('incident', 'major'))).toBe(true);
  expect(isUrgentAlert(incident('incident', ' Critical '))).toBe(true);
  expect(isUrgentAlert(incident('incident', 'minor'))).toBe(false);
  expect(isUrgentAlert(incident('incident_update', 'critical'))).toBe(false);
  expect(foldsIntoDigest(incident('incident', 'critical'), 50, settings)).toBe(false);
  expect(foldsIntoDigest({ type: 'test', referenceId: 't', requestedAt: '' }, 50, settings)).toBe(false);
  expect(foldsIntoDigest(incident('incident', 'minor'), 4, settings)).toBe(false);
  expect(foldsIntoDigest(incident('incident', 'minor'), 5, settings)).toBe(true); // the sixth in the window
  expect(foldsIntoDigest(incident('incident_update', 'critical'), 5, settings)).toBe(true);
});

it('reads the thresholds from bot_config, the default for what is absent or out of range', () => {
  expect(digestSettings({})).toEqual({ maxAlerts: 5, windowMinutes: 10 });
  expect(digestSettings({ 'digest.max_alerts': '8', 'digest.window_minutes': '30' })).toEqual({
    maxAlerts: 8,
    windowMinutes: 30,
  });
  expect(digestSettings({ 'digest.max_alerts': '0', 'digest.window_minutes': 'soon' })).toEqual(
    DEFAULT_DIGEST_SETTINGS,
  );
});

it('adds an alert to a digest once', () => {
  const a = { key: 'incident:a', at: '2026-12-04T06:00:00.000Z', line: 'A' };
  const b = { key: 'incident:b', at: '2026-12-04T06:01:00.000Z', line: 'B' };
  expect(withItem([a], b)).toEqual([a, b]);
  expect(withItem([a, b], { ...a, at: 'later' })).toEqual([a, b]);
});
