/**
 * The one validated read of `process.env`. Every variable listed in .env.example is parsed
 * here with zod; entry points call `loadConfig` before anything is written, and a bad value stops
 * start-up with one line that names the variable and the reason.
 */
import { DEFAULT_DELIVERY_POLICY } from './contracts/alerts';
import { isSnowflake, SNOWFLAKE_PATTERN } from './contracts/discord-ids';
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  databasePath: string;
  temporal: {
    /** Existing frontend (`host:port`); undefined means "start the embedded dev server". */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    /** Where the embedded dev server listens for gRPC (always 127.0.0.1). */
    devServerPort: number;
    uiPort: number;
    dbPath: string;
    /** Absolute path of the `temporal` CLI; undefined means "look it up on PATH". */
    cliPath: string | undefined;
    /** TLS toward TEMPORAL_ADDRESS; undefined = plain gRPC (the embedded dev server, a local cluster). */
    tls: TemporalTls | undefined;
    /** Sent as `Authorization: Bearer …` on every call (Temporal Cloud API keys). Never logged. */
    apiKey: string | undefined;
  };
  vrchat: { statusBaseUrl: string; metricsBaseUrl: string; timeoutMs: number };
  discord: {
    token: string | undefined;
    applicationId: string | undefined;
    /** REST base without the version, e.g. `https://discord.com/api`. */
    apiBaseUrl: string;
    devGuildId: string | undefined;
    ownerIds: string[];
    /** `auto` (Discord's recommended count) or how many gateway shards the bot runs. */
    shards: 'auto' | number;
    /** A gateway shard away this long ends the bot (exit 1), for its supervisor to restart. */
    gatewayTimeoutSeconds: number;
  };
  /** How long alerts keep trying while Discord is unreachable (src/contracts/alerts.ts). */
  alerts: { retryMaxDelaySeconds: number; maxAgeSeconds: number };
  /** Operators' endpoints of the worker; each undefined = off. */
  observability: {
    /** `GET /healthz` on HEALTH_HOST:HEALTH_PORT. */
    healthPort: number | undefined;
    /** The Temporal SDK's Prometheus metrics, `GET /metrics` on HEALTH_HOST:METRICS_PORT. */
    metricsPort: number | undefined;
    /** The address both listen on: 127.0.0.1 (this machine only) unless set. */
    host: string;
  };
  logLevel: LogLevel;
}

/** PEM contents read from the TEMPORAL_TLS_* files at start-up (a bad file stops start-up). */
export interface TemporalTls {
  /** The CA that signed the server's certificate; unset = the system's trusted roots. */
  ca?: Buffer;
  /** Client certificate and key for mutual TLS; both or neither. */
  clientCert?: { cert: Buffer; key: Buffer };
  /** The name the server's certificate must carry, when it differs from the address's host. */
  serverName?: string;
}

export const DEFAULTS = {
  DATABASE_PATH: './data/vrcpulse.db',
  TEMPORAL_NAMESPACE: 'default',
  TEMPORAL_TASK_QUEUE: 'vrcpulse',
  TEMPORAL_DEV_PORT: 7233,
  TEMPORAL_UI_PORT: 8233,
  TEMPORAL_DB_PATH: './data/temporal.db',
  VRCHAT_STATUS_BASE_URL: 'https://status.vrchat.com/api/v2',
  VRCHAT_METRICS_BASE_URL: 'https://d31qqo63tn8lj0.cloudfront.net',
  VRCHAT_TIMEOUT_MS: 10_000,
  DISCORD_API_BASE_URL: 'https://discord.com/api',
  DISCORD_SHARDS: 'auto',
  DISCORD_GATEWAY_TIMEOUT: 600,
  ALERT_RETRY_MAX_DELAY: DEFAULT_DELIVERY_POLICY.retryMaxDelaySeconds,
  ALERT_MAX_AGE: DEFAULT_DELIVERY_POLICY.maxAgeSeconds,
  HEALTH_HOST: '127.0.0.1',
  LOG_LEVEL: 'info' as LogLevel,
} as const;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** `.env` files often carry `NAME=`; an empty or blank value means "not set", so defaults apply. */
const unsetIfBlank = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  // prefault (not default) so the fallback runs through the same parsing and transforms.
  z.preprocess(unsetIfBlank, schema.prefault(fallback as never));

const port = z.coerce
  .number({ message: 'must be a port number (1-65535)' })
  .int('must be a port number (1-65535)')
  .min(1, 'must be a port number (1-65535)')
  .max(65535, 'must be a port number (1-65535)');

const filePath = z
  .string()
  .refine((p) => !p.includes('\0'), 'must be a file path')
  .refine((p) => !p.endsWith('/'), 'must name a file, not a folder');

const httpUrl = z
  .string()
  .refine((raw) => {
    try {
      const url = new URL(raw);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL')
  // Base URLs are joined with paths that start with '/', so a trailing slash would double it.
  .transform((raw) => raw.replace(/\/+$/, ''));

/** Loopback hosts: a plain-http URL to one of them never leaves the machine. */
const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

/** The Discord REST base carries the bot token: https, unless it points at this machine (a test fake). */
const discordUrl = httpUrl.refine((raw) => {
  const url = new URL(raw);
  return url.protocol === 'https:' || isLoopback(url.hostname);
}, 'must be an https URL (plain http only to 127.0.0.1 or localhost, where the token stays on this machine)');

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/, 'must be host:port (e.g. 127.0.0.1:7233)')
  .refine((v) => {
    const p = Number(v.slice(v.lastIndexOf(':') + 1));
    return p >= 1 && p <= 65535;
  }, 'must be host:port with a port from 1 to 65535');

const name = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be letters, digits, ".", "_" or "-"');

const snowflake = z.string().regex(SNOWFLAKE_PATTERN, 'must be a Discord id (17-20 digits)');

const token = z
  .string()
  .refine((t) => !/^bot\s/i.test(t), 'must be the bare token, without the "Bot " prefix')
  .regex(/^\S+$/, 'must not contain spaces')
  .min(20, 'is too short to be a bot token');

const ownerIds = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  )
  .refine((ids) => ids.every(isSnowflake), 'must be comma-separated Discord ids (17-20 digits)');

const timeoutMs = z.coerce
  .number({ message: 'must be a whole number of milliseconds from 100 to 120000' })
  .int('must be a whole number of milliseconds from 100 to 120000')
  .min(100, 'must be a whole number of milliseconds from 100 to 120000')
  .max(120_000, 'must be a whole number of milliseconds from 100 to 120000');

const seconds = (min: number, max: number) => {
  const rule = `must be a whole number of seconds from ${min} to ${max}`;
  return z.coerce.number({ message: rule }).int(rule).min(min, rule).max(max, rule);
};

const shards = z
  .string()
  .regex(/^(auto|[1-9]\d{0,3})$/, 'must be auto or a number of shards from 1 to 9999')
  .transform((v): 'auto' | number => (v === 'auto' ? 'auto' : Number(v)));

/** An IP address (v4 or v6) or a host name to listen on; `0.0.0.0` means every interface. */
const listenHost = z
  .string()
  .regex(
    /^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:]+|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/,
    'must be an IP address or a host name to listen on (e.g. 127.0.0.1, 0.0.0.0, ::)',
  );

const absolutePath = z.string().refine(isAbsolute, 'must be an absolute path');

/** A PEM file, read now: a missing or unreadable file stops start-up here, not at the first connection. */
const pemFile = filePath.transform((path, ctx) => {
  let contents: Buffer;
  try {
    contents = readFileSync(path);
  } catch (err) {
    ctx.addIssue({
      code: 'custom',
      message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    });
    return z.NEVER;
  }
  if (!contents.toString('latin1').includes('-----BEGIN ')) {
    ctx.addIssue({ code: 'custom', message: 'must be a PEM file (-----BEGIN ...)' });
    return z.NEVER;
  }
  return contents;
});

const onOff = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

const apiKey = z
  .string()
  .refine((k) => !/^bearer\s/i.test(k), 'must be the bare key, without the "Bearer " prefix')
  .regex(/^\S+$/, 'must not contain spaces');

const serverName = z
  .string()
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'must be a host name (e.g. my-ns.tmprl.cloud)');

/** One entry per environment variable; the key is the variable's name, so errors can name it. */
const envSchema = z.object({
  DATABASE_PATH: withDefault(filePath, DEFAULTS.DATABASE_PATH),
  TEMPORAL_ADDRESS: optional(hostPort),
  TEMPORAL_NAMESPACE: withDefault(name, DEFAULTS.TEMPORAL_NAMESPACE),
  TEMPORAL_TASK_QUEUE: withDefault(name, DEFAULTS.TEMPORAL_TASK_QUEUE),
  TEMPORAL_DEV_PORT: withDefault(port, DEFAULTS.TEMPORAL_DEV_PORT),
  TEMPORAL_UI_PORT: withDefault(port, DEFAULTS.TEMPORAL_UI_PORT),
  TEMPORAL_DB_PATH: withDefault(filePath, DEFAULTS.TEMPORAL_DB_PATH),
  TEMPORAL_CLI_PATH: optional(absolutePath),
  TEMPORAL_TLS: optional(onOff),
  TEMPORAL_TLS_CA: optional(pemFile),
  TEMPORAL_TLS_CERT: optional(pemFile),
  TEMPORAL_TLS_KEY: optional(pemFile),
  TEMPORAL_TLS_SERVER_NAME: optional(serverName),
  TEMPORAL_API_KEY: optional(apiKey),
  VRCHAT_STATUS_BASE_URL: withDefault(httpUrl, DEFAULTS.VRCHAT_STATUS_BASE_URL),
  VRCHAT_METRICS_BASE_URL: withDefault(httpUrl, DEFAULTS.VRCHAT_METRICS_BASE_URL),
  VRCHAT_TIMEOUT_MS: withDefault(timeoutMs, DEFAULTS.VRCHAT_TIMEOUT_MS),
  DISCORD_TOKEN: optional(token),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_API_BASE_URL: withDefault(discordUrl, DEFAULTS.DISCORD_API_BASE_URL),
  DISCORD_DEV_GUILD_ID: optional(snowflake),
  DISCORD_OWNER_IDS: withDefault(ownerIds, ''),
  DISCORD_SHARDS: withDefault(shards, DEFAULTS.DISCORD_SHARDS),
  DISCORD_GATEWAY_TIMEOUT: withDefault(seconds(10, 86_400), DEFAULTS.DISCORD_GATEWAY_TIMEOUT),
  // a retry at least every 10 minutes by default; 1 s lets tests and drills shorten outages
  ALERT_RETRY_MAX_DELAY: withDefault(seconds(1, 86_400), DEFAULTS.ALERT_RETRY_MAX_DELAY),
  ALERT_MAX_AGE: withDefault(seconds(10, 7 * 86_400), DEFAULTS.ALERT_MAX_AGE),
  HEALTH_HOST: withDefault(listenHost, DEFAULTS.HEALTH_HOST),
  HEALTH_PORT: optional(port),
  METRICS_PORT: optional(port),
  LOG_LEVEL: withDefault(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }), 'info'),
});

/** The variables VRCPulse reads, in the order the README documents them. */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const picked = Object.fromEntries(ENV_VARIABLES.map((key) => [key, env[key]]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    // Never echo a secret back: the message names the variable and the rule, not the value.
    const shown = SECRET_VARIABLES.has(variable) ? '' : describeValue(env[variable]);
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  const e = parsed.data;
  const temporalAddress = e.TEMPORAL_ADDRESS;
  return {
    databasePath: e.DATABASE_PATH,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      devServerPort: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      dbPath: e.TEMPORAL_DB_PATH,
      cliPath: e.TEMPORAL_CLI_PATH,
      ...temporalSecurity(e, temporalAddress),
    },
    vrchat: {
      statusBaseUrl: e.VRCHAT_STATUS_BASE_URL,
      metricsBaseUrl: e.VRCHAT_METRICS_BASE_URL,
      timeoutMs: e.VRCHAT_TIMEOUT_MS,
    },
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      apiBaseUrl: e.DISCORD_API_BASE_URL,
      devGuildId: e.DISCORD_DEV_GUILD_ID,
      ownerIds: e.DISCORD_OWNER_IDS,
      shards: e.DISCORD_SHARDS,
      gatewayTimeoutSeconds: e.DISCORD_GATEWAY_TIMEOUT,
    },
    alerts: { retryMaxDelaySeconds: e.ALERT_RETRY_MAX_DELAY, maxAgeSeconds: e.ALERT_MAX_AGE },
    observability: { healthPort: e.HEALTH_PORT, metricsPort: e.METRICS_PORT, host: e.HEALTH_HOST },
    logLevel: e.LOG_LEVEL,
  };
}

const SECRET_VARIABLES = new Set(['DISCORD_TOKEN', 'TEMPORAL_API_KEY']);

/** The rules that span several TEMPORAL_TLS_* variables, checked after each one parsed on its own. */
function temporalSecurity(
  e: z.output<typeof envSchema>,
  address: string | undefined,
): Pick<AppConfig['temporal'], 'tls' | 'apiKey'> {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_API_KEY: apiKey } = e;
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY';
    throw new ConfigError(missing, 'must be set too: a client certificate and its key go together');
  }
  const tlsDetails = e.TEMPORAL_TLS_CA ?? cert ?? e.TEMPORAL_TLS_SERVER_NAME;
  const tlsOn = e.TEMPORAL_TLS ?? (tlsDetails !== undefined || apiKey !== undefined);
  if ((tlsOn || apiKey !== undefined) && address === undefined) {
    throw new ConfigError(
      'TEMPORAL_ADDRESS',
      'must be set with TLS or an API key (the embedded dev server speaks plain gRPC on this machine)',
    );
  }
  if (e.TEMPORAL_TLS === false && tlsDetails !== undefined) {
    throw new ConfigError('TEMPORAL_TLS', 'is false but TEMPORAL_TLS_CA, _CERT or _SERVER_NAME is set');
  }
  const host = address?.slice(0, address.lastIndexOf(':'));
  if (!tlsOn && apiKey !== undefined && !(host !== undefined && isLoopback(host))) {
    throw new ConfigError(
      'TEMPORAL_TLS',
      'cannot be false with TEMPORAL_API_KEY unless TEMPORAL_ADDRESS is on this machine (the key would travel in clear text)',
    );
  }
  const tls: TemporalTls | undefined = tlsOn
    ? {
        ...(e.TEMPORAL_TLS_CA ? { ca: e.TEMPORAL_TLS_CA } : {}),
        ...(cert && key ? { clientCert: { cert, key } } : {}),
        ...(e.TEMPORAL_TLS_SERVER_NAME ? { serverName: e.TEMPORAL_TLS_SERVER_NAME } : {}),
      }
    : undefined;
  return { tls, apiKey };
}

function describeValue(value: string | undefined): string {
  if (value === undefined) return '';
  const clipped = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return ` (got ${JSON.stringify(clipped)})`;
}

/**
 * For entry points: returns the config, or prints the one-line reason to stderr and exits 1
 * before anything has been opened or written.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** The configured values no log line may show (the logger scrubs them wherever they appear). */
export function configSecrets(config: AppConfig): (string | undefined)[] {
  return [config.discord.token, config.temporal.apiKey];
}
