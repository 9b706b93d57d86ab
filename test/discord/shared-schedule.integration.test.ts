/**
 * Several processes sending on one database share one Discord pace (table discord_pacing): here two
 * rate gates with a connection each to one migrated SQLite file, as two workers' delivery processes
 * have. Together they keep to 48 starts a second (49 at most in any second, counting a timer's
 * millisecond of lateness, so up to 40 ms of network jitter still cannot make 51 at Discord); urgent sends in one make
 * the other's normal ones wait; a database locked by another writer never blocks a gate (its claims
 * are tried again from a timer) and costs only the time the lock is held.
 */
import { createRateGate, type RateGate } from '../../src/discord/rate-gate';
import { openSharedSchedule, type SlotSource } from '../../src/discord/shared-schedule';
import { openRawDatabase } from '../db/raw-sqlite';
import { busiestSecond } from '../harness/rolling-window';
import { createTestDatabase } from '../harness/sqlite';

const INTERVAL_MS = 1000 / 48;

describe('the shared Discord schedule', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const opened: SlotSource[] = [];
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) s.close();
    await db.cleanup();
  });

  const gate = (): RateGate => {
    const schedule = openSharedSchedule(db.path, INTERVAL_MS);
    opened.push(schedule);
    return createRateGate({ perSecond: 48, limit: 50, schedule });
  };

  /** `callers` loops taking `g` `rounds` times each, recording when they got through. */
  const run = (g: RateGate, callers: number, rounds: number, priority: 'urgent' | 'normal', into: number[]) =>
    Promise.all(
      Array.from({ length: callers }, async () => {
        for (let i = 0; i < rounds; i++) {
          await g.take(priority);
          into.push(Date.now());
        }
      }),
    );

  it('two processes together keep to one pace', async () => {
    const a: number[] = [];
    const b: number[] = [];
    const startedAt = Date.now();
    await Promise.all([run(gate(), 8, 12, 'normal', a), run(gate(), 8, 12, 'normal', b)]);
    const all = [...a, ...b].sort((x, y) => x - y);
    expect(all).toHaveLength(192);
    // each alone would allow itself 48/s; together they share it: 192 starts take about 4 s, not 2
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(Math.floor(191 * INTERVAL_MS) - 5);
    expect(busiestSecond(all)).toBeLessThanOrEqual(49);
    // and both got their share along the way
    expect(a.length).toBe(96);
    expect(b.length).toBe(96);
  }, 30_000);

  it('urgent sends in one process go before normal ones in another', async () => {
    const normal: number[] = [];
    const urgent: number[] = [];
    const background = run(gate(), 8, 30, 'normal', normal); // 240 starts, 5 s alone
    await new Promise((r) => setTimeout(r, 500));
    const urgentFrom = Date.now();
    await run(gate(), 8, 6, 'urgent', urgent); // 48 starts
    const urgentTook = Date.now() - urgentFrom;
    await background;
    // the 48 urgent ones at the full pace (about 1 s), not at half of it
    expect(urgentTook).toBeLessThan(1_600);
    const during = normal.filter((t) => t > urgentFrom + 300 && t < urgent.at(-1)!);
    expect(during.length).toBeLessThanOrEqual(3);
    const all = [...normal, ...urgent].sort((x, y) => x - y);
    expect(busiestSecond(all)).toBeLessThanOrEqual(49);
  }, 30_000);

  it('puts the schedule row back when a delivery process opens it and the row is gone', async () => {
    await db.orm.em.getConnection().execute('delete from discord_pacing');
    const g = gate();
    const starts: number[] = [];
    await run(g, 2, 2, 'normal', starts);
    expect(starts).toHaveLength(4);
  }, 30_000);

  it('a database locked by another writer delays claims without blocking the event loop', async () => {
    const g = gate();
    const writer = openRawDatabase(db.path);
    try {
      writer.exec('begin immediate'); // holds SQLite's write lock
      const starts: number[] = [];
      const taking = run(g, 4, 3, 'normal', starts);
      // the event loop stays free while the gate cannot claim: timers keep firing on time
      const lags: number[] = [];
      for (let i = 0; i < 10; i++) {
        const before = Date.now();
        await new Promise((r) => setTimeout(r, 20));
        lags.push(Date.now() - before - 20);
      }
      expect(starts).toHaveLength(0);
      expect(Math.max(...lags)).toBeLessThan(100);
      writer.exec('commit');
      await taking;
      expect(starts).toHaveLength(12);
    } finally {
      writer.close();
    }
  }, 30_000);
});
