import type { MikroORM } from '@mikro-orm/sqlite';
import { createOrm, type CreateOrmOptions } from './orm';

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order (empty when the database was up to date). */
  applied: string[];
  /** How many migrations had already been applied before this call. */
  alreadyApplied: number;
}

/**
 * Applies every pending migration in one transaction (all or nothing). Idempotent: a second call
 * applies nothing. Two processes booting together on one file (two workers, a worker and `npm run
 * migrate`) both come up: SQLite lets one writer in at a time, and the one that loses the race
 * (its transaction fails on a table the other just made, and rolls back) looks again once the other
 * is done, and finds nothing left to do. A migration that fails on its own still fails, after the
 * last look.
 */
export async function migrateDatabase(orm: MikroORM): Promise<MigrateResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const executed = await orm.migrator.getExecuted();
      const ran = await orm.migrator.up();
      return { applied: ran.map((m) => m.name), alreadyApplied: executed.length };
    } catch (error) {
      if (attempt >= MIGRATE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/** Looks at the migrations this often before a failure is taken as the migration's own. */
const MIGRATE_ATTEMPTS = 5;

/** createOrm + migrateDatabase; closes the ORM again if migrating fails. */
export async function openMigratedOrm(
  databasePath: string,
  options: Omit<CreateOrmOptions, 'databasePath'> = {},
): Promise<{ orm: MikroORM; migration: MigrateResult }> {
  const orm = await createOrm({ ...options, databasePath });
  try {
    const migration = await migrateDatabase(orm);
    return { orm, migration };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

/**
 * Opens the database for a process that must not migrate it (the bot): fails with a clear message
 * when migrations are pending, so the bot never reads a schema older than its code.
 */
export async function openUpToDateOrm(databasePath: string): Promise<MikroORM> {
  const orm = await createOrm({ databasePath });
  try {
    const pending = await orm.migrator.getPending();
    if (pending.length > 0) {
      throw new Error(
        `the database ${databasePath} needs ${pending.length} migration(s); run \`npm run migrate\` or start the worker first`,
      );
    }
    return orm;
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
