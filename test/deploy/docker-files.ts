/**
 * Readers for the deployment files, for tests on a machine without a Docker engine: a Dockerfile
 * parser (stages, instructions, line continuations, exec-form JSON) and a .dockerignore matcher
 * with the semantics of Docker's own (moby/patternmatcher). Each covers what our files use and
 * throws on anything it does not understand, rather than guessing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness/paths';

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ENV, ... */
  keyword: string;
  /** `--name=value` flags in front of the arguments (e.g. COPY --from=build, RUN --mount=...). */
  flags: Record<string, string>;
  /** The rest of the line, continuations joined, flags removed. */
  args: string;
  line: number;
}

export interface Stage {
  name: string | undefined;
  /** Image reference with the global ARGs substituted. */
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string>;
  stages: Stage[];
}

const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

export function parseDockerfile(text: string): Dockerfile {
  const logical: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comment lines (and parser directives such as `# syntax=`) are dropped, even inside a
    // continuation, as Docker does.
    if (trimmed.startsWith('#')) return;
    if (trimmed === '' && pending === undefined) return;
    const continued = trimmed.endsWith('\\');
    const body = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending
      ? { text: `${pending.text} ${body}`.trim(), line: pending.line }
      : { text: body, line: index + 1 };
    if (!continued) {
      logical.push(pending);
      pending = undefined;
    }
  });
  if (pending) throw new Error(`Dockerfile ends inside a continued line (line ${pending.line})`);

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const { text: lineText, line } of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(lineText);
    if (!match) continue;
    const keyword = match[1]!.toUpperCase();
    if (!KEYWORDS.has(keyword)) throw new Error(`unknown Dockerfile instruction ${keyword} on line ${line}`);
    let rest = match[2]!;
    const flags: Record<string, string> = {};
    for (let flag = /^--([a-z-]+)=(\S+)\s*/.exec(rest); flag; flag = /^--([a-z-]+)=(\S+)\s*/.exec(rest)) {
      flags[flag[1]!] = flag[2]!;
      rest = rest.slice(flag[0].length);
    }
    const instruction: Instruction = { keyword, flags, args: rest, line };
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!from) throw new Error(`cannot read FROM on line ${line}`);
      const image = from[1]!.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a?: string, b?: string) => {
        const name = (a ?? b)!;
        const value = globalArgs[name];
        if (value === undefined) throw new Error(`FROM on line ${line} uses undeclared ARG ${name}`);
        return value;
      });
      stages.push({ name: from[2], from: image, instructions: [] });
    } else if (stages.length === 0) {
      if (keyword !== 'ARG') throw new Error(`${keyword} before the first FROM on line ${line}`);
      const [name, value = ''] = rest.split('=', 2);
      globalArgs[name!] = value;
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

export function readDockerfile(): Dockerfile {
  return parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
}

/** CMD/ENTRYPOINT/RUN arguments: exec form (a JSON array) or shell form (wrapped in sh -c). */
export function commandOf(args: string): string[] {
  if (args.startsWith('[')) return JSON.parse(args) as string[];
  return ['/bin/sh', '-c', args];
}

/** `ENV A=1 B=2` (no quotes or spaces in values: our Dockerfile needs none). */
export function envOf(instruction: Instruction): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of instruction.args.split(/\s+/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || /["'\\$]/.test(pair))
      throw new Error(`cannot read ENV ${pair} on line ${instruction.line}`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** Space-separated COPY sources and destination (no globs, quotes or JSON form). */
export function copyOf(instruction: Instruction): { sources: string[]; dest: string } {
  if (/[*?["'\\$]/.test(instruction.args)) {
    throw new Error(`COPY on line ${instruction.line} uses a form this reader does not handle`);
  }
  const parts = instruction.args.split(/\s+/);
  if (parts.length < 2) throw new Error(`COPY on line ${instruction.line} needs a source and a destination`);
  return { sources: parts.slice(0, -1), dest: parts.at(-1)! };
}

interface IgnoreRule {
  exclusion: boolean;
  pattern: string;
  regex: RegExp;
}

/** Go's filepath.Match syntax plus `**`, as moby/patternmatcher compiles it. */
function patternRegex(pattern: string): RegExp {
  if (/[[\]\\]/.test(pattern))
    throw new Error(`.dockerignore pattern ${pattern}: character classes not handled`);
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        source += '(?:.*/)?';
      } else source += '.*';
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclusion = line.startsWith('!');
      const pattern = (exclusion ? line.slice(1) : line).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      return { exclusion, pattern, regex: patternRegex(pattern) };
    });
}

/**
 * Whether Docker leaves `path` (relative, `/`-separated) out of the build context: the last rule
 * that matches the path or one of its parent folders decides.
 */
export function isIgnored(rules: readonly IgnoreRule[], path: string): boolean {
  const parts = path.split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.exclusion;
  }
  return ignored;
}
