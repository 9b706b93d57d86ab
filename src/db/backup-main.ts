/**
 * `npm run backup -- <file>` (in the Docker image: `node dist/src/db/backup-main.js <file>`): a
 * consistent copy of DATABASE_PATH while the worker and the bot keep running. SQLite's `VACUUM INTO`
 * reads one snapshot of the database (WAL included) and writes a compact, self-contained file; a
 * plain file copy of a live WAL database can be torn. Refuses to overwrite an existing file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configSecrets, loadConfigOrExit } from '../config';
import { createLogger } from '../logger';
import { createOrm } from './orm';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('name the backup file: npm run backup -- path/to/backup.db');
  const targetPath = resolve(target);
  if (existsSync(targetPath)) throw new Error(`${targetPath} exists already; choose a new file name`);
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, secrets: configSecrets(config), name: 'backup' });
  // No migration check: a backup taken before an upgrade is exactly when the schema is older.
  if (!existsSync(config.databasePath)) throw new Error(`no database at ${config.databasePath}`);
  const orm = await createOrm({ databasePath: config.databasePath });
  try {
    await orm.em.getConnection().execute('vacuum into ?', [targetPath], 'run');
  } finally {
    await orm.close();
  }
  logger.info({ database: config.databasePath, backup: targetPath }, 'Backup written');
}

main().catch((err: unknown) => {
  process.stderr.write(`Backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
