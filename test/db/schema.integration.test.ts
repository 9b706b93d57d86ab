/**
 * The database schema is a contract (docs/data.md describes it): migrate real SQLite files and read them back
 * through a separate raw connection, table by table, constraint by constraint.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/sqlite';
import { GuildConfig, MetricLog, SentAlert, StatusLog } from '../../src/db/entities';
import { migrateDatabase, openMigratedOrm } from '../../src/db/migrate';
import { MIGRATIONS } from '../../src/db/migrations';
import { createOrm } from '../../src/db/orm';
import { openRawDatabase, queryAll, writeOutcome, type RawDatabase } from './raw-sqlite';

// ---------------------------------------------------------------------------------------------------------------
// The schema contract, written out. Its column types map to the declared SQLite types our migrations use:
// String/Text -> text, Integer -> integer, Double -> double, DateTime -> datetime (holding epoch ms integers),
// Boolean -> integer.
type ContractType = 'String' | 'Text' | 'Integer' | 'Double' | 'DateTime' | 'Boolean';
const DECLARED_TYPE: Record<ContractType, string> = {
  String: 'text',
  Text: 'text',
  Integer: 'integer',
  Double: 'double',
  DateTime: 'datetime',
  Boolean: 'integer',
};

interface ColumnContract {
  type: ContractType;
  nullable?: boolean;
  /** `pragma table_info` dflt_value accepted for the column's default (SQLite keeps the literal as written). */
  defaultValue?: readonly string[];
}

interface TableContract {
  pk: string[];
  /** An INTEGER PRIMARY KEY AUTOINCREMENT. */
  autoincrement?: boolean;
  columns: Record<string, ColumnContract>;
}

const S = { type: 'String' } as const;
const S_NULL = { type: 'String', nullable: true } as const;
const T = { type: 'Text' } as const;
const DT = { type: 'DateTime' } as const;
const ID_AUTOINC = { type: 'Integer' } as const;
const ENABLED = { type: 'Boolean', defaultValue: ['true', '1'] } as const;
/** The recipient's chosen language ('en' | 'ko' | NULL = follow Discord's locale). */
const LANGUAGE = S_NULL;
/**
 * Added by a later migration: the recipient's Discord locale as last seen, and a user's cached DM channel id.
 */
const LOCALE = S_NULL;
const DM_CHANNEL_ID = S_NULL;

const CONTRACT: Record<string, TableContract> = {
  guild_configs: {
    pk: ['guild_id'],
    columns: {
      guild_id: S,
      channel_id: S_NULL,
      enabled: ENABLED,
      language: LANGUAGE,
      locale: LOCALE,
      created_at: DT,
      updated_at: DT,
      // added by a later migration: broken channels switch off after three refused alerts
      failure_streak: { type: 'Integer', defaultValue: ['0'] },
      disabled_reason: S_NULL,
    },
  },
  user_configs: {
    pk: ['user_id'],
    columns: {
      user_id: S,
      enabled: ENABLED,
      language: LANGUAGE,
      locale: LOCALE,
      dm_channel_id: DM_CHANNEL_ID,
      created_at: DT,
      updated_at: DT,
    },
  },
  user_reports: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      guild_id: S_NULL,
      user_id: S,
      incident_type: S,
      content: { type: 'Text', nullable: true },
      status: { type: 'String', defaultValue: ["'active'"] },
      // added by a later migration: the Discord interaction a report came from (idempotency key)
      interaction_id: S_NULL,
      created_at: DT,
    },
  },
  status_logs: {
    pk: ['id'],
    autoincrement: true,
    columns: { id: ID_AUTOINC, indicator: S, description: T, source_timestamp: DT, created_at: DT },
  },
  component_logs: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      component_id: S,
      name: S,
      status: S,
      source_timestamp: DT,
      created_at: DT,
      // added by a later migration: the Statuspage group, so /status can show components by group
      group_id: S_NULL,
      is_group: { type: 'Boolean', defaultValue: ['false', '0'] },
    },
  },
  incidents: {
    pk: ['id'],
    columns: {
      id: S,
      title: S,
      impact: S,
      status: S,
      started_at: DT,
      resolved_at: { type: 'DateTime', nullable: true },
      // added by a later migration: successful polls in a row that left an open incident out
      missing_polls: { type: 'Integer', defaultValue: ['0'] },
      created_at: DT,
      updated_at: DT,
      // added by a later migration: when players reported it first (a crowd-report alert)
      reported_by_players_at: { type: 'DateTime', nullable: true },
    },
  },
  incident_updates: {
    pk: ['id'],
    columns: { id: S, incident_id: S, body: T, status: S, published_at: DT, created_at: DT, updated_at: DT },
  },
  maintenances: {
    pk: ['id'],
    columns: {
      id: S,
      title: S,
      status: S,
      scheduled_for: DT,
      scheduled_until: DT,
      created_at: DT,
      updated_at: DT,
      // added by a later migration: status changes apart from edits, blips apart from removals
      status_changed_at: { type: 'DateTime', nullable: true },
      missing_polls: { type: 'Integer', defaultValue: ['0'] },
      removed_at: { type: 'DateTime', nullable: true },
    },
  },
  // added by a later migration: the crowd-report alerts decided, for their limits
  report_alerts: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      report_type: S,
      reference_id: S,
      reporters: { type: 'Integer' },
      sources: { type: 'Integer' },
      created_at: DT,
    },
  },
  // added by a later migration: the one Discord request schedule every sending process shares
  discord_pacing: {
    pk: ['id'],
    columns: {
      id: { type: 'Integer' },
      next_slot_at: { type: 'Double' },
      urgent_until: { type: 'Double' },
    },
  },
  // added by a later migration: the one message per incident or maintenance and recipient
  alert_messages: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      subject: S,
      recipient: S,
      channel_id: S,
      message_id: S,
      created_at: DT,
      updated_at: DT,
    },
  },
  // added by the same migration: how each recipient wants its alerts (defaults without a row)
  alert_preferences: {
    pk: ['recipient'],
    columns: {
      recipient: S,
      style: { type: 'String', defaultValue: ["'lifecycle'"] },
      // added by a later migration: /config alerts and /config mention
      incidents: ENABLED,
      maintenances: ENABLED,
      status: ENABLED,
      metrics: ENABLED,
      reports: ENABLED,
      min_impact: { type: 'String', defaultValue: ["'none'"] },
      mention_role_id: S_NULL,
      mention_min_impact: { type: 'String', defaultValue: ["'major'"] },
      mention_maintenance: { type: 'Boolean', defaultValue: ['false', '0'] },
      mention_role_deleted: S_NULL,
      updated_at: DT,
    },
  },
  // added by a later migration: whether a server's alert channel is an announcement channel
  alert_channels: {
    pk: ['channel_id'],
    columns: {
      channel_id: S,
      announcement: { type: 'Boolean', defaultValue: ['false', '0'] },
      updated_at: DT,
    },
  },
  // added by a later migration: sends whose outcome is not known yet
  pending_sends: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      alert_type: S,
      reference_id: S,
      recipient: S,
      first_attempt_at: DT,
      posting: S_NULL,
    },
  },
  // added by a later migration: each recipient's digest message during a storm of alerts
  alert_digests: {
    pk: ['recipient'],
    columns: {
      recipient: S,
      channel_id: S,
      message_id: S,
      items: T,
      started_at: DT,
      updated_at: DT,
    },
  },
  // added by a later migration: alerts Discord refused for good, for the delivery history
  delivery_failures: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      recipient: S,
      alert_type: S,
      reference_id: S,
      code: { type: 'Integer' },
      reason: S,
      failed_at: DT,
    },
  },
  // added by a later migration, shaped like incident_updates
  maintenance_updates: {
    pk: ['id'],
    columns: {
      id: S,
      maintenance_id: S,
      body: T,
      status: S,
      published_at: DT,
      created_at: DT,
      updated_at: DT,
    },
  },
  metric_logs: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      metric_name: S,
      value: { type: 'Double' },
      unit: S,
      interval_sec: { type: 'Integer' },
      timestamp: DT,
      created_at: DT,
    },
  },
  sent_alerts: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      guild_id: S_NULL,
      user_id: S_NULL,
      alert_type: S,
      reference_id: S,
      notified_at: DT,
      created_at: DT,
    },
  },
  bot_config: {
    pk: ['key'],
    columns: { key: S, value: S, updated_at: DT },
  },
  command_logs: {
    pk: ['id'],
    autoincrement: true,
    columns: {
      id: ID_AUTOINC,
      command_name: S,
      subcommand: S_NULL,
      user_id: S,
      guild_id: S_NULL,
      channel_id: S_NULL,
      executed_at: DT,
      // added by a later migration: one log row per Discord interaction
      interaction_id: S_NULL,
    },
  },
};

/** `<expr>` marks an expression column of an index (index_xinfo reports it with cid -2 and no name). */
const EXPR = '<expr>';
interface IndexContract {
  name: string;
  unique: boolean;
  columns: string[];
}
/** Every index apart from the primary keys'. Those not created by the initial migration are noted. */
const INDEXES: Record<string, IndexContract[]> = {
  user_reports: [
    { name: 'idx_user_reports_type_created', unique: false, columns: ['incident_type', 'created_at'] },
    {
      name: 'idx_user_reports_user_type_created',
      unique: false,
      columns: ['user_id', 'incident_type', 'created_at'],
    },
    // added by a later migration: one report per Discord interaction
    { name: 'uq_user_reports_interaction', unique: true, columns: ['interaction_id'] },
  ],
  component_logs: [
    {
      name: 'idx_component_logs_component_time',
      unique: false,
      columns: ['component_id', 'source_timestamp'],
    },
    // added by a later migration: a component once per snapshot
    {
      name: 'uq_component_logs_snapshot_component',
      unique: true,
      columns: ['source_timestamp', 'component_id'],
    },
  ],
  metric_logs: [{ name: 'idx_metric_logs_name_time', unique: true, columns: ['metric_name', 'timestamp'] }],
  sent_alerts: [
    { name: 'idx_sent_alerts_lookup', unique: true, columns: [EXPR, EXPR, 'alert_type', 'reference_id'] },
    // added by a later migration: a fan-out page looks rows up by alert first
    { name: 'idx_sent_alerts_alert', unique: false, columns: ['alert_type', 'reference_id'] },
    { name: 'idx_sent_alerts_recent', unique: false, columns: [EXPR, EXPR, 'notified_at'] },
  ],
  command_logs: [
    { name: 'idx_command_logs_user_id', unique: false, columns: ['user_id'] },
    { name: 'idx_command_logs_guild_id', unique: false, columns: ['guild_id'] },
    // added by a later migration: one log row per Discord interaction
    { name: 'uq_command_logs_interaction', unique: true, columns: ['interaction_id'] },
  ],
  // source_timestamp is unique; the index name is MikroORM's
  status_logs: [{ name: 'status_logs_source_timestamp_unique', unique: true, columns: ['source_timestamp'] }],
  // MikroORM indexes every FK column; it serves "updates of incident X"
  incident_updates: [{ name: 'incident_updates_incident_id_index', unique: false, columns: ['incident_id'] }],
  maintenance_updates: [
    { name: 'maintenance_updates_maintenance_id_index', unique: false, columns: ['maintenance_id'] },
  ],
  alert_messages: [{ name: 'idx_alert_messages_subject', unique: true, columns: ['subject', 'recipient'] }],
  alert_preferences: [],
  alert_channels: [],
  pending_sends: [
    { name: 'idx_pending_sends_alert', unique: true, columns: ['alert_type', 'reference_id', 'recipient'] },
  ],
  alert_digests: [],
  delivery_failures: [
    {
      name: 'idx_delivery_failures_alert',
      unique: true,
      columns: ['recipient', 'alert_type', 'reference_id'],
    },
    { name: 'idx_delivery_failures_recent', unique: false, columns: ['recipient', 'failed_at'] },
  ],
  report_alerts: [
    { name: 'report_alerts_reference_id_unique', unique: true, columns: ['reference_id'] },
    { name: 'idx_report_alerts_created', unique: false, columns: ['created_at'] },
  ],
};

const SEEDED_BOT_CONFIG: Record<string, string> = {
  'polling.status': '60',
  'polling.incident': '60',
  'polling.maintenance': '60',
  'polling.metrics': '60',
  // 1 by the initial migration, raised to 5 by crowd_reports, which also adds report_min_sources
  report_threshold: '5',
  report_interval: '60',
  report_min_sources: '2',
};

// ---------------------------------------------------------------------------------------------------------------

interface TableInfoRow {
  cid: number;
  name: string;
  type: string;
  notnull: 0 | 1;
  dflt_value: string | null;
  pk: number;
}
interface IndexListRow {
  name: string;
  unique: 0 | 1;
  origin: 'c' | 'u' | 'pk';
  partial: 0 | 1;
}
interface IndexXInfoRow {
  seqno: number;
  cid: number;
  name: string | null;
  key: 0 | 1;
}
interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const INTERNAL_TABLES = ['mikro_orm_migrations', 'sqlite_sequence'];

function userTables(db: RawDatabase): string[] {
  return queryAll<{ name: string }>(db, `select name from sqlite_master where type = 'table' order by name`)
    .map((r) => r.name)
    .filter((name) => !INTERNAL_TABLES.includes(name));
}

function masterSnapshot(db: RawDatabase): MasterRow[] {
  return queryAll<MasterRow>(db, 'select type, name, tbl_name, sql from sqlite_master order by type, name');
}

const ALL_MIGRATION_NAMES = MIGRATIONS.map((m) => m.name);

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'vrcpulse-db-test-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('fresh database migrated from scratch', () => {
  let dbFile: string;
  let orm: MikroORM;
  let raw: RawDatabase;
  let migratedAt: { before: number; after: number };

  beforeAll(async () => {
    // a nested, not yet existing folder: createOrm must create it
    dbFile = join(workDir, 'fresh', 'nested', 'vrcpulse.db');
    const before = Date.now();
    const opened = await openMigratedOrm(dbFile);
    migratedAt = { before, after: Date.now() };
    orm = opened.orm;
    expect(opened.migration).toEqual({ applied: ALL_MIGRATION_NAMES, alreadyApplied: 0 });
    raw = openRawDatabase(dbFile);
  });

  afterAll(async () => {
    raw?.close();
    await orm?.close(true);
  });

  test('has exactly the twelve contract tables and the nine added since (plus MikroORM bookkeeping)', () => {
    expect(userTables(raw).sort()).toEqual(Object.keys(CONTRACT).sort());
    expect(Object.keys(CONTRACT)).toHaveLength(21);
  });

  describe.each(Object.entries(CONTRACT))('table %s', (table, contract) => {
    let info: TableInfoRow[];
    beforeAll(() => {
      info = queryAll<TableInfoRow>(raw, `pragma table_info('${table}')`);
    });

    test('has exactly the contract columns with their types, nullability and defaults', () => {
      const actual = Object.fromEntries(
        info.map((c) => [
          c.name,
          // SQLite may report the declared type upper-cased; a text PK must still be NOT NULL explicitly
          { type: c.type.toLowerCase(), nullable: c.notnull === 0, dflt: c.dflt_value },
        ]),
      );
      expect(Object.keys(actual).sort()).toEqual(Object.keys(contract.columns).sort());
      for (const [name, col] of Object.entries(contract.columns)) {
        const got = actual[name]!;
        expect({ column: name, type: got.type, nullable: got.nullable }).toEqual({
          column: name,
          type: DECLARED_TYPE[col.type],
          nullable: col.nullable ?? false,
        });
        if (col.defaultValue) {
          expect(col.defaultValue).toContain(got.dflt);
        } else {
          expect({ column: name, dflt: got.dflt }).toEqual({ column: name, dflt: null });
        }
      }
    });

    test('has the contract primary key', () => {
      const pk = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      expect(pk).toEqual(contract.pk);
      const sql = queryAll<{ sql: string }>(
        raw,
        `select sql from sqlite_master where type='table' and name=?`,
        table,
      )[0]!.sql;
      // AUTOINCREMENT: ids are never reused, even after retention deletes the newest rows
      expect(/autoincrement/i.test(sql)).toBe(contract.autoincrement ?? false);
    });

    test('has exactly the expected secondary indexes', () => {
      const list = queryAll<IndexListRow>(raw, `pragma index_list('${table}')`).filter(
        (i) => i.origin !== 'pk',
      );
      const actual = list
        .map((i) => ({
          name: i.name,
          unique: i.unique === 1,
          columns: queryAll<IndexXInfoRow>(raw, `pragma index_xinfo('${i.name}')`)
            .filter((c) => c.key === 1)
            .sort((a, b) => a.seqno - b.seqno)
            .map((c) => (c.cid === -2 ? EXPR : c.name)),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const expected = [...(INDEXES[table] ?? [])].sort((a, b) => a.name.localeCompare(b.name));
      expect(actual).toEqual(expected);
      expect(list.every((i) => i.partial === 0)).toBe(true);
    });
  });

  test('idx_sent_alerts_lookup indexes coalesce(guild_id, ...), coalesce(user_id, ...), alert_type, reference_id', () => {
    const [row] = queryAll<{ sql: string }>(
      raw,
      `select sql from sqlite_master where name = 'idx_sent_alerts_lookup'`,
    );
    const sql = row!.sql.replace(/[`"]/g, '').replace(/\s+/g, ' ').toLowerCase();
    expect(sql).toBe(
      "create unique index idx_sent_alerts_lookup on sent_alerts (coalesce(guild_id, ''), coalesce(user_id, ''), alert_type, reference_id)",
    );
  });

  test('sent_alerts carries the ck_sent_alerts_one_recipient CHECK', () => {
    const [row] = queryAll<{ sql: string }>(
      raw,
      `select sql from sqlite_master where type='table' and name='sent_alerts'`,
    );
    expect(row!.sql).toMatch(/constraint [`"]?ck_sent_alerts_one_recipient[`"]? check \(/i);
  });

  test('the update tables have a foreign key to their parent, and it is enforced', () => {
    const fksOf = (table: string) =>
      queryAll<{ table: string; from: string; to: string }>(raw, `pragma foreign_key_list('${table}')`).map(
        ({ table, from, to }) => ({ table, from, to }),
      );
    expect(fksOf('incident_updates')).toEqual([{ table: 'incidents', from: 'incident_id', to: 'id' }]);
    expect(fksOf('maintenance_updates')).toEqual([
      { table: 'maintenances', from: 'maintenance_id', to: 'id' },
    ]);
    for (const table of Object.keys(CONTRACT).filter(
      (t) => t !== 'incident_updates' && t !== 'maintenance_updates',
    )) {
      expect({ table, fks: queryAll(raw, `pragma foreign_key_list('${table}')`) }).toEqual({
        table,
        fks: [],
      });
    }
    expect(
      writeOutcome(
        raw,
        `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
         values ('u-orphan', 'no-such-incident', 'b', 'investigating', 1, 1, 1)`,
      ),
    ).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(
      writeOutcome(
        raw,
        `insert into maintenance_updates (id, maintenance_id, body, status, published_at, created_at, updated_at)
         values ('mu-orphan', 'no-such-maintenance', 'b', 'scheduled', 1, 1, 1)`,
      ),
    ).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  });

  test('the ORM connection enforces foreign keys too', async () => {
    const conn = orm.em.getConnection();
    expect(await conn.execute('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  test('the migrations fill bot_config with the seven default keys, updated_at in epoch ms', () => {
    const rows = queryAll<{ key: string; value: string; updated_at: number }>(
      raw,
      'select * from bot_config',
    );
    expect(Object.fromEntries(rows.map((r) => [r.key, r.value]))).toEqual(SEEDED_BOT_CONFIG);
    for (const row of rows) {
      expect(typeof row.updated_at).toBe('number');
      expect(row.updated_at).toBeGreaterThanOrEqual(migratedAt.before);
      expect(row.updated_at).toBeLessThanOrEqual(migratedAt.after);
    }
  });

  test('defaults: enabled is true, user_reports.status is active, language is NULL', () => {
    raw
      .prepare(`insert into guild_configs (guild_id, created_at, updated_at) values ('g-default', 1, 1)`)
      .run();
    raw
      .prepare(`insert into user_configs (user_id, created_at, updated_at) values ('u-default', 1, 1)`)
      .run();
    raw
      .prepare(
        `insert into user_reports (user_id, incident_type, created_at) values ('u-default', 'login', 1)`,
      )
      .run();
    expect(queryAll(raw, `select enabled, language from guild_configs where guild_id = 'g-default'`)).toEqual(
      [{ enabled: 1, language: null }],
    );
    expect(queryAll(raw, `select enabled, language from user_configs where user_id = 'u-default'`)).toEqual([
      { enabled: 1, language: null },
    ]);
    expect(
      queryAll(raw, `select status, guild_id, content from user_reports where user_id = 'u-default'`),
    ).toEqual([{ status: 'active', guild_id: null, content: null }]);
  });

  describe('sent_alerts deduplication and recipient rule', () => {
    const insert = (
      guildId: string | null,
      userId: string | null,
      referenceId: string,
      alertType = 'incident',
    ) =>
      writeOutcome(
        raw,
        `insert into sent_alerts (guild_id, user_id, alert_type, reference_id, notified_at, created_at)
         values (?, ?, ?, ?, 1, 1)`,
        guildId,
        userId,
        alertType,
        referenceId,
      );

    test('a duplicate guild alert (user_id NULL) is rejected', () => {
      expect(insert('guild-1', null, 'inc-guild-dup')).toBe('OK');
      expect(insert('guild-1', null, 'inc-guild-dup')).toBe('SQLITE_CONSTRAINT_UNIQUE');
    });

    test('a duplicate user alert (guild_id NULL) is rejected', () => {
      expect(insert(null, 'user-1', 'inc-user-dup')).toBe('OK');
      expect(insert(null, 'user-1', 'inc-user-dup')).toBe('SQLITE_CONSTRAINT_UNIQUE');
    });

    test('the same reference for different recipients is accepted', () => {
      expect(insert('guild-a', null, 'inc-shared')).toBe('OK');
      expect(insert('guild-b', null, 'inc-shared')).toBe('OK');
      expect(insert(null, 'user-a', 'inc-shared')).toBe('OK');
      // the same snowflake as guild and as user are two different recipients
      expect(insert(null, 'guild-a', 'inc-shared')).toBe('OK');
      // another alert type for the same reference is another alert
      expect(insert('guild-a', null, 'inc-shared', 'maintenance')).toBe('OK');
    });

    test('a row with both or neither recipient, or an empty one, is rejected by the CHECK', () => {
      expect(insert('guild-x', 'user-x', 'inc-both')).toBe('SQLITE_CONSTRAINT_CHECK');
      expect(insert(null, null, 'inc-neither')).toBe('SQLITE_CONSTRAINT_CHECK');
      expect(insert('', null, 'inc-empty')).toBe('SQLITE_CONSTRAINT_CHECK');
      expect(insert(null, '', 'inc-empty')).toBe('SQLITE_CONSTRAINT_CHECK');
    });

    test('through the ORM, a duplicate surfaces as UniqueConstraintViolationException', async () => {
      const row = {
        guildId: 'guild-orm',
        alertType: 'incident',
        referenceId: 'inc-orm',
        notifiedAt: new Date(),
      };
      await orm.em.fork().insert(SentAlert, { ...row, createdAt: new Date() });
      await expect(orm.em.fork().insert(SentAlert, { ...row, createdAt: new Date() })).rejects.toBeInstanceOf(
        UniqueConstraintViolationException,
      );
      await expect(
        orm.em
          .fork()
          .insert(SentAlert, { ...row, userId: 'user-orm', referenceId: 'inc-orm-2', createdAt: new Date() }),
      ).rejects.toBeInstanceOf(CheckConstraintViolationException);
    });
  });

  test('metric_logs rejects a second point for the same (metric_name, timestamp)', () => {
    const insert = (name: string, ts: number) =>
      writeOutcome(
        raw,
        `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at)
         values (?, 1.5, 'ms', 60, ?, 1)`,
        name,
        ts,
      );
    expect(insert('api_latency', 1_700_000_000_000)).toBe('OK');
    expect(insert('api_latency', 1_700_000_000_000)).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(insert('api_errors', 1_700_000_000_000)).toBe('OK');
    expect(insert('api_latency', 1_700_000_060_000)).toBe('OK');
  });

  test('status_logs rejects a duplicate source_timestamp', () => {
    const insert = (ts: number) =>
      writeOutcome(
        raw,
        `insert into status_logs (indicator, description, source_timestamp, created_at) values ('none', 'ok', ?, 1)`,
        ts,
      );
    expect(insert(1_700_000_000_000)).toBe('OK');
    expect(insert(1_700_000_000_000)).toBe('SQLITE_CONSTRAINT_UNIQUE');
  });

  test('the ORM stores Date props as epoch-millisecond integers', async () => {
    const at = new Date('2026-01-05T12:12:30.123Z');
    const em = orm.em.fork();
    em.create(StatusLog, { indicator: 'minor', description: 'Partial outage', sourceTimestamp: at });
    await em.flush();
    expect(
      queryAll(
        raw,
        `select typeof(source_timestamp) t, source_timestamp v from status_logs where indicator = 'minor'`,
      ),
    ).toEqual([{ t: 'integer', v: at.getTime() }]);
  });

  test('the ORM reads back numbers, Dates and booleans', async () => {
    const at = new Date('2026-01-05T12:00:00.000Z');
    const em = orm.em.fork();
    const metric = em.create(MetricLog, {
      metricName: 'visits',
      value: 1234.5,
      unit: 'count',
      intervalSec: 60,
      timestamp: at,
    });
    em.create(GuildConfig, { guildId: 'g-orm', language: 'ko' });
    await em.flush();
    const fresh = orm.em.fork();
    const readMetric = await fresh.findOneOrFail(MetricLog, { id: metric.id });
    expect(readMetric.value).toBe(1234.5);
    expect(readMetric.timestamp).toEqual(at);
    expect(readMetric.createdAt).toBeInstanceOf(Date);
    const guild = await fresh.findOneOrFail(GuildConfig, { guildId: 'g-orm' });
    expect({ enabled: guild.enabled, language: guild.language, channelId: guild.channelId }).toEqual({
      enabled: true,
      language: 'ko',
      channelId: null,
    });
  });

  test('runs in WAL mode with synchronous=normal and a 10 s busy timeout', async () => {
    const conn = orm.em.getConnection();
    expect(await conn.execute('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await conn.execute('pragma synchronous')).toEqual([{ synchronous: 1 }]);
    expect(await conn.execute('pragma busy_timeout')).toEqual([{ timeout: 10_000 }]);
    // WAL is a property of the file: a connection that sets nothing sees it as well
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  test('the entities and the migrated database agree (no pending schema diff)', async () => {
    expect((await orm.schema.getUpdateSchemaSQL()).trim()).toBe('');
  });

  test('migrating again applies nothing and leaves sqlite_master identical', async () => {
    const before = masterSnapshot(raw);
    const botConfigBefore = queryAll(raw, 'select * from bot_config order by key');
    // once through the same ORM, once through a brand-new one, as a restart would
    expect(await migrateDatabase(orm)).toEqual({ applied: [], alreadyApplied: ALL_MIGRATION_NAMES.length });
    const second = await openMigratedOrm(dbFile);
    try {
      expect(second.migration).toEqual({ applied: [], alreadyApplied: ALL_MIGRATION_NAMES.length });
    } finally {
      await second.orm.close(true);
    }
    expect(masterSnapshot(raw)).toEqual(before);
    expect(queryAll(raw, 'select * from bot_config order by key')).toEqual(botConfigBefore);
    expect(queryAll(raw, 'select name from mikro_orm_migrations')).toEqual(
      ALL_MIGRATION_NAMES.map((name) => ({ name })),
    );
  });
});

describe('migrations', () => {
  test('every migration file in src/db/migrations is registered in MIGRATIONS, in file order', () => {
    const dir = join(__dirname, '..', '..', 'src', 'db', 'migrations');
    const files = readdirSync(dir)
      .filter((f) => /^Migration\d{14}.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map((m) => m.name)).toEqual(files);
  });

  test('down to zero drops every table, also with incidents referenced by updates', async () => {
    const dbFile = join(workDir, 'down', 'vrcpulse.db');
    const { orm } = await openMigratedOrm(dbFile);
    try {
      const conn = orm.em.getConnection();
      await conn.execute(
        `insert into incidents (id, title, impact, status, started_at, created_at, updated_at)
         values ('i1', 't', 'minor', 'investigating', 1, 1, 1)`,
      );
      await conn.execute(
        `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
         values ('u1', 'i1', 'b', 'investigating', 1, 1, 1)`,
      );
      await orm.migrator.down({ to: 0 });
      const raw = openRawDatabase(dbFile);
      try {
        expect(userTables(raw)).toEqual([]);
      } finally {
        raw.close();
      }
      // and back up again from empty
      expect(await migrateDatabase(orm)).toEqual({ applied: ALL_MIGRATION_NAMES, alreadyApplied: 0 });
    } finally {
      await orm.close(true);
    }
  });

  test('an in-memory database can be opened and migrated', async () => {
    const orm = await createOrm({ databasePath: ':memory:' });
    try {
      expect(await migrateDatabase(orm)).toEqual({ applied: ALL_MIGRATION_NAMES, alreadyApplied: 0 });
      const rows = await orm.em.getConnection().execute<{ n: number }[]>('select count(*) n from bot_config');
      expect(rows).toEqual([{ n: 7 }]);
    } finally {
      await orm.close(true);
    }
  });
});
