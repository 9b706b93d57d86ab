/**
 * Two processes booting together on one fresh database both migrate it: SQLite lets one writer in
 * at a time, so the second finds the work done, or fails on it and must then see nothing pending
 * and come up anyway. Two ORMs (two connections, as two workers have) on one file, at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrm } from '../../src/db/orm';
import { migrateDatabase } from '../../src/db/migrate';
import { MIGRATIONS } from '../../src/db/migrations/index';

it('two migrators started at the same moment both come up, and every migration runs once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-race-'));
  const databasePath = join(dir, 'vrcpulse.db');
  const orms = await Promise.all([createOrm({ databasePath }), createOrm({ databasePath })]);
  try {
    const results = await Promise.all(orms.map((orm) => migrateDatabase(orm)));
    // between them, every migration was applied exactly once
    expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => new m().name).sort());
    for (const orm of orms) expect(await orm.migrator.getPending()).toEqual([]);
    const [row] = await orms[0]!.em
      .getConnection()
      .execute<{ n: number }[]>('select count(*) as n from mikro_orm_migrations');
    expect(row!.n).toBe(MIGRATIONS.length);
  } finally {
    await Promise.all(orms.map((orm) => orm.close(true)));
    rmSync(dir, { recursive: true, force: true });
  }
});
