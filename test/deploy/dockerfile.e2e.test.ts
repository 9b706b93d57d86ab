/**
 * The Dockerfile, exercised without a Docker engine. The test reads it, checks what the image
 * promises (Debian Node of the project's version, non-root, no secrets, volume, command), and then
 * runs its build stage for real in a temp folder: the COPYs (through .dockerignore), `npm ci`,
 * `npm run build`, `npm prune --omit=dev` and the core-bridge trim, exactly as written. The runtime
 * stage is assembled from its COPY lines into a second folder, and the entry points run from there
 * with only the image's environment: migrations apply, the bot loads its whole import graph, every
 * compiled module resolves, the workflows bundle, and the dashboard font is found.
 *
 * What an engine would add and this cannot: the base image itself (glibc, the node user), file
 * ownership, and BuildKit's cache mount (dropped here; npm uses the machine's cache, offline first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { ROOT } from '../harness/paths';
import {
  commandOf,
  copyOf,
  envOf,
  type Instruction,
  isIgnored,
  parseDockerignore,
  readDockerfile,
  type Stage,
} from './docker-files';

interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const dockerfile = readDockerfile();
const [build, runtime] = dockerfile.stages as [Stage, Stage];
const of = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.keyword === keyword);
const runtimeEnv = Object.assign({}, ...of(runtime, 'ENV').map(envOf)) as Record<string, string>;

/** Files Docker would send as the build context: the work tree (as git sees it) minus .dockerignore. */
function contextFiles(): string[] {
  const rules = parseDockerignore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)));
  return listed.filter((file) => !isIgnored(rules, file));
}

/** Entry points: the `node dist/...js` targets of the npm scripts (they run main() when loaded). */
const entryPoints = new Set([
  ...Object.values(pkg.scripts).flatMap((script) =>
    [...script.matchAll(/node (?:--\S+ )*(dist\/\S+\.js)/g)].map((m) => m[1]!),
  ),
  // started by the worker as its child, not by a script
  'dist/src/delivery-main.js',
]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('Dockerfile', () => {
  it('builds on Debian Node of the version ./vrcpulse installs, in two stages', () => {
    const toolchain = readFileSync(join(ROOT, 'scripts', 'toolchain.sh'), 'utf8');
    const nodeVersion = /^VRCPULSE_NODE_VERSION=(\S+)$/m.exec(toolchain)![1]!;
    expect(dockerfile.globalArgs).toEqual({ NODE_VERSION: nodeVersion });
    expect(dockerfile.stages.map((s) => [s.name, s.from])).toEqual([
      ['build', `node:${nodeVersion}-bookworm-slim`],
      ['runtime', `node:${nodeVersion}-bookworm-slim`],
    ]);
    expect(process.version).toBe(`v${nodeVersion}`);
  });

  it('installs, builds and prunes with npm, and skips install scripts as allowScripts does', () => {
    const runs = of(build, 'RUN').map((i) => i.args);
    expect(runs[0]).toMatch(/^npm ci --ignore-scripts\b/);
    expect(runs[1]).toBe('npm run build');
    expect(runs[2]).toMatch(/^npm prune --omit=dev\b/);
    // --ignore-scripts equals the project's policy only while allowScripts approves nothing.
    expect(Object.values(pkg.allowScripts ?? {}).filter((allowed) => allowed !== false)).toEqual([]);
  });

  it('runs as a non-root user with the SQLite file on the /data volume and no secret baked in', () => {
    expect(of(runtime, 'USER').map((i) => i.args)).toEqual(['node']);
    expect(runtimeEnv).toEqual({ NODE_ENV: 'production', DATABASE_PATH: '/data/vrcpulse.db' });
    expect(of(runtime, 'VOLUME').map((i) => i.args)).toEqual([dirname(runtimeEnv.DATABASE_PATH!)]);
    expect(of(runtime, 'WORKDIR').map((i) => i.args)).toEqual(['/app']);
    expect(commandOf(of(runtime, 'CMD')[0]!.args)).toEqual(['node', 'dist/src/worker-main.js']);
    expect(of(runtime, 'HEALTHCHECK')).toEqual([]);
    const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(text).not.toMatch(/^\s*(ARG|ENV)\s+\S*(TOKEN|SECRET|PASSWORD|KEY)/im);
    // The USER comes after every RUN, so nothing the app runs as root is left behind.
    const userLine = of(runtime, 'USER')[0]!.line;
    expect(of(runtime, 'RUN').every((i) => i.line < userLine)).toBe(true);
  });

  it('sends a build context with what the COPY lines need and nothing local or secret', () => {
    const files = contextFiles();
    const sources = dockerfile.stages
      .flatMap((s) => of(s, 'COPY'))
      .filter((i) => i.flags.from === undefined)
      .flatMap((i) => copyOf(i).sources);
    // Every source is in the context, and everything in the context is copied by some line.
    for (const source of sources)
      expect(files.some((f) => f === source || f.startsWith(`${source}/`))).toBe(true);
    for (const file of files) expect(sources.some((s) => file === s || file.startsWith(`${s}/`))).toBe(true);
    const rules = parseDockerignore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
    for (const local of [
      '.env',
      'data/vrcpulse.db',
      'node_modules/pino/package.json',
      'dist/src/main.js',
      '.tools/x',
      '.git/HEAD',
    ]) {
      expect({ local, ignored: isIgnored(rules, local) }).toEqual({ local, ignored: true });
    }
    expect(files).toContain('assets/fonts/NotoSansKR-Regular-dashboard.ttf');
  });

  it('needs no devDependency at run time: every package the compiled code loads is a dependency', () => {
    const builtins = new Set(builtinModules);
    const used = new Set<string>();
    for (const file of walk(join(ROOT, 'dist', 'src')).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      for (const [, specifier] of code.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
        if (specifier!.startsWith('node:') || builtins.has(specifier!)) continue;
        const parts = specifier!.split('/');
        used.add(specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    // The dev server's last-resort download (src/temporal/dev-server.ts) loads the SDK's test package
    // only in a development checkout, and fails with a clear message where it is not installed.
    const devOnlyFallbacks = new Set(['@temporalio/testing']);
    const notDependencies = [...used].filter(
      (name) => !(name in pkg.dependencies) && !devOnlyFallbacks.has(name),
    );
    expect(notDependencies).toEqual([]);
  });
});

describe('the Dockerfile steps run in clean folders', () => {
  let work: string;
  let app: string;
  let dataDir: string;

  /** Environment of a container of the image: its ENV lines, the database path mapped into `work`. */
  const imageEnv = (): NodeJS.ProcessEnv => ({
    ...runtimeEnv,
    DATABASE_PATH: join(work, 'runtime', runtimeEnv.DATABASE_PATH!),
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: join(work, 'home'),
  });
  const runNode = (args: string[]) =>
    spawnSync(process.execPath, args, { cwd: app, env: imageEnv(), encoding: 'utf8', timeout: 60_000 });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'vrcpulse-docker-'));
    mkdirSync(join(work, 'home'));
    const context = new Set(contextFiles());
    const stageRoots = new Map<string, string>();

    for (const stage of dockerfile.stages) {
      const root = join(work, stage.name!);
      stageRoots.set(stage.name!, root);
      let cwd = root;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'WORKDIR') {
          cwd = join(root, instruction.args);
          mkdirSync(cwd, { recursive: true });
        } else if (instruction.keyword === 'COPY') {
          const { sources, dest } = copyOf(instruction);
          const target = isAbsolute(dest) ? join(root, dest) : join(cwd, dest);
          const from = instruction.flags.from;
          for (const source of sources) {
            if (from !== undefined) {
              cpSync(join(stageRoots.get(from)!, source), target, {
                recursive: true,
                verbatimSymlinks: true,
              });
              continue;
            }
            // From the context: only the files .dockerignore lets through.
            const single = context.has(source);
            const files = single ? [source] : [...context].filter((f) => f.startsWith(`${source}/`));
            expect(files.length).toBeGreaterThan(0);
            for (const file of files) {
              const into =
                single && !dest.endsWith('/') && sources.length === 1
                  ? target
                  : join(target, single ? basename(file) : relative(source, file));
              mkdirSync(dirname(into), { recursive: true });
              cpSync(join(ROOT, file), into);
            }
          }
        } else if (instruction.keyword === 'RUN' && stage.name === 'build') {
          // As written, minus the BuildKit cache mount, with this machine's npm settings (registry,
          // certificates) and its npm cache first. Jest's NODE_OPTIONS stay out.
          const { NODE_OPTIONS: _jestOptions, ...machineEnv } = process.env;
          const result = spawnSync('/bin/sh', ['-c', instruction.args], {
            cwd,
            env: {
              ...machineEnv,
              PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
              npm_config_prefer_offline: 'true',
            },
            encoding: 'utf8',
            timeout: 180_000,
          });
          if (result.status !== 0)
            throw new Error(`RUN ${instruction.args} failed:\n${result.stdout}\n${result.stderr}`);
        } else if (instruction.keyword === 'RUN') {
          // The runtime stage only prepares the volume's folder (an absolute path, made here in `work`).
          expect(instruction.args).toBe('mkdir -p /data && chown node:node /data');
          mkdirSync(join(root, 'data'), { recursive: true });
        }
      }
    }
    app = join(work, 'runtime', 'app');
    dataDir = join(work, 'runtime', 'data');
    rmSync(join(work, 'build'), { recursive: true, force: true });
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('leaves the runtime image with the app, its production packages and the font only', () => {
    expect(readdirSync(app).sort()).toEqual(['assets', 'dist', 'node_modules', 'package.json']);
    expect(existsSync(join(app, 'dist', 'src', 'db', 'migrate-main.js'))).toBe(true);
    // Packages that only development needs are gone (the lockfile marks them dev-only).
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.keys(pkg.devDependencies).filter(
      (name) => lock.packages[`node_modules/${name}`]?.dev,
    );
    expect(devOnly).toEqual(expect.arrayContaining(['typescript', 'jest', 'eslint']));
    expect(devOnly.filter((name) => existsSync(join(app, 'node_modules', name)))).toEqual([]);
    for (const name of Object.keys(pkg.dependencies))
      expect(existsSync(join(app, 'node_modules', name))).toBe(true);
    // One core-bridge native library: this machine's.
    const releases = readdirSync(join(app, 'node_modules', '@temporalio', 'core-bridge', 'releases'));
    expect(releases).toEqual([
      `${execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim()}-unknown-linux-gnu`,
    ]);
  });

  it('migrates a new database on the volume, idempotently, without writing into the app', () => {
    const before = walk(app).map((f) => `${relative(app, f)}:${statSync(f).mtimeMs}`);
    const migrations = readdirSync(join(ROOT, 'src', 'db', 'migrations')).filter((f) =>
      /^Migration\d+.*\.ts$/.test(f),
    );

    const first = runNode(['dist/src/db/migrate-main.js']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Applied ${migrations.length} migration(s)`);
    expect(existsSync(join(dataDir, 'vrcpulse.db'))).toBe(true);

    const second = runNode(['dist/src/db/migrate-main.js']);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Database is up to date');
    expect(walk(app).map((f) => `${relative(app, f)}:${statSync(f).mtimeMs}`)).toEqual(before);
  });

  it('starts the bot entry point as far as its token check (its whole import graph loads)', () => {
    const bot = runNode(['dist/src/bot-main.js']);
    expect(bot.status).toBe(1);
    expect(bot.stdout).toContain('DISCORD_TOKEN is not set');
    expect(bot.stderr).toBe('');
  });

  it('loads every compiled module, bundles the workflows and finds the dashboard font', () => {
    const check = join(work, 'check.js');
    writeFileSync(
      check,
      `
const { join } = require('node:path');
const [app, modulesJson] = process.argv.slice(2);
for (const file of JSON.parse(modulesJson)) require(join(app, file));
const { dashboardFontPath } = require(join(app, 'dist/src/dashboard/font.js'));
const { bundleWorkflowCode } = require(require.resolve('@temporalio/worker', { paths: [app] }));
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, log() {}, error: (m) => console.error(m) };
bundleWorkflowCode({ workflowsPath: require.resolve(join(app, 'dist/src/workflows')), logger: quiet }).then(
  ({ code }) => console.log(JSON.stringify({ font: dashboardFontPath(), bundleBytes: code.length })),
  (err) => { console.error(err); process.exit(1); },
);
`,
    );
    const modules = walk(join(app, 'dist', 'src'))
      .map((f) => relative(app, f))
      .filter((f) => f.endsWith('.js') && !entryPoints.has(f));
    expect(modules.length).toBeGreaterThan(50);
    expect([...entryPoints]).toEqual(expect.arrayContaining(['dist/src/worker-main.js', 'dist/src/main.js']));

    const result = runNode([check, app, JSON.stringify(modules)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout.trim()) as { font: string; bundleBytes: number };
    expect(out.font).toBe(join(app, 'assets', 'fonts', 'NotoSansKR-Regular-dashboard.ttf'));
    expect(out.bundleBytes).toBeGreaterThan(100_000);
  });
});
