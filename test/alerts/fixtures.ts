// Alert contents for the embed tests: one realistic example per alert type, overridable.
import {
  type IncidentAlertContent,
  type MaintenanceAlertContent,
  type MetricAlertContent,
  type StatusAlertContent,
  type ThresholdAlertContent,
} from '../../src/contracts/alert-content';

/** ISO time and its Unix seconds, for asserting `<t:UNIX:…>` tokens. */
export const T0 = '2026-11-25T12:00:00.000Z';
export const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const statusContent = (over: Partial<StatusAlertContent> = {}): StatusAlertContent => ({
  type: 'status',
  referenceId: `minor_${T0}`,
  indicator: 'minor',
  description: 'Minor Service Outage',
  previousIndicator: 'none',
  changedAt: T0,
  components: [
    { name: 'Login', status: 'partial_outage', group: 'API / Website' },
    { name: 'Website', status: 'degraded_performance', group: 'API / Website' },
    { name: 'Realtime Networking (USW)', status: 'major_outage', group: 'Realtime Networking' },
    { name: 'Third-Party Auth', status: 'under_maintenance', group: null },
  ],
  ...over,
});

export const incidentContent = (over: Partial<IncidentAlertContent> = {}): IncidentAlertContent => ({
  type: 'incident',
  referenceId: 'inc1',
  incidentId: 'inc1',
  title: 'Login issues',
  status: 'investigating',
  impact: 'major',
  // Statuspage local offsets are accepted; embeds show UTC.
  startedAt: '2026-11-25T04:00:00.000-08:00',
  resolvedAt: null,
  url: 'https://stspg.io/abc123',
  latestUpdate: {
    status: 'investigating',
    body: 'We are investigating reports of <b>login failures</b>.<br /><br />More soon.',
    publishedAt: '2026-11-25T12:05:00.000Z',
  },
  ...over,
});

export const maintenanceContent = (over: Partial<MaintenanceAlertContent> = {}): MaintenanceAlertContent => ({
  type: 'maintenance',
  referenceId: 'mnt1',
  maintenanceId: 'mnt1',
  title: 'Database upgrade',
  status: 'scheduled',
  scheduledFor: at(24 * 60),
  scheduledUntil: at(24 * 60 + 120),
  url: 'https://stspg.io/mnt1',
  latestUpdate: {
    status: 'scheduled',
    body: 'We will be upgrading our database.\r\nExpect short interruptions.',
    publishedAt: T0,
  },
  ...over,
});

export const thresholdContent = (over: Partial<ThresholdAlertContent> = {}): ThresholdAlertContent => ({
  type: 'threshold',
  referenceId: 'threshold_login_2026-11-25T12:00',
  reportType: 'login',
  count: 5,
  threshold: 5,
  windowMinutes: 15,
  recentReportTimes: [at(9), at(7), at(5), at(2), at(1)],
  ...over,
});

export const metricContent = (over: Partial<MetricAlertContent> = {}): MetricAlertContent => ({
  type: 'metric',
  referenceId: 'cloudfront_api_latency_2026-11-25T12',
  metric: 'api_latency',
  value: 1234.4,
  threshold: 800,
  direction: 'above',
  unit: 'ms',
  observedAt: T0,
  ...over,
});

/** Deterministic PRNG (mulberry32) for the fuzz test. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
