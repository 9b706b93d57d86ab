/**
 * The process-wide Discord pacer under a simulated clock (Jest's fake timers), configured as the
 * worker configures it (48/s under Discord's 50): even pacing, and never 51 starts within 1040 ms, so
 * never 51 in a second at Discord either, even when the event loop stalls and several overdue timers
 * fire together and the starts then reach Discord up to 40 ms apart from each other's timing.
 */
import { createRateGate } from '../../src/discord/rate-gate';

/** The most starts in any window [t, t + windowMs). */
function busiest(times: number[], windowMs = 1000): number {
  let most = 0;
  let from = 0;
  for (let i = 0; i < times.length; i++) {
    while ((times[from] as number) <= (times[i] as number) - windowMs) from++;
    most = Math.max(most, i - from + 1);
  }
  return most;
}

/**
 * `callers` loops that take the gate and record when they got through, `rounds` times each; each
 * request is written at once (as the HTTP client reports it) unless `report` is false.
 */
function startCallers(
  gate: ReturnType<typeof createRateGate>,
  callers: number,
  rounds: number,
  report = true,
): number[] {
  const starts: number[] = [];
  const caller = async () => {
    for (let i = 0; i < rounds; i++) {
      await gate.take();
      starts.push(Date.now());
      if (report) gate.wire.written();
    }
  };
  for (let i = 0; i < callers; i++) void caller();
  return starts;
}

describe('createRateGate', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('lets requests through evenly at the configured rate', async () => {
    const gate = createRateGate({ perSecond: 48, limit: 50, now: () => Date.now() });
    const starts = startCallers(gate, 8, 60);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(starts).toHaveLength(480);
    // 480 starts at 48/s: the last one 479 intervals after the first (timers round up to whole ms)
    const span = (starts.at(-1) as number) - (starts[0] as number);
    expect(span).toBeGreaterThanOrEqual(Math.floor((479 * 1000) / 48));
    expect(span).toBeLessThanOrEqual(Math.ceil((479 * 1000) / 48) + 1);
    expect(busiest(starts)).toBeLessThanOrEqual(49);
    expect(busiest(starts, 1040)).toBeLessThanOrEqual(50);
  });

  it('keeps every rolling second at the rate when the event loop stalls', async () => {
    const gate = createRateGate({ perSecond: 48, limit: 50, now: () => Date.now() });
    const starts = startCallers(gate, 8, 100);
    for (let i = 0; i < 10; i++) {
      await jest.advanceTimersByTimeAsync(700);
      // a 100 ms stall: the clock moves on, no timer runs; then the overdue ones fire together
      jest.setSystemTime(Date.now() + 100);
      await jest.advanceTimersByTimeAsync(0);
    }
    await jest.advanceTimersByTimeAsync(20_000);
    expect(starts).toHaveLength(800);
    // 50 at most, also over 1040 ms: 40 ms of jitter after the gate cannot make 51 in a second
    expect(busiest(starts)).toBeLessThanOrEqual(50);
    expect(busiest(starts, 1040)).toBeLessThanOrEqual(50);
    // and they cost next to no throughput: overdue starts catch up as far as the window allows
    const span = (starts.at(-1) as number) - (starts[0] as number);
    expect(span).toBeLessThanOrEqual(Math.ceil((799 * 1000) / 48) + 10 * 20);
  });

  it('counts requests when they are written, so one held back by a stall cannot make 51', async () => {
    // Each caller's request is created as soon as the gate lets it go and written after any stall
    // that held the loop first (here every 13th start is followed at once by a stall of 30-150 ms;
    // the starts resolved with it in the same turn are written after it too).
    for (const stallMs of [30, 70, 150]) {
      const gate = createRateGate({ perSecond: 49, limit: 50, now: () => Date.now() });
      const wire: number[] = [];
      let n = 0;
      const caller = async () => {
        for (let i = 0; i < 100; i++) {
          await gate.take();
          if (++n % 13 === 0) jest.setSystemTime(Date.now() + stallMs);
          wire.push(Date.now());
          gate.wire.written();
        }
      };
      void Promise.all(Array.from({ length: 16 }, caller));
      await jest.advanceTimersByTimeAsync(60_000);
      expect(wire).toHaveLength(1600);
      // (the stall length is in the object so that a failure names it)
      expect({ stallMs, atMost50: busiest(wire) <= 50 }).toEqual({ stallMs, atMost50: true });
    }
  });

  it('keeps most of the rate with a client that never reports its writes', async () => {
    const gate = createRateGate({ perSecond: 49, limit: 50, now: () => Date.now() });
    const starts = startCallers(gate, 8, 60, false);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(starts).toHaveLength(480);
    const span = (starts.at(-1) as number) - (starts[0] as number);
    expect(span).toBeLessThanOrEqual(((479 * 1000) / 49) * 1.1);
    expect(busiest(starts)).toBeLessThanOrEqual(50);
  });

  it('lets urgent callers through before normal ones waiting at the same time', async () => {
    const gate = createRateGate({ perSecond: 48, limit: 50, now: () => Date.now() });
    const order: string[] = [];
    for (let i = 0; i < 20; i++) void gate.take('normal').then(() => order.push(`n${i}`));
    await jest.advanceTimersByTimeAsync(100); // a few normal ones are through
    for (let i = 0; i < 5; i++) void gate.take('urgent').then(() => order.push(`u${i}`));
    await jest.advanceTimersByTimeAsync(2_000);
    expect(order).toHaveLength(25);
    const firstUrgent = order.indexOf('u0');
    // the five urgent ones went next, in their order, ahead of the normal ones still waiting
    expect(order.slice(firstUrgent, firstUrgent + 5)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(firstUrgent).toBeLessThanOrEqual(7);
    expect(order.filter((o) => o.startsWith('n'))).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
  });

  it('lets the first caller through at once', async () => {
    const gate = createRateGate({ perSecond: 48, limit: 50, now: () => Date.now() });
    let through = false;
    void gate.take().then(() => (through = true));
    await Promise.resolve();
    expect(through).toBe(true);
  });
});
