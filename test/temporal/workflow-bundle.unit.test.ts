/** When the worker may use `npm run build`'s workflow bundle instead of bundling at start. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleState } from '../../src/temporal/workflow-bundle';

describe('bundleState', () => {
  let dir: string;
  let bundle: string;
  let sources: string[];
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vrcpulse-bundle-'));
    sources = [join(dir, 'workflows'), join(dir, 'contracts')];
    mkdirSync(join(sources[0]!, 'nested'), { recursive: true });
    mkdirSync(sources[1]!);
    for (const file of [
      join(sources[0]!, 'index.js'),
      join(sources[0]!, 'nested', 'a.js'),
      join(sources[1]!, 'b.js'),
    ]) {
      writeFileSync(file, '');
      at(file, 1_000);
    }
    bundle = join(dir, 'workflow-bundle.js');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is missing before the first build', () => {
    expect(bundleState(bundle, sources)).toBe('missing');
  });

  it('is fresh when written after every compiled workflow and contract module', () => {
    writeFileSync(bundle, '');
    at(bundle, 2_000);
    expect(bundleState(bundle, sources)).toBe('fresh');
  });

  it('is stale when any of them, however deep, was compiled after it', () => {
    writeFileSync(bundle, '');
    at(bundle, 2_000);
    at(join(sources[0]!, 'nested', 'a.js'), 3_000);
    expect(bundleState(bundle, sources)).toBe('stale');
    at(join(sources[0]!, 'nested', 'a.js'), 1_000);
    at(join(sources[1]!, 'b.js'), 3_000); // a contract the workflows import
    expect(bundleState(bundle, sources)).toBe('stale');
  });
});
