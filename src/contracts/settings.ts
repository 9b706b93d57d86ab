/**
 * The global settings `/admin config` may change (bot_config keys): their defaults, which of them
 * the initial migration inserts, and how a typed value is checked and normalised. Pure, so the bot
 * (for a clear answer before anything is sent) and the workflow's update validator apply the same rules.
 */
import {
  ALERTED_METRICS,
  METRIC_ALERT_RULES,
  METRIC_RECOVERY_MINUTES,
  REPORT_DEFAULTS,
} from './alert-settings';
import {
  DEFAULT_POLL_INTERVAL_SECONDS,
  MAX_POLL_INTERVAL_SECONDS,
  MIN_POLL_INTERVAL_SECONDS,
  POLL_SOURCES,
  type PollSource,
} from './polling';
import {
  DEFAULT_RETENTION_BATCH_SIZE,
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_BATCH_SIZE,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_BATCH_SIZE,
  MIN_RETENTION_DAYS,
  RETENTION_TABLES,
  type RetentionTable,
} from './retention';
import { DEFAULT_DIGEST_SETTINGS, DIGEST_LIMITS } from './digest';

export const SETTING_KEYS = [
  ...POLL_SOURCES.map((source) => `polling.${source}` as const),
  'report_threshold',
  'report_interval',
  'report_min_sources',
  'report_alert_interval',
  'report_alerts_per_hour',
  'alert.metrics.enabled',
  ...ALERTED_METRICS.map((metric) => `alert.metrics.${metric}` as const),
  'alert.metrics.recovery_minutes',
  ...RETENTION_TABLES.map((table) => `retention.${table}` as const),
  'retention.batch_size',
  'digest.max_alerts',
  'digest.window_minutes',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const isSettingKey = (key: unknown): key is SettingKey =>
  typeof key === 'string' && (SETTING_KEYS as readonly string[]).includes(key);

/** What a value must look like; the bot words the refusal from this. */
export type SettingRule =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'ratio' }
  | { kind: 'boolean' };

interface SettingSpec {
  rule: SettingRule;
  defaultValue: string;
  /** Written by a migration; reset puts the default back. Unseeded keys are deleted on reset. */
  seeded: boolean;
}

const POLL_RULE: SettingRule = {
  kind: 'integer',
  min: MIN_POLL_INTERVAL_SECONDS,
  max: MAX_POLL_INTERVAL_SECONDS,
};

const metricSpec = (metric: (typeof ALERTED_METRICS)[number]): SettingSpec => ({
  // Latency is in milliseconds (up to 10 minutes); the others are ratios from 0 to 1.
  rule:
    METRIC_ALERT_RULES[metric].unit === 'ms' ? { kind: 'number', min: 1, max: 600_000 } : { kind: 'ratio' },
  defaultValue: String(METRIC_ALERT_RULES[metric].defaultThreshold),
  seeded: false,
});

const retentionSpec = (table: RetentionTable): SettingSpec => ({
  rule: { kind: 'integer', min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS },
  defaultValue: String(DEFAULT_RETENTION_DAYS[table]),
  seeded: false,
});

const integerSpec = (min: number, max: number, defaultValue: number, seeded: boolean): SettingSpec => ({
  rule: { kind: 'integer', min, max },
  defaultValue: String(defaultValue),
  seeded,
});

export const SETTINGS: Readonly<Record<SettingKey, SettingSpec>> = {
  'polling.status': { rule: POLL_RULE, defaultValue: String(DEFAULT_POLL_INTERVAL_SECONDS), seeded: true },
  'polling.incident': { rule: POLL_RULE, defaultValue: String(DEFAULT_POLL_INTERVAL_SECONDS), seeded: true },
  'polling.maintenance': {
    rule: POLL_RULE,
    defaultValue: String(DEFAULT_POLL_INTERVAL_SECONDS),
    seeded: true,
  },
  'polling.metrics': { rule: POLL_RULE, defaultValue: String(DEFAULT_POLL_INTERVAL_SECONDS), seeded: true },
  // More than 10,000 distinct reporters in a window would never be reached; a day is the longest window.
  report_threshold: integerSpec(1, 10_000, REPORT_DEFAULTS.threshold, true),
  report_interval: integerSpec(1, 1440, REPORT_DEFAULTS.intervalMinutes, true),
  // Distinct places reporters must come from; more than there are servers would never alert.
  report_min_sources: integerSpec(1, 100, REPORT_DEFAULTS.minSources, true),
  report_alert_interval: integerSpec(1, 1440, REPORT_DEFAULTS.typeAlertIntervalMinutes, false),
  report_alerts_per_hour: integerSpec(1, 60, REPORT_DEFAULTS.alertsPerHour, false),
  'alert.metrics.enabled': { rule: { kind: 'boolean' }, defaultValue: 'true', seeded: false },
  'alert.metrics.api_latency': metricSpec('api_latency'),
  'alert.metrics.api_errors': metricSpec('api_errors'),
  'alert.metrics.extauth_steam': metricSpec('extauth_steam'),
  'alert.metrics.extauth_oculus': metricSpec('extauth_oculus'),
  'alert.metrics.recovery_minutes': integerSpec(
    METRIC_RECOVERY_MINUTES.min,
    METRIC_RECOVERY_MINUTES.max,
    METRIC_RECOVERY_MINUTES.default,
    false,
  ),
  'retention.metric_logs': retentionSpec('metric_logs'),
  'retention.status_logs': retentionSpec('status_logs'),
  'retention.component_logs': retentionSpec('component_logs'),
  'retention.user_reports': retentionSpec('user_reports'),
  'retention.sent_alerts': retentionSpec('sent_alerts'),
  'retention.alert_messages': retentionSpec('alert_messages'),
  'retention.delivery_failures': retentionSpec('delivery_failures'),
  'retention.batch_size': {
    rule: { kind: 'integer', min: MIN_RETENTION_BATCH_SIZE, max: MAX_RETENTION_BATCH_SIZE },
    defaultValue: String(DEFAULT_RETENTION_BATCH_SIZE),
    seeded: false,
  },
  'digest.max_alerts': integerSpec(
    DIGEST_LIMITS.maxAlerts.min,
    DIGEST_LIMITS.maxAlerts.max,
    DEFAULT_DIGEST_SETTINGS.maxAlerts,
    false,
  ),
  'digest.window_minutes': integerSpec(
    DIGEST_LIMITS.windowMinutes.min,
    DIGEST_LIMITS.windowMinutes.max,
    DEFAULT_DIGEST_SETTINGS.windowMinutes,
    false,
  ),
};

export type SettingCheck =
  | { ok: true; value: string }
  | { ok: false; reason: 'unknown_key' }
  | { ok: false; reason: 'invalid_value'; rule: SettingRule };

const BOOLEAN_WORDS: Record<string, 'true' | 'false'> = {
  true: 'true',
  on: 'true',
  yes: 'true',
  '1': 'true',
  false: 'false',
  off: 'false',
  no: 'false',
  '0': 'false',
};

/**
 * Checks a typed value and returns it in the form stored in bot_config: integers and numbers as
 * plain decimals, ratios also accepted as percentages ("5%" -> "0.05"), booleans as true/false.
 */
export function checkSetting(key: unknown, raw: unknown): SettingCheck {
  if (!isSettingKey(key)) return { ok: false, reason: 'unknown_key' };
  const { rule } = SETTINGS[key];
  const refuse: SettingCheck = { ok: false, reason: 'invalid_value', rule };
  if (typeof raw !== 'string') return refuse;
  const text = raw.trim().toLowerCase();
  if (rule.kind === 'boolean') {
    const value = BOOLEAN_WORDS[text];
    return value ? { ok: true, value } : refuse;
  }
  const percent = rule.kind === 'ratio' && text.endsWith('%');
  const digits = percent ? text.slice(0, -1).trim() : text;
  // Plain decimals only: Number() would also take "", "0x10", "1e3" and " ".
  if (!/^-?\d+(\.\d+)?$/.test(digits)) return refuse;
  const value = percent ? Number(digits) / 100 : Number(digits);
  const [min, max] = rule.kind === 'ratio' ? [0, 1] : [rule.min, rule.max];
  if (!Number.isFinite(value) || value < min || value > max) return refuse;
  if (rule.kind === 'integer' && !Number.isInteger(value)) return refuse;
  // Round away binary noise from the percent division (5% -> 0.05, not 0.05000000000000001).
  return { ok: true, value: String(Number(value.toPrecision(12))) };
}

/** The poll loop a setting drives, for the keys that are poll intervals. */
export function pollSourceOf(key: SettingKey): PollSource | null {
  const source = key.startsWith('polling.') ? key.slice('polling.'.length) : null;
  return (POLL_SOURCES as readonly string[]).includes(source ?? '') ? (source as PollSource) : null;
}
