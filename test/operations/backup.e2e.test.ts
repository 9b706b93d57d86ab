/**
 * `npm run backup -- <file>` (dist/src/db/backup-main.js): a consistent copy of the live database,
 * made through the project's own code rather than a transitive package, while another connection
 * keeps the file open with committed rows still in its write-ahead log.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openRawDatabase } from '../db/raw-sqlite';
import { rows } from '../harness/db-rows';
import { ROOT } from '../harness/paths';
import { registerRecipients, snowflake } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';

const execFileAsync = promisify(execFile);

async function backup(databasePath: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'db', 'backup-main.js'), ...args],
      { env: { PATH: process.env.PATH, DATABASE_PATH: databasePath }, timeout: 60_000 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let out: string;
beforeEach(async () => {
  db = await createTestDatabase();
  out = mkdtempSync(join(tmpdir(), 'vrcpulse-backup-'));
});
afterEach(async () => {
  await db.cleanup();
  rmSync(out, { recursive: true, force: true });
});

it('copies every committed row, including those still in the WAL, while the database stays open', async () => {
  await registerRecipients(db.orm, {
    guilds: [{ guildId: snowflake(1), channelId: snowflake(2) }],
    users: [{ userId: snowflake(3) }],
  });
  const target = join(out, 'backup.db');
  const run = await backup(db.path, [target]);
  expect(run).toMatchObject({ code: 0, output: expect.stringContaining('Backup written') });

  const copy = openRawDatabase(target);
  try {
    expect(copy.prepare('select guild_id, channel_id from guild_configs').all()).toEqual([
      { guild_id: snowflake(1), channel_id: snowflake(2) },
    ]);
    expect(copy.prepare('select user_id from user_configs').all()).toEqual([{ user_id: snowflake(3) }]);
    const original = await rows<{ key: string; value: string }>(
      db.orm,
      'select key, value from bot_config order by key',
    );
    expect(copy.prepare('select key, value from bot_config order by key').all()).toEqual(original);
    // a self-contained file: readable without the live database's -wal and -shm beside it
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    copy.close();
  }
  // the live database is untouched and still writable
  await registerRecipients(db.orm, { users: [{ userId: snowflake(4) }] });
}, 90_000);

it('refuses to overwrite an existing file', async () => {
  const target = join(out, 'backup.db');
  expect((await backup(db.path, [target])).code).toBe(0);
  const again = await backup(db.path, [target]);
  expect(again.code).toBe(1);
  expect(again.output).toMatch(/exists already/);
}, 90_000);

it('says how to call it without a file name, and names a missing database', async () => {
  const bare = await backup(db.path, []);
  expect(bare).toMatchObject({
    code: 1,
    output: expect.stringMatching(/npm run backup -- path\/to\/backup\.db/),
  });
  const missing = await backup(join(out, 'none.db'), [join(out, 'backup.db')]);
  expect(missing).toMatchObject({ code: 1, output: expect.stringMatching(/no database at/) });
  expect(existsSync(join(out, 'none.db'))).toBe(false);
}, 90_000);
