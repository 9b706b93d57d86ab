/**
 * Upgrading a database to the crowd-report defaults: report_threshold goes from the old default 1
 * to 5, a value an operator changed stays, and report_min_sources appears (kept if already set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrm } from '../../src/db/orm';
import { migrateDatabase } from '../../src/db/migrate';

const BEFORE = 'Migration20261203191924_maintenance_updates';

async function upgrade(prepare: string[]): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-upgrade-'));
  const orm = await createOrm({ databasePath: join(dir, 'vrcpulse.db') });
  try {
    await orm.migrator.up({ to: BEFORE });
    for (const sql of prepare) await orm.em.getConnection().execute(sql);
    await migrateDatabase(orm);
    const rows = await orm.em
      .getConnection()
      .execute<{ key: string; value: string }[]>(
        `select key, value from bot_config where key in ('report_threshold', 'report_min_sources')`,
      );
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } finally {
    await orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  }
}

it('raises the old default threshold of 1 to 5 and adds report_min_sources 2', async () => {
  expect(await upgrade([])).toEqual({ report_threshold: '5', report_min_sources: '2' });
});

it('leaves a threshold an operator changed alone', async () => {
  expect(await upgrade([`update bot_config set value = '3' where key = 'report_threshold'`])).toEqual({
    report_threshold: '3',
    report_min_sources: '2',
  });
});
