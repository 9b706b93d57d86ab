/**
 * Authoring tool behind `npm run migration:create [-- <name>]`: diffs the entities against the committed schema
 * snapshot (src/db/migrations/.snapshot-vrcpulse.json) and writes a new TypeScript migration next to it.
 *
 * It runs from the compiled dist/ (MikroORM is ESM-only and our sources are CommonJS, so plain node on the build
 * output is the reliable way to load both) but writes into src/db/migrations, relative to the working directory,
 * which npm sets to the repository root. It only ever opens an in-memory database: the snapshot, not some local
 * data file, is the reference, so the result does not depend on the machine it runs on.
 */
import { MikroORM } from '@mikro-orm/sqlite';
import { buildOrmConfig, MIGRATIONS_SOURCE_DIR } from './config';

async function main(): Promise<void> {
  const name = process.argv[2];
  const orm = await MikroORM.init(buildOrmConfig(':memory:', { migrationAuthoring: true }));
  try {
    const result = await orm.migrator.create(undefined, false, false, name);
    if (!result.fileName) {
      console.log('No schema changes: entities match the snapshot, nothing written.');
      return;
    }
    const className = result.fileName.replace(/\.ts$/, '');
    console.log(`Wrote ${MIGRATIONS_SOURCE_DIR}/${result.fileName} and updated the snapshot.`);
    console.log(
      `Next: add ${className} to MIGRATIONS in ${MIGRATIONS_SOURCE_DIR}/index.ts, then run prettier.`,
    );
  } finally {
    await orm.close(true);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
