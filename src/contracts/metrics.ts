/**
 * VRCPulse's own Prometheus series, served with the Temporal SDK's on the worker's METRICS_PORT
 * (and the bot's, when it runs alone). One list, so workflows, activities and processes use the
 * same names and an operator finds them all in one place (docs/operations.md, "Metrics").
 *
 * Names follow Prometheus conventions: snake_case with the `vrcpulse_` prefix, the unit as a
 * suffix (`_seconds`), and counters get `_total` from the exporter. Durations are seconds.
 */
export interface MetricDefinition {
  name: string;
  help: string;
}

const define = <T extends Record<string, MetricDefinition>>(metrics: T): T => metrics;

/** Counters (the exporter appends `_total`). */
export const COUNTERS = define({
  alertsDelivered: {
    name: 'vrcpulse_alert_recipients_delivered',
    help: 'alert messages delivered to a recipient (a server channel or a DM), by alert_type',
  },
  alertsFailed: {
    name: 'vrcpulse_alert_recipients_failed',
    help: 'alert recipients Discord refused for good (no access, unknown channel, DMs closed), by alert_type',
  },
  alertsExpired: {
    name: 'vrcpulse_alert_recipients_expired',
    help: 'alert recipients never reached before the alert expired (ALERT_MAX_AGE), by alert_type',
  },
  reports: {
    name: 'vrcpulse_reports',
    help: 'player /report submissions, by report_type and outcome (accepted, cooldown, not_registered)',
  },
  discordRateLimited: {
    name: 'vrcpulse_discord_rate_limited',
    help: 'Discord answers 429 Too Many Requests, by scope (global, user, shared)',
  },
  discordInvalidRequests: {
    name: 'vrcpulse_discord_invalid_requests',
    help: "Discord answers 401, 403 and 429 (not scope shared), by status: 10,000 in 10 minutes get the host's IP banned",
  },
});

/** Gauges. */
export const GAUGES = define({
  sourceLastSuccessAge: {
    name: 'vrcpulse_source_last_success_age_seconds',
    help: "seconds since the source's poll loop last succeeded (since the worker started, when it has not yet), by source",
  },
  sourceConsecutiveFailures: {
    name: 'vrcpulse_source_consecutive_failures',
    help: "the source's poll cycles failed in a row (0 after a success), by source",
  },
  eventLoopDelayP99: {
    name: 'vrcpulse_event_loop_delay_p99_seconds',
    help: "the event loop's delay, 99th percentile over the last 10 s, by process",
  },
  eventLoopDelayMax: {
    name: 'vrcpulse_event_loop_delay_max_seconds',
    help: "the event loop's longest delay over the last 10 s, by process",
  },
});

export type CounterName = keyof typeof COUNTERS;
export type GaugeName = keyof typeof GAUGES;
