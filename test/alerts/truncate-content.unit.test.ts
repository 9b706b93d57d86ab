import { type AlertType, ALERT_TYPES } from '../../src/contracts/alerts';
import type { AlertContent } from '../../src/contracts/alert-content';
import { TRANSPORT_LIMITS, truncateAlertContent } from '../../src/alerts/truncate-content';
import { buildAlertEmbed } from '../../src/alerts/embeds';
import { embedProblems } from '../discord/presentation/embed-problems';
import { hasLoneSurrogate } from '../../src/discord/presentation';
import {
  at,
  incidentContent,
  maintenanceContent,
  metricContent,
  statusContent,
  T0,
  thresholdContent,
} from './fixtures';

const EXAMPLES: Record<AlertType, AlertContent> = {
  status: statusContent(),
  incident: incidentContent(),
  incident_update: incidentContent({ type: 'incident_update' }),
  incident_resolved: incidentContent({ type: 'incident_resolved', status: 'resolved', resolvedAt: at(60) }),
  maintenance: maintenanceContent(),
  maintenance_started: maintenanceContent({ type: 'maintenance_started', status: 'in_progress' }),
  maintenance_completed: maintenanceContent({ type: 'maintenance_completed', status: 'completed' }),
  maintenance_reminder: maintenanceContent({
    type: 'maintenance_reminder',
    referenceId: 'mnt1:reminder:1h:2026-12-20T02:00',
  }),
  threshold: thresholdContent(),
  metric: metricContent(),
  metric_recovered: metricContent({ type: 'metric_recovered', value: 300 }),
  test: { type: 'test', referenceId: 'test_1300000000000000001', requestedAt: T0 },
};

describe('AlertContent', () => {
  it('has a shape for every alert type, each rendering in both languages', () => {
    for (const type of ALERT_TYPES) {
      const content = EXAMPLES[type];
      expect(content.type).toBe(type);
      for (const language of ['en', 'ko'] as const)
        expect(embedProblems(buildAlertEmbed(content, language))).toEqual([]);
    }
  });

  it('is plain JSON (survives Temporal history unchanged)', () => {
    for (const content of Object.values(EXAMPLES))
      expect(JSON.parse(JSON.stringify(content))).toEqual(content);
  });
});

describe('truncateAlertContent', () => {
  it('leaves ordinary content unchanged', () => {
    for (const content of Object.values(EXAMPLES)) expect(truncateAlertContent(content)).toEqual(content);
  });

  it('caps titles, bodies and names, never identifiers or times', () => {
    const body = '🚨 VRChat login is down. '.repeat(1000);
    const incident = incidentContent({
      referenceId: 'r'.repeat(300),
      incidentId: 'i'.repeat(300),
      title: 'T'.repeat(1000),
      latestUpdate: { status: 'identified', body, publishedAt: T0 },
    });
    const capped = truncateAlertContent(incident);
    expect(capped.referenceId).toBe(incident.referenceId);
    expect(capped.incidentId).toBe(incident.incidentId);
    expect(capped.startedAt).toBe(incident.startedAt);
    expect(capped.title).toHaveLength(TRANSPORT_LIMITS.title);
    expect(capped.title.endsWith('…')).toBe(true);
    expect(capped.latestUpdate?.body.length).toBeLessThanOrEqual(TRANSPORT_LIMITS.body);
    expect(capped.latestUpdate?.body.length).toBeGreaterThan(TRANSPORT_LIMITS.body - 64);
    expect(hasLoneSurrogate(capped.latestUpdate?.body ?? '')).toBe(false);
    expect(capped.latestUpdate?.publishedAt).toBe(T0);
    // The input is not modified, and capping twice changes nothing.
    expect(incident.title).toHaveLength(1000);
    expect(truncateAlertContent(capped)).toEqual(capped);
  });

  it('drops a URL too long to be cut', () => {
    const long = `https://stspg.io/${'a'.repeat(3000)}`;
    expect(truncateAlertContent(incidentContent({ url: long })).url).toBeNull();
    expect(truncateAlertContent(maintenanceContent({ url: long })).url).toBeNull();
    expect(truncateAlertContent(incidentContent()).url).toBe('https://stspg.io/abc123');
  });

  it('caps component lists and names, and report times', () => {
    const components = Array.from({ length: 150 }, (_, i) => ({
      name: `${'n'.repeat(200)}${i}`,
      status: 'major_outage',
      group: i % 2 === 0 ? null : 'g'.repeat(200),
    }));
    const status = truncateAlertContent(statusContent({ components, description: 'd'.repeat(1000) }));
    expect(status.components).toHaveLength(TRANSPORT_LIMITS.components);
    expect(status.components.every((c) => c.name.length <= TRANSPORT_LIMITS.name)).toBe(true);
    expect(status.components[0]?.group).toBeNull();
    expect(status.components[1]?.group).toHaveLength(TRANSPORT_LIMITS.name);
    expect(status.description).toHaveLength(TRANSPORT_LIMITS.description);

    const threshold = truncateAlertContent(
      thresholdContent({ recentReportTimes: [at(7), at(6), at(5), at(4), at(3), at(2), at(1)] }),
    );
    expect(threshold.recentReportTimes).toEqual([at(7), at(6), at(5), at(4), at(3)]);
  });

  it('keeps a capped status word, so an absurd value cannot bloat history', () => {
    const capped = truncateAlertContent(
      incidentContent({ status: 's'.repeat(500), impact: 'i'.repeat(500) }),
    );
    expect(capped.status.length).toBeLessThanOrEqual(TRANSPORT_LIMITS.word);
    expect(capped.impact.length).toBeLessThanOrEqual(TRANSPORT_LIMITS.word);
  });
});
