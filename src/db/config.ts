import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/sqlite';
import { ALL_ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Where `npm run migration:create` writes migrations, relative to the repository root (the ORM's baseDir). */
export const MIGRATIONS_SOURCE_DIR = 'src/db/migrations';

/** Fixed snapshot name, so the snapshot does not depend on which database file the generator happened to use. */
export const MIGRATIONS_SNAPSHOT_NAME = '.snapshot-vrcpulse';

/** better-sqlite3 busy timeout: how long a writer waits for another connection's lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Per-connection pragmas. journal_mode=wal lets the bot read while the worker writes (it is persistent in the
 * file, but setting it on every connection also converts databases created elsewhere); synchronous=normal is
 * the usual WAL pairing (durable across application crashes, fsync only at checkpoints) and is per-connection.
 */
export const CONNECTION_PRAGMAS = ['pragma journal_mode = wal', 'pragma synchronous = normal'] as const;

/**
 * What MikroORM hands to `onCreateConnection` for SQLite: Kysely's DatabaseConnection (not the better-sqlite3
 * handle). Typed structurally because kysely is only a transitive dependency; its SQLite connection reads just
 * `sql` and `parameters` from the compiled query.
 */
interface KyselyRawConnection {
  executeQuery(query: {
    sql: string;
    parameters: readonly unknown[];
    query: unknown;
    queryId: unknown;
  }): Promise<unknown>;
}

async function applyConnectionPragmas(connection: unknown): Promise<void> {
  const conn = connection as KyselyRawConnection;
  for (const sql of CONNECTION_PRAGMAS) {
    await conn.executeQuery({
      sql,
      parameters: [],
      query: { kind: 'RawNode', sqlFragments: [sql], parameters: [] },
      queryId: { queryId: sql },
    });
  }
}

export interface OrmConfigOptions {
  /** Log every query (MikroORM debug mode) and the migrator's progress. */
  debug?: boolean;
  /**
   * Migration authoring mode (migration:create, the MikroORM CLI): keeps the schema snapshot next to the
   * migrations so the next migration is diffed against it. Off at runtime, where nothing may write into src/.
   */
  migrationAuthoring?: boolean;
}

/** The one place the ORM is configured; createOrm() and mikro-orm.config.ts both build on it. */
export function buildOrmConfig(databasePath: string, options: OrmConfigOptions = {}): Options {
  const debug = options.debug ?? false;
  const authoring = options.migrationAuthoring ?? false;
  return defineConfig({
    dbName: databasePath,
    entities: [...ALL_ENTITIES],
    extensions: [Migrator],
    driverOptions: { timeout: SQLITE_BUSY_TIMEOUT_MS },
    onCreateConnection: applyConnectionPragmas,
    debug,
    migrations: {
      migrationsList: [...MIGRATIONS],
      path: MIGRATIONS_SOURCE_DIR,
      pathTs: MIGRATIONS_SOURCE_DIR,
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshot: authoring,
      snapshotOnMigrate: false,
      snapshotName: MIGRATIONS_SNAPSHOT_NAME,
      silent: !debug,
    },
  });
}
