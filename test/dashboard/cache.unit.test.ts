/** The /status render cache: one render per (data version, language, minute), shared while in flight. */
import { createDashboardRenderer, type DashboardRequest } from '../../src/dashboard/cache';
import type { DashboardInput } from '../../src/dashboard/types';
import { decodePng } from './pixels';

interface Deferred {
  input: DashboardInput;
  resolve(png: Buffer): void;
  reject(error: Error): void;
}

/** A render function the test finishes by hand, so nothing depends on timing. */
function manualRender() {
  const calls: Deferred[] = [];
  const render = (input: DashboardInput) =>
    new Promise<Buffer>((resolve, reject) => {
      calls.push({ input, resolve, reject });
    });
  return { calls, render };
}

const request = (overrides: Partial<DashboardRequest> = {}): DashboardRequest => ({
  now: new Date('2026-11-25T21:30:10Z'),
  language: 'en',
  series: {},
  dataVersion: 'v1',
  ...overrides,
});

describe('createDashboardRenderer', () => {
  test('the same key within a minute renders once; concurrent requests share that render', async () => {
    const { calls, render } = manualRender();
    const renderer = createDashboardRenderer({ render });
    const first = renderer.render(request());
    const second = renderer.render(request({ now: new Date('2026-11-25T21:30:50Z') }));
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(Buffer.from('png-1'));
    expect((await first).toString()).toBe('png-1');
    expect(await second).toBe(await first);
    const third = await renderer.render(request({ now: new Date('2026-11-25T21:30:59.999Z') }));
    expect(third).toBe(await first);
    expect(calls).toHaveLength(1);
    expect(renderer.stats()).toEqual({ renders: 1, hits: 1, joined: 1, entries: 1 });
  });

  test.each([
    ['another minute', { now: new Date('2026-11-25T21:31:00Z') }],
    ['another language', { language: 'ko' as const }],
    ['another data version', { dataVersion: 'v2' }],
  ])('%s renders again', async (_name, overrides) => {
    const { calls, render } = manualRender();
    const renderer = createDashboardRenderer({ render });
    void renderer.render(request());
    const second = request(overrides);
    void renderer.render(second);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.input).toEqual({ now: second.now, language: second.language, series: {} });
  });

  test('a failed render is not cached: its waiters get the error, the next request renders again', async () => {
    const { calls, render } = manualRender();
    const renderer = createDashboardRenderer({ render });
    const first = renderer.render(request());
    const joined = renderer.render(request());
    calls[0]!.reject(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await expect(joined).rejects.toThrow('boom');
    const retry = renderer.render(request());
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(Buffer.from('ok'));
    expect((await retry).toString()).toBe('ok');
  });

  test('keeps at most maxEntries, dropping the least recently used', async () => {
    const { calls, render } = manualRender();
    const renderer = createDashboardRenderer({ maxEntries: 2, render });
    const a = request({ dataVersion: 'a' });
    const b = request({ dataVersion: 'b' });
    const c = request({ dataVersion: 'c' });
    void renderer.render(a);
    void renderer.render(b);
    void renderer.render(a); // a is now the most recent
    void renderer.render(c); // evicts b
    expect(renderer.stats().entries).toBe(2);
    void renderer.render(a);
    expect(calls).toHaveLength(3);
    void renderer.render(b);
    expect(calls.map((call) => call.input)).toHaveLength(4);
    expect(() => createDashboardRenderer({ maxEntries: 0 })).toThrow(RangeError);
  });

  test('by default it renders real PNGs', async () => {
    const renderer = createDashboardRenderer();
    const png = await renderer.render(request());
    expect(decodePng(png).width).toBe(1200);
    expect(await renderer.render(request())).toBe(png);
  });
});
