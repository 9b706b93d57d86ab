import { ConfigError, DEFAULTS, ENV_VARIABLES, loadConfig } from '../../src/config';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected loadConfig to reject ' + JSON.stringify(env));
}

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      alerts: { retryMaxDelaySeconds: 600, maxAgeSeconds: 86_400 },
      databasePath: './data/vrcpulse.db',
      temporal: {
        address: undefined,
        namespace: 'default',
        taskQueue: 'vrcpulse',
        devServerPort: 7233,
        uiPort: 8233,
        dbPath: './data/temporal.db',
        cliPath: undefined,
        tls: undefined,
        apiKey: undefined,
      },
      vrchat: {
        statusBaseUrl: 'https://status.vrchat.com/api/v2',
        metricsBaseUrl: 'https://d31qqo63tn8lj0.cloudfront.net',
        timeoutMs: 10000,
      },
      discord: {
        token: undefined,
        applicationId: undefined,
        apiBaseUrl: 'https://discord.com/api',
        devGuildId: undefined,
        ownerIds: [],
        shards: 'auto',
        gatewayTimeoutSeconds: 600,
      },
      observability: { healthPort: undefined, metricsPort: undefined, host: '127.0.0.1' },
      logLevel: 'info',
    });
  });

  it('accepts plain http for the Discord REST base only on this machine', () => {
    expect(loadConfig({ DISCORD_API_BASE_URL: 'http://127.0.0.1:9000/api' }).discord.apiBaseUrl).toBe(
      'http://127.0.0.1:9000/api',
    );
    expect(loadConfig({ DISCORD_API_BASE_URL: 'http://localhost:9000/api' }).discord.apiBaseUrl).toBe(
      'http://localhost:9000/api',
    );
    expect(loadConfig({ DISCORD_API_BASE_URL: 'https://proxy.example/api' }).discord.apiBaseUrl).toBe(
      'https://proxy.example/api',
    );
  });

  it('reads the health and metrics ports, and refuses one that is not a port', () => {
    expect(loadConfig({ HEALTH_PORT: '9091', METRICS_PORT: '9464' }).observability).toEqual({
      healthPort: 9091,
      metricsPort: 9464,
      host: '127.0.0.1', // private unless HEALTH_HOST says otherwise
    });
    expect(loadConfig({ HEALTH_HOST: '0.0.0.0' }).observability.host).toBe('0.0.0.0');
    expect(loadConfig({ HEALTH_HOST: '::' }).observability.host).toBe('::');
    expect(() => loadConfig({ METRICS_PORT: 'prometheus' })).toThrow(
      'Invalid configuration: METRICS_PORT must be a port number (1-65535) (got "prometheus")',
    );
  });

  it('treats blank values as unset, as .env files write them', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', TEMPORAL_UI_PORT: '  ', LOG_LEVEL: '' })).toEqual(loadConfig({}));
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_PATH: '/var/lib/vrcpulse/db.sqlite',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'vrcpulse-prod',
      TEMPORAL_TASK_QUEUE: 'vrcpulse-main',
      TEMPORAL_DEV_PORT: '17233',
      TEMPORAL_UI_PORT: '18233',
      TEMPORAL_DB_PATH: '/tmp/t.db',
      TEMPORAL_CLI_PATH: '/usr/local/bin/temporal',
      VRCHAT_STATUS_BASE_URL: 'http://127.0.0.1:9000/api/v2/',
      VRCHAT_METRICS_BASE_URL: 'http://127.0.0.1:9001',
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_BASE_URL: 'http://127.0.0.1:9002/api',
      DISCORD_DEV_GUILD_ID: '223456789012345678',
      DISCORD_OWNER_IDS: '323456789012345678, 423456789012345678,',
      LOG_LEVEL: 'debug',
    });
    expect(config.temporal).toMatchObject({
      address: 'temporal.internal:7233',
      devServerPort: 17233,
      uiPort: 18233,
    });
    expect(config.vrchat.statusBaseUrl).toBe('http://127.0.0.1:9000/api/v2');
    expect(config.discord.ownerIds).toEqual(['323456789012345678', '423456789012345678']);
    expect(loadConfig({ DISCORD_SHARDS: '4', DISCORD_GATEWAY_TIMEOUT: '120' }).discord).toMatchObject({
      shards: 4,
      gatewayTimeoutSeconds: 120,
    });
    expect(config.logLevel).toBe('debug');
  });

  it.each([
    [
      { TEMPORAL_UI_PORT: 'abc' },
      'Invalid configuration: TEMPORAL_UI_PORT must be a port number (1-65535) (got "abc")',
    ],
    [{ TEMPORAL_UI_PORT: '70000' }, 'TEMPORAL_UI_PORT must be a port number (1-65535) (got "70000")'],
    [{ TEMPORAL_DEV_PORT: '1.5' }, 'TEMPORAL_DEV_PORT must be a port number'],
    [{ TEMPORAL_ADDRESS: 'localhost' }, 'TEMPORAL_ADDRESS must be host:port'],
    [
      { TEMPORAL_ADDRESS: 'localhost:99999' },
      'TEMPORAL_ADDRESS must be host:port with a port from 1 to 65535',
    ],
    [{ TEMPORAL_NAMESPACE: 'has space' }, 'TEMPORAL_NAMESPACE must be letters, digits'],
    [{ TEMPORAL_TASK_QUEUE: 'a/b' }, 'TEMPORAL_TASK_QUEUE must be letters, digits'],
    [{ TEMPORAL_CLI_PATH: 'temporal' }, 'TEMPORAL_CLI_PATH must be an absolute path'],
    [{ DATABASE_PATH: './data/' }, 'DATABASE_PATH must name a file, not a folder'],
    [{ TEMPORAL_DB_PATH: '/var/lib/' }, 'TEMPORAL_DB_PATH must name a file, not a folder'],
    [
      { VRCHAT_STATUS_BASE_URL: 'not a url' },
      'VRCHAT_STATUS_BASE_URL must be an http(s) URL (got "not a url")',
    ],
    [{ VRCHAT_METRICS_BASE_URL: 'ftp://x.example' }, 'VRCHAT_METRICS_BASE_URL must be an http(s) URL'],
    [
      { VRCHAT_TIMEOUT_MS: '50' },
      'VRCHAT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000',
    ],
    [{ DISCORD_API_BASE_URL: '127.0.0.1:9000/api' }, 'DISCORD_API_BASE_URL must be an http(s) URL'],
    [
      { DISCORD_API_BASE_URL: 'http://discord-proxy.example:8080/api' },
      'DISCORD_API_BASE_URL must be an https URL (plain http only to 127.0.0.1 or localhost',
    ],
    [{ DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID must be a Discord id (17-20 digits)'],
    [{ DISCORD_DEV_GUILD_ID: '12' }, 'DISCORD_DEV_GUILD_ID must be a Discord id (17-20 digits)'],
    [
      { DISCORD_OWNER_IDS: '323456789012345678,bob' },
      'DISCORD_OWNER_IDS must be comma-separated Discord ids',
    ],
    [{ DISCORD_SHARDS: '0' }, 'DISCORD_SHARDS must be auto or a number of shards from 1 to 9999'],
    [{ DISCORD_SHARDS: 'two' }, 'DISCORD_SHARDS must be auto or a number of shards'],
    [
      { DISCORD_GATEWAY_TIMEOUT: '5' },
      'DISCORD_GATEWAY_TIMEOUT must be a whole number of seconds from 10 to 86400',
    ],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [
      { ALERT_RETRY_MAX_DELAY: '10m' },
      'ALERT_RETRY_MAX_DELAY must be a whole number of seconds from 1 to 86400 (got "10m")',
    ],
    [
      { ALERT_RETRY_MAX_DELAY: '0' },
      'ALERT_RETRY_MAX_DELAY must be a whole number of seconds from 1 to 86400',
    ],
    [{ HEALTH_HOST: 'every interface' }, 'HEALTH_HOST must be an IP address or a host name to listen on'],
    [{ ALERT_MAX_AGE: '-5' }, 'ALERT_MAX_AGE must be a whole number of seconds from 10 to 604800'],
    [{ ALERT_MAX_AGE: '1.5' }, 'ALERT_MAX_AGE must be a whole number of seconds from 10 to 604800'],
  ])('rejects %j with one clear line', (env, expected) => {
    const message = errorOf(env);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('never echoes a bad token back', () => {
    const secret = 'Bot MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123';
    const message = errorOf({ DISCORD_TOKEN: secret });
    expect(message).toBe(
      'Invalid configuration: DISCORD_TOKEN must be the bare token, without the "Bot " prefix',
    );
    expect(message).not.toContain('MTIz');
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const variable of ENV_VARIABLES) expect(example).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
    expect(DEFAULTS.TEMPORAL_UI_PORT).toBe(8233);
  });
});

describe('a secured Temporal cluster (TLS, client certificate, API key)', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  let dir: string;
  let pem: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vrcpulse-config-'));
    pem = join(dir, 'a.pem');
    writeFileSync(pem, PEM);
    writeFileSync(join(dir, 'not.pem'), 'hello');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cloud = { TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233' };

  it('reads the files and turns TLS on when any TLS setting or an API key is given', () => {
    const config = loadConfig({
      ...cloud,
      TEMPORAL_TLS_CA: pem,
      TEMPORAL_TLS_CERT: pem,
      TEMPORAL_TLS_KEY: pem,
      TEMPORAL_TLS_SERVER_NAME: 'frontend.internal',
    });
    expect(config.temporal.tls).toEqual({
      ca: Buffer.from(PEM),
      clientCert: { cert: Buffer.from(PEM), key: Buffer.from(PEM) },
      serverName: 'frontend.internal',
    });
    expect(loadConfig({ ...cloud, TEMPORAL_API_KEY: 'eyJhbGciOi.key' }).temporal).toMatchObject({
      tls: {}, // the system's trusted roots, as Temporal Cloud needs
      apiKey: 'eyJhbGciOi.key',
    });
    expect(loadConfig({ ...cloud, TEMPORAL_TLS: 'true' }).temporal.tls).toEqual({});
    expect(loadConfig(cloud).temporal.tls).toBeUndefined();
  });

  it('allows an API key without TLS only to this machine', () => {
    const local = { TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'key' };
    expect(loadConfig(local).temporal).toMatchObject({ tls: undefined, apiKey: 'key' });
    expect(errorOf({ ...local, TEMPORAL_ADDRESS: 'temporal.example:7233' })).toBe(
      'Invalid configuration: TEMPORAL_TLS cannot be false with TEMPORAL_API_KEY unless TEMPORAL_ADDRESS is on this machine (the key would travel in clear text)',
    );
  });

  it.each([
    [{ TEMPORAL_TLS_CA: '/nonexistent/ca.pem' }, 'TEMPORAL_TLS_CA cannot be read (ENOENT)'],
    [{ TEMPORAL_TLS_CERT: 'NOT_PEM' }, 'TEMPORAL_TLS_CERT must be a PEM file (-----BEGIN ...)'],
    [{ TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS must be true or false'],
    [{ TEMPORAL_TLS_SERVER_NAME: 'a b' }, 'TEMPORAL_TLS_SERVER_NAME must be a host name'],
    [
      { TEMPORAL_API_KEY: 'Bearer abc' },
      'TEMPORAL_API_KEY must be the bare key, without the "Bearer " prefix',
    ],
    [
      { TEMPORAL_TLS_CERT: 'PEM' },
      'TEMPORAL_TLS_KEY must be set too: a client certificate and its key go together',
    ],
    [{ TEMPORAL_TLS_KEY: 'PEM' }, 'TEMPORAL_TLS_CERT must be set too'],
    [{ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: 'PEM' }, 'TEMPORAL_TLS is false but TEMPORAL_TLS_CA'],
  ])('rejects %j with one clear line', (env, expected) => {
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [
        k,
        v === 'PEM' ? pem : v === 'NOT_PEM' ? join(dir, 'not.pem') : v,
      ]),
    );
    const message = errorOf({ ...cloud, ...resolved });
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('needs TEMPORAL_ADDRESS: the embedded dev server speaks plain gRPC', () => {
    expect(errorOf({ TEMPORAL_API_KEY: 'key' })).toBe(
      'Invalid configuration: TEMPORAL_ADDRESS must be set with TLS or an API key (the embedded dev server speaks plain gRPC on this machine)',
    );
    expect(errorOf({ TEMPORAL_TLS: 'true' })).toContain('TEMPORAL_ADDRESS must be set with TLS');
  });

  it('never echoes a bad API key back', () => {
    const message = errorOf({ ...cloud, TEMPORAL_API_KEY: 'secret key-material' });
    expect(message).toBe('Invalid configuration: TEMPORAL_API_KEY must not contain spaces');
  });
});

describe('an entry point given a bad value', () => {
  it('prints one line naming the variable, exits 1 and writes nothing', () => {
    const dir = join(ROOT, 'test', '.tmp', `never-${process.pid}`);
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'db', 'migrate-main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, TEMPORAL_UI_PORT: 'eighty', DATABASE_PATH: join(dir, 'db.sqlite') },
      encoding: 'utf8',
    });
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: TEMPORAL_UI_PORT must be a port number (1-65535) (got "eighty")',
    ]);
    expect(result.status).toBe(1);
    expect(existsSync(dir)).toBe(false);
  });
});
