/**
 * docker-compose.yml, checked without a Docker engine:
 *  - against the Compose Specification's own JSON schema (compose-spec.schema.json beside this file,
 *    vendored from the compose-spec repository; Docker Compose v2 validates with the same schema),
 *    after interpolating `${VAR:-default}` as Compose would with .env copied from .env.example;
 *  - for what the schema cannot see and `docker compose config` would reject (undefined volumes or
 *    services), and for what the README promises: services, the shared SQLite volume, start order,
 *    healthchecks, restart policies, env names that src/config.ts really reads.
 * With a Compose v2.24+ CLI at hand, `docker compose --profile bot config -q` checks it once more.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import Ajv from 'ajv';
import draft7MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';
import { parseDocument } from 'yaml';
import { DEFAULTS, ENV_VARIABLES } from '../../src/config';
import { ROOT } from '../harness/paths';
import { commandOf, envOf, readDockerfile } from './docker-files';

type Mapping = Record<string, unknown>;

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: { path: string; required?: boolean }[];
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: {
    test: string[];
    interval?: string;
    timeout?: string;
    retries?: number;
    start_period?: string;
  };
  restart?: string;
  profiles?: string[];
  stop_grace_period?: string;
  init?: boolean;
}

interface ComposeFile {
  name: string;
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const APP_SERVICES = ['migrate', 'worker', 'bot'] as const;

/** KEY=VALUE lines of a .env file, as Compose reads them (no quotes or expansion needed here). */
function readDotEnv(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

/** Compose interpolation of the forms this file may use; anything else fails the test. */
function interpolate(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$(.?)/g,
      (all, name?: string, op?: string, fallback?: string, bare?: string) => {
        if (all === '$$') return '$';
        if (bare !== undefined)
          throw new Error(`unsupported interpolation "$${bare}" in ${JSON.stringify(value)}`);
        const set = env[name!];
        if (op === ':-') return set === undefined || set === '' ? fallback! : set;
        if (op === '-') return set === undefined ? fallback! : set;
        return set ?? '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  }
  return value;
}

function loadCompose(text = readFileSync(COMPOSE_FILE, 'utf8')): { raw: Mapping; compose: ComposeFile } {
  const doc = parseDocument(text, { merge: true, prettyErrors: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    throw new Error([...doc.errors, ...doc.warnings].map((e) => e.message).join('\n'));
  }
  const raw = doc.toJS({ maxAliasCount: 100 }) as Mapping;
  const env = readDotEnv(join(ROOT, '.env.example'));
  return { raw, compose: interpolate(raw, env) as ComposeFile };
}

function schemaValidator() {
  const schema = JSON.parse(readFileSync(join(__dirname, 'compose-spec.schema.json'), 'utf8')) as Mapping;
  // The schema names the draft-07 meta-schema by its https address; Ajv registers it as http.
  const ajv = new Ajv({ allErrors: true, strictSchema: true, strictTypes: false, strictTuples: false });
  ajv.addMetaSchema({ ...draft7MetaSchema, $id: String(schema.$schema) });
  return ajv.compile(schema);
}

function schemaErrors(doc: unknown): string[] {
  const validate = schemaValidator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

const { raw, compose } = loadCompose();
const services = compose.services;

describe('docker-compose.yml against the Compose Specification schema', () => {
  it('is valid', () => {
    expect(schemaErrors(compose)).toEqual([]);
  });

  it('is valid before interpolation too (the schema sees no placeholder in a typed field)', () => {
    expect(schemaErrors(raw)).toEqual([]);
  });

  it('has a validator that rejects what `docker compose config` rejects', () => {
    const broken = (edit: (c: ComposeFile) => void): ComposeFile => {
      const copy = structuredClone(compose);
      edit(copy);
      return copy;
    };
    // A typo in a depends_on condition, an unknown key, a number where a list belongs.
    expect(
      schemaErrors(broken((c) => (c.services.worker!.depends_on!.migrate!.condition = 'completed'))),
    ).not.toEqual([]);
    expect(
      schemaErrors(broken((c) => ((c.services.worker as Mapping).restart_policy = 'always'))),
    ).not.toEqual([]);
    expect(schemaErrors(broken((c) => ((c.services.worker as Mapping).volumes = 5)))).not.toEqual([]);
    expect(
      schemaErrors(broken((c) => ((c.services.worker!.env_file![0] as Mapping).requird = false))),
    ).not.toEqual([]);
  });
});

describe('docker-compose.yml semantics', () => {
  it('names the project and runs Temporal, the migration job, the worker and the bot', () => {
    expect(compose.name).toBe('vrcpulse');
    expect(Object.keys(services).sort()).toEqual(['bot', 'migrate', 'temporal', 'worker']);
  });

  it('refers only to declared volumes and services, as `docker compose config` requires', () => {
    const declared = new Set(Object.keys(compose.volumes));
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/')) expect([...declared]).toContain(source);
      }
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(Object.keys(services)).toContain(dependency);
      }
    }
  });

  it('runs Temporal with persistent storage, the Web UI, and the CLI version the project pins', () => {
    const temporal = services.temporal!;
    const toolchain = readFileSync(join(ROOT, 'scripts', 'toolchain.sh'), 'utf8');
    const cliVersion = /^VRCPULSE_TEMPORAL_CLI_VERSION=(\S+)$/m.exec(toolchain)![1];
    expect(temporal.image).toBe(`temporalio/temporal:${cliVersion}`);

    const args = temporal.command!;
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
    expect(flag('--ip')).toBe('0.0.0.0');
    expect(flag('--namespace')).toBe(DEFAULTS.TEMPORAL_NAMESPACE);
    expect(args).not.toContain('--headless');

    // The SQLite file is inside the named volume, which is mounted on the image user's home folder
    // (a new volume copies that folder's owner, so the non-root server can write).
    const dbFile = flag('--db-filename')!;
    expect(temporal.volumes).toEqual([`temporal-data:${posix.dirname(dbFile)}`]);
    expect(posix.dirname(dbFile)).toBe('/home/temporal');

    // Reachable from the host on loopback only: the UI and the frontend have no authentication.
    expect(temporal.ports).toEqual([
      `127.0.0.1:7233:${flag('--port')}`,
      `127.0.0.1:8233:${flag('--ui-port')}`,
    ]);
    expect(temporal.healthcheck!.test).toEqual([
      'CMD',
      'temporal',
      'operator',
      'cluster',
      'health',
      '--address',
      `127.0.0.1:${flag('--port')}`,
    ]);
  });

  it("registers the worker's search attributes on the bundled Temporal", () => {
    const args = services.temporal!.command!;
    const registered = Object.fromEntries(
      args.flatMap((arg, i) => (arg === '--search-attribute' ? [args[i + 1]!.split('=')] : [])),
    ) as Record<string, string>;
    // Read at run time: the module is the worker's list (this file must not fail to compile without it).
    const modulePath = join(ROOT, 'src', 'temporal', 'search-attributes.ts');
    const definitions = existsSync(modulePath)
      ? (jest.requireActual(modulePath) as { SEARCH_ATTRIBUTE_DEFINITIONS: Record<string, string> })
          .SEARCH_ATTRIBUTE_DEFINITIONS
      : undefined;
    expect(registered).toEqual(definitions ?? registered);
    expect(Object.keys(registered).length).toBeGreaterThan(0);
  });

  it('shares one SQLite file on one named volume between migrate, worker and bot', () => {
    const dockerfile = readDockerfile();
    const runtimeEnv = Object.assign(
      {},
      ...dockerfile.stages
        .at(-1)!
        .instructions.filter((i) => i.keyword === 'ENV')
        .map(envOf),
    ) as Record<string, string>;
    for (const name of APP_SERVICES) {
      const service = services[name]!;
      expect(service.image).toBe('vrcpulse:local');
      expect(service.build).toEqual({ context: '.' });
      expect(service.volumes).toEqual(['vrcpulse-data:/data']);
      expect(service.environment!.DATABASE_PATH).toBe('/data/vrcpulse.db');
      expect(service.environment!.DATABASE_PATH).toBe(runtimeEnv.DATABASE_PATH);
      // The bundled Temporal, by service name and the port its command listens on.
      const port = services.temporal!.command![services.temporal!.command!.indexOf('--port') + 1];
      expect(service.environment!.TEMPORAL_ADDRESS).toBe(`temporal:${port}`);
    }
  });

  it('reads .env when there is one, and works without it', () => {
    for (const name of APP_SERVICES) {
      expect(services[name]!.env_file).toEqual([{ path: '.env', required: false }]);
    }
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8')).not.toMatch(/^!\.env/m);
  });

  it('sets only variables that src/config.ts reads and .env.example documents, and no secret', () => {
    const documented = readDotEnv(join(ROOT, '.env.example'));
    for (const name of APP_SERVICES) {
      for (const variable of Object.keys(services[name]!.environment ?? {})) {
        expect(ENV_VARIABLES).toContain(variable);
        expect(Object.keys(documented)).toContain(variable);
      }
      expect(Object.keys(services[name]!.environment ?? {})).not.toContain('DISCORD_TOKEN');
    }
    expect(readFileSync(COMPOSE_FILE, 'utf8')).not.toMatch(/DISCORD_TOKEN\s*[:=]\s*\S/);
  });

  it('starts worker and bot only after Temporal is healthy and the migration job has succeeded', () => {
    for (const name of ['worker', 'bot']) {
      expect(services[name]!.depends_on).toMatchObject({
        temporal: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    // service_healthy needs a healthcheck on the dependency.
    for (const service of Object.values(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        if (condition === 'service_healthy') expect(services[dependency]!.healthcheck).toBeDefined();
      }
    }
  });

  it('runs the entry points of the npm scripts, compiled where the Dockerfile puts them', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    // The same command less the .env flag: in Compose, the environment comes from the compose file.
    const withoutEnvFile = (script: string | undefined) => script?.replace(' --env-file-if-exists=.env', '');
    const expected = { migrate: scripts.migrate, worker: scripts.worker, bot: scripts.bot };
    for (const [name, script] of Object.entries(expected)) {
      const command = services[name]!.command!;
      expect(script).toContain('--env-file-if-exists=.env');
      expect(command.join(' ')).toBe(withoutEnvFile(script));
      const source = command[1]!.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect(readFileSync(join(ROOT, source), 'utf8')).toContain('async function main');
    }
    const cmd = readDockerfile()
      .stages.at(-1)!
      .instructions.find((i) => i.keyword === 'CMD')!;
    expect(commandOf(cmd.args)).toEqual(services.worker!.command);
  });

  it('restarts the long-running services, and not the one-shot migration job', () => {
    expect(services.migrate!.restart).toBe('no');
    for (const name of ['temporal', 'worker', 'bot']) expect(services[name]!.restart).toBe('unless-stopped');
  });

  it("checks the worker's GET /healthz on HEALTH_PORT and exposes the SDK metrics on loopback", () => {
    const worker = services.worker!;
    expect(worker.environment).toMatchObject({ HEALTH_PORT: '9091', METRICS_PORT: '9464' });
    const [kind, node, flag, script] = worker.healthcheck!.test;
    expect([kind, node, flag]).toEqual(['CMD', 'node', '-e']);
    expect(script).toContain("process.env.HEALTH_PORT||9091)+'/healthz'");
    expect(worker.ports).toEqual([`127.0.0.1:${worker.environment!.METRICS_PORT}:9464`]);
    // Generous enough for bundling the workflows at start, and for the 15 s activity grace period.
    expect(worker.healthcheck!.start_period).toBe('60s');
    expect(worker.stop_grace_period).toBe('30s');
  });

  it("checks the bot's GET /healthz (gateway shards) inside its container", () => {
    const bot = services.bot!;
    expect(bot.environment).toMatchObject({ HEALTH_PORT: '9092' });
    expect(bot.environment!.HEALTH_HOST).toBeUndefined(); // the check runs in the container: loopback
    const [kind, node, flag, script] = bot.healthcheck!.test;
    expect([kind, node, flag]).toEqual(['CMD', 'node', '-e']);
    expect(script).toContain("process.env.HEALTH_PORT||9092)+'/healthz'");
    // past the bot's 10 s wait for interactions in progress
    expect(bot.stop_grace_period).toBe('15s');
  });

  it('runs the bot only in the `bot` profile, since it exits at once without DISCORD_TOKEN', () => {
    expect(services.bot!.profiles).toEqual(['bot']);
    for (const name of ['temporal', 'migrate', 'worker']) expect(services[name]!.profiles).toBeUndefined();
  });
});
