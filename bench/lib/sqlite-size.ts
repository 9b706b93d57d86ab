/** How much space a SQLite database takes, measured the two ways that matter for capacity planning. */
import { statSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/sqlite';

export interface DatabaseSize {
  /** Size of the main file plus its -wal file, after a TRUNCATE checkpoint (so the WAL is empty). */
  fileBytes: number;
  walBytes: number;
  /** `page_count * page_size`: the pages the database occupies, free pages included. */
  pageBytes: number;
  /** Pages on the free list (space that a later insert reuses before the file grows). */
  freelistPages: number;
  pageSize: number;
  /** Bytes per table or index, from the dbstat virtual table (undefined when SQLite lacks it). */
  byObject?: Record<string, number>;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function pragmaNumber(orm: MikroORM, pragma: string): Promise<number> {
  const rows = await orm.em.getConnection().execute<Record<string, unknown>[]>(`pragma ${pragma}`);
  const value = Object.values(rows[0] ?? {})[0];
  if (typeof value !== 'number') throw new Error(`pragma ${pragma} returned ${JSON.stringify(rows)}`);
  return value;
}

/** Checkpoints the WAL into the main file (TRUNCATE), then measures. */
export async function measureDatabase(orm: MikroORM, path: string): Promise<DatabaseSize> {
  await orm.em.getConnection().execute('pragma wal_checkpoint(TRUNCATE)');
  const pageSize = await pragmaNumber(orm, 'page_size');
  const pageCount = await pragmaNumber(orm, 'page_count');
  const freelistPages = await pragmaNumber(orm, 'freelist_count');
  const walBytes = fileSize(`${path}-wal`);
  let byObject: Record<string, number> | undefined;
  try {
    const rows = await orm.em
      .getConnection()
      .execute<{ name: string; bytes: number }[]>(
        'select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc',
      );
    byObject = Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
  } catch {
    byObject = undefined; // built without SQLITE_ENABLE_DBSTAT_VTAB
  }
  return {
    fileBytes: fileSize(path) + walBytes,
    walBytes,
    pageBytes: pageCount * pageSize,
    freelistPages,
    pageSize,
    byObject,
  };
}
