/**
 * A second, ORM-independent connection to a SQLite file, so schema assertions read the database itself (the
 * contract) rather than what MikroORM believes about it. better-sqlite3 13 ships no type declarations and
 * @types/better-sqlite3 is not a dependency, hence the small structural type and createRequire (which also keeps
 * the native addon in Node's own module cache instead of Jest's per-file registry).
 */
import { createRequire } from 'node:module';

export interface RawStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

export interface RawDatabase {
  prepare(sql: string): RawStatement;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(sql: string): void;
  close(): void;
}

type RawDatabaseConstructor = new (
  filename: string,
  options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number },
) => RawDatabase;

const requireNative = createRequire(__filename);

export function openRawDatabase(file: string): RawDatabase {
  const Database = requireNative('better-sqlite3') as RawDatabaseConstructor;
  const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
  db.pragma('foreign_keys = on');
  return db;
}

export function queryAll<T>(db: RawDatabase, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

/** Runs a write and returns the SQLite error code it failed with, or 'OK'. */
export function writeOutcome(db: RawDatabase, sql: string, ...params: unknown[]): string {
  try {
    db.prepare(sql).run(...params);
    return 'OK';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    throw error;
  }
}
