/** `npm run migrate`: applies pending migrations to DATABASE_PATH and reports what it did. */
import { configSecrets, loadConfigOrExit } from '../config';
import { createLogger } from '../logger';
import { openMigratedOrm } from './migrate';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, secrets: configSecrets(config), name: 'migrate' });
  const { orm, migration } = await openMigratedOrm(config.databasePath);
  await orm.close();
  if (migration.applied.length === 0) {
    logger.info(
      { database: config.databasePath, alreadyApplied: migration.alreadyApplied },
      'Database is up to date',
    );
  } else {
    logger.info(
      { database: config.databasePath, applied: migration.applied },
      `Applied ${migration.applied.length} migration(s)`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
