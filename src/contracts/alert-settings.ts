/**
 * Alert settings from bot_config, with the defaults that apply when a key is absent. The metric
 * thresholds were chosen from what the feeds mean (docs/alerts.md): latency is normally well
 * under 250 ms and clients call 600 ms "elevated", so a 5-minute average above 1,000 ms is an outage
 * players feel; the error ratio is normally near 0 (values like 3e-6), so 5 % is unmistakable; auth
 * success normally sits in the high 90s, so under 85 % means many players cannot log in.
 */
export const METRIC_ALERT_RULES = {
  api_latency: { direction: 'above', unit: 'ms', defaultThreshold: 1000 },
  api_errors: { direction: 'above', unit: 'ratio', defaultThreshold: 0.05 },
  extauth_steam: { direction: 'below', unit: 'ratio', defaultThreshold: 0.85 },
  extauth_oculus: { direction: 'below', unit: 'ratio', defaultThreshold: 0.85 },
} as const;
export type AlertedMetric = keyof typeof METRIC_ALERT_RULES;
export const ALERTED_METRICS = Object.keys(METRIC_ALERT_RULES) as AlertedMetric[];

/**
 * How long a metric's average must stay back inside its threshold before its breach episode is
 * over (minutes). Shorter than this, a metric oscillating around its threshold would send a breach
 * and a recovery on every crossing.
 */
export const METRIC_RECOVERY_MINUTES = { default: 15, min: 1, max: 180 } as const;

/**
 * Crowd reports (docs/alerts.md): 5 distinct players from at least 2 places (servers count one each,
 * all DMs together one) within 60 minutes raise an alert; at most one alert per report type per
 * 60 minutes, and 3 an hour in all, so a few accounts cannot keep every channel busy.
 */
export const REPORT_DEFAULTS = {
  threshold: 5,
  intervalMinutes: 60,
  minSources: 2,
  typeAlertIntervalMinutes: 60,
  alertsPerHour: 3,
} as const;

export interface AlertSettings {
  metricsEnabled: boolean;
  metricThresholds: Record<AlertedMetric, number>;
  metricRecoveryMinutes: number;
  reportThreshold: number;
  reportIntervalMinutes: number;
  reportMinSources: number;
  reportTypeAlertIntervalMinutes: number;
  reportAlertsPerHour: number;
}

const positiveInt = (raw: string | undefined, fallback: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export function alertSettings(config: Record<string, string>): AlertSettings {
  const metricThresholds = Object.fromEntries(
    ALERTED_METRICS.map((metric) => {
      const raw = Number(config[`alert.metrics.${metric}`]);
      return [metric, Number.isFinite(raw) && raw >= 0 ? raw : METRIC_ALERT_RULES[metric].defaultThreshold];
    }),
  ) as Record<AlertedMetric, number>;
  return {
    metricsEnabled: config['alert.metrics.enabled'] !== 'false',
    metricThresholds,
    metricRecoveryMinutes: Math.min(
      positiveInt(config['alert.metrics.recovery_minutes'], METRIC_RECOVERY_MINUTES.default),
      METRIC_RECOVERY_MINUTES.max,
    ),
    reportThreshold: positiveInt(config.report_threshold, REPORT_DEFAULTS.threshold),
    reportIntervalMinutes: positiveInt(config.report_interval, REPORT_DEFAULTS.intervalMinutes),
    reportMinSources: positiveInt(config.report_min_sources, REPORT_DEFAULTS.minSources),
    reportTypeAlertIntervalMinutes: positiveInt(
      config.report_alert_interval,
      REPORT_DEFAULTS.typeAlertIntervalMinutes,
    ),
    reportAlertsPerHour: positiveInt(config.report_alerts_per_hour, REPORT_DEFAULTS.alertsPerHour),
  };
}
