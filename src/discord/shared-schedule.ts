/**
 * The Discord request schedule every process on one database shares (table discord_pacing), so
 * that several workers, each with its delivery process, together stay under Discord's global limit
 * of 50 requests per second instead of each allowing itself 49.
 *
 * A process claims start times a quarter of a second at a time: one UPDATE moves the shared
 * `next_slot_at` on by `count` intervals and hands back the first of them. Claims never wait for
 * SQLite's lock (busy timeout 0, on a connection of their own): a busy database, say the worker
 * writing a day of metrics, is simply tried again a few milliseconds later from a timer, so the
 * sending process's event loop never stalls on it. A process sending official alerts marks the
 * schedule urgent until just after its last claimed slot; meanwhile the others' normal claims are
 * refused, so an incident is not slowed by a crowd-report fan-out running in another process.
 */
import { createRequire } from 'node:module';

// better-sqlite3 (MikroORM's SQLite driver, listed as our own dependency) ships no type
// declarations: the little of it used here, typed.
interface ClaimStatement {
  get(params: { now: number; span: number; urgent: number; grace: number }): { first: number } | undefined;
}
interface SqliteDatabase {
  prepare(sql: string): ClaimStatement;
  exec(sql: string): void;
  close(): void;
}
const Database = createRequire(__filename)('better-sqlite3') as new (
  path: string,
  options: { timeout: number },
) => SqliteDatabase;

export interface SlotClaim {
  /** The claimed start times (epoch ms), `interval` apart; empty when refused for now. */
  times: number[];
  /** When refused (database busy, or another process's urgent sends): when to try again (epoch ms). */
  retryAt?: number;
}

export interface SlotSource {
  claim(count: number, urgent: boolean, nowMs: number): SlotClaim;
  close(): void;
}

/** How long past its last claimed slot an urgent claim keeps others' normal claims waiting. */
const URGENT_GRACE_MS = 500;
/** How soon a claim refused because the database is busy is tried again. */
const BUSY_RETRY_MS = 5;
/** How soon a normal claim refused for another process's urgent sends is tried again (at most). */
const YIELD_RETRY_MS = 100;

/** Opens the schedule of `databasePath` (migrated), for starts `intervalMs` apart. The caller closes it. */
export function openSharedSchedule(databasePath: string, intervalMs: number): SlotSource {
  // the row the migration seeds, should someone have deleted it (waits for the lock this once)
  const seed = new Database(databasePath, { timeout: 10_000 });
  try {
    seed.exec('insert or ignore into discord_pacing (id, next_slot_at, urgent_until) values (1, 0, 0)');
  } finally {
    seed.close();
  }
  const db = new Database(databasePath, { timeout: 0 });
  const claim = db.prepare(
    `update discord_pacing
        set next_slot_at = max(next_slot_at, :now) + :span,
            urgent_until = case when :urgent then max(urgent_until, max(next_slot_at, :now) + :span + :grace)
                                else urgent_until end
      where id = 1 and (:urgent or urgent_until <= :now)
  returning next_slot_at - :span as first`,
  );
  return {
    claim(count, urgent, nowMs) {
      try {
        const row = claim.get({
          now: nowMs,
          span: count * intervalMs,
          urgent: urgent ? 1 : 0,
          grace: URGENT_GRACE_MS,
        });
        if (!row) return { times: [], retryAt: nowMs + YIELD_RETRY_MS };
        return { times: Array.from({ length: count }, (_, i) => row.first + i * intervalMs) };
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_BUSY')
          return { times: [], retryAt: nowMs + BUSY_RETRY_MS };
        throw err;
      }
    },
    close: () => db.close(),
  };
}
