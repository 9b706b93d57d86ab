/**
 * component_logs holds a component once per snapshot. The migration that adds the unique index
 * first removes the second copies that earlier versions stored (keeping the first row), so it
 * applies to any existing database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrm } from '../../src/db/orm';
import { rows } from '../harness/db-rows';

const BEFORE = 'Migration20261203170039_sent_alerts_by_alert';

it('keeps the first row of a component stored twice in one snapshot, then refuses a second copy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-component-logs-'));
  const orm = await createOrm({ databasePath: join(dir, 'vrcpulse.db') });
  try {
    await orm.migrator.up({ to: BEFORE });
    const insert = (componentId: string, status: string) =>
      orm.em
        .getConnection()
        .execute(
          `insert into component_logs (component_id, name, status, source_timestamp, created_at) values (?, 'API', ?, 1000, 1000)`,
          [componentId, status],
        );
    await insert('c1', 'operational');
    await insert('c1', 'major_outage'); // the same snapshot again, as an old version stored it
    await insert('c2', 'operational');
    await orm.migrator.up();
    expect(await rows(orm, 'select component_id, status from component_logs order by id')).toEqual([
      { component_id: 'c1', status: 'operational' },
      { component_id: 'c2', status: 'operational' },
    ]);
    await expect(insert('c2', 'degraded_performance')).rejects.toThrow(/UNIQUE/i);
  } finally {
    await orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  }
});
