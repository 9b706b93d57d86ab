/**
 * Config for MikroORM tooling (e.g. the MikroORM CLI, if installed). It builds on the same buildOrmConfig() as
 * the application, in migration-authoring mode (schema snapshot kept in src/db/migrations), against the file
 * named by DATABASE_PATH (default ./data/vrcpulse.db, see docs of the outside interface).
 * `npm run migration:create` does not need this file: it uses an in-memory database and the snapshot.
 */
import { buildOrmConfig } from './src/db/config';

export default buildOrmConfig(process.env.DATABASE_PATH ?? './data/vrcpulse.db', {
  migrationAuthoring: true,
});
