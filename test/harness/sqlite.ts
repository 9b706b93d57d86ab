import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { openMigratedOrm } from '../../src/db/migrate';

/** A real, migrated SQLite file in its own temp folder; `cleanup` closes and deletes it. */
export async function createTestDatabase(): Promise<{
  orm: MikroORM;
  path: string;
  cleanup(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-test-'));
  const path = join(dir, 'vrcpulse.db');
  const { orm } = await openMigratedOrm(path);
  return {
    orm,
    path,
    cleanup: async () => {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
