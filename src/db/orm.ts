import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/sqlite';
import { buildOrmConfig } from './config';

export interface CreateOrmOptions {
  /** SQLite file path, or ':memory:'. The parent folder is created when missing. */
  databasePath: string;
  debug?: boolean;
}

/**
 * Opens a MikroORM instance on the given SQLite file (WAL mode, 10 s busy timeout, explicit entities and
 * migrations). Does not migrate; see migrateDatabase / openMigratedOrm. The caller owns it and must close() it.
 */
export async function createOrm(options: CreateOrmOptions): Promise<MikroORM> {
  if (options.databasePath !== ':memory:') {
    mkdirSync(dirname(options.databasePath), { recursive: true });
  }
  return MikroORM.init(buildOrmConfig(options.databasePath, { debug: options.debug ?? false }));
}
