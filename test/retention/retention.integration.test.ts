/**
 * The retention workflow on a real SQLite file seeded with 400 days of every
 * time-series table: it deletes exactly the rows past their period, nothing else, in batches of the
 * configured size, and reports per table what it removed. The real workflow and activities run on the
 * suite's Temporal server; expected rows are worked out here from what was inserted.
 */
import { createActivities } from '../../src/activities/index';
import { batchDeleteSql } from '../../src/retention/purge';
import {
  DAY_MS,
  DEFAULT_RETENTION_DAYS,
  RETENTION_TABLES,
  type RetentionReport,
  type RetentionTable,
  retentionSettings,
} from '../../src/contracts/retention';
import { retentionWorkflow } from '../../src/workflows/index';
import { openRawDatabase, type RawDatabase } from '../db/raw-sqlite';
import { testActivityDeps } from '../harness/deps';
import { rows } from '../harness/db-rows';
import { recordHistory } from '../harness/history';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';

const HOUR = 60 * 60 * 1000;
const METRICS = [
  'visits',
  'api_latency',
  'api_requests',
  'api_errors',
  'extauth_steam',
  'extauth_steam_count',
  'extauth_oculus',
  'extauth_oculus_count',
];
const COMPONENTS = ['c-api', 'c-web', 'c-realtime', 'c-cdn', 'c-auth'];
const REPORT_TYPES = ['login', 'instance', 'api', 'auth', 'download', 'other'];

/** Rowid and the timestamp that decides its age, per inserted row; the untouched tables' row counts. */
interface Seeded {
  rows: Record<RetentionTable, { id: number; at: number }[]>;
  untouched: Record<'command_logs' | 'incidents', number>;
}

function insert(db: RawDatabase, sql: string, ...params: unknown[]): number {
  return Number(db.prepare(sql).run(...params).lastInsertRowid);
}

/**
 * 400 days before `asOf`: metrics hourly (8 feeds), a status snapshot every 6 hours with 5 component
 * rows each, a report every 20 minutes, an alert delivery every hour, a command a day, two old incidents.
 * Rows sit exactly on each period's cut-off (kept) and 1 ms before it (deleted), and a few rows have a
 * misleading second timestamp, so the test also tells which column decides.
 */
function seedYear(file: string, asOf: number): Seeded {
  const db = openRawDatabase(file);
  const seeded: Seeded = {
    rows: {
      metric_logs: [],
      status_logs: [],
      component_logs: [],
      user_reports: [],
      sent_alerts: [],
      alert_messages: [],
      delivery_failures: [],
    },
    untouched: { command_logs: 0, incidents: 0 },
  };
  const cutoff = (table: RetentionTable) => asOf - DEFAULT_RETENTION_DAYS[table] * DAY_MS;
  db.exec('begin');
  try {
    const metric = db.prepare(
      'insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values (?, ?, ?, ?, ?, ?)',
    );
    const addMetric = (name: string, at: number, createdAt = at + 60_000) =>
      seeded.rows.metric_logs.push({
        id: Number(metric.run(name, 1.5, 'ms', 60, at, createdAt).lastInsertRowid),
        at,
      });
    for (let h = 400 * 24; h >= 0; h--) for (const name of METRICS) addMetric(name, asOf - h * HOUR);
    addMetric('visits', cutoff('metric_logs') - 1);
    // fetched recently, but the data point is 100 days old: the point's own time decides
    addMetric('legacy_feed', asOf - 100 * DAY_MS, asOf - HOUR);

    const status = db.prepare(
      'insert into status_logs (indicator, description, source_timestamp, created_at) values (?, ?, ?, ?)',
    );
    const component = db.prepare(
      'insert into component_logs (component_id, name, status, source_timestamp, created_at) values (?, ?, ?, ?, ?)',
    );
    const addSnapshot = (at: number) => {
      seeded.rows.status_logs.push({
        id: Number(status.run('none', 'All Systems Operational', at, asOf).lastInsertRowid),
        at,
      });
      for (const id of COMPONENTS) {
        seeded.rows.component_logs.push({
          id: Number(component.run(id, id, 'operational', at, asOf).lastInsertRowid),
          at,
        });
      }
    };
    for (let k = 400 * 4; k >= 0; k--) addSnapshot(asOf - k * 6 * HOUR);
    addSnapshot(cutoff('status_logs') - 1);

    const report = db.prepare(
      `insert into user_reports (guild_id, user_id, incident_type, content, status, created_at)
       values (?, ?, ?, null, 'active', ?)`,
    );
    const addReport = (i: number, at: number) =>
      seeded.rows.user_reports.push({
        id: Number(report.run(null, `u${i}`, REPORT_TYPES[i % REPORT_TYPES.length], at).lastInsertRowid),
        at,
      });
    for (let i = 0; i < 400 * 72; i++) addReport(i, asOf - i * 20 * 60_000 - 7 * 60_000);
    addReport(1_000_001, cutoff('user_reports'));
    addReport(1_000_002, cutoff('user_reports') - 1);

    const alert = db.prepare(
      `insert into sent_alerts (guild_id, user_id, alert_type, reference_id, notified_at, created_at)
       values (?, null, 'incident', ?, ?, ?)`,
    );
    const addAlert = (i: number, at: number, createdAt = at) =>
      seeded.rows.sent_alerts.push({
        id: Number(alert.run(`g${i}`, `inc${i}`, at, createdAt).lastInsertRowid),
        at,
      });
    for (let h = 400 * 24; h >= 0; h--) addAlert(h, asOf - h * HOUR);
    addAlert(-1, cutoff('sent_alerts'));
    addAlert(-2, cutoff('sent_alerts') - 1);
    // row created long ago but delivered 10 days ago: the delivery time decides (kept)
    addAlert(-3, asOf - 10 * DAY_MS, asOf - 60 * DAY_MS);

    // an incident's message per recipient, last edited every hour back; refusals likewise
    const message = db.prepare(
      `insert into alert_messages (subject, recipient, channel_id, message_id, created_at, updated_at)
       values (?, ?, '100000000000000009', '100000000000000010', ?, ?)`,
    );
    const addMessage = (i: number, at: number, createdAt = at) =>
      seeded.rows.alert_messages.push({
        id: Number(message.run(`incident:m${i}`, `guild:g${i}`, createdAt, at).lastInsertRowid),
        at,
      });
    for (let h = 400 * 24; h >= 0; h--) addMessage(h, asOf - h * HOUR);
    addMessage(-1, cutoff('alert_messages'));
    addMessage(-2, cutoff('alert_messages') - 1);
    // posted long ago, edited 10 days ago: the last edit decides (kept)
    addMessage(-3, asOf - 10 * DAY_MS, asOf - 200 * DAY_MS);
    const refusal = db.prepare(
      `insert into delivery_failures (recipient, alert_type, reference_id, code, reason, failed_at)
       values (?, 'incident', ?, 50007, 'cannot send messages to this user', ?)`,
    );
    const addRefusal = (i: number, at: number) =>
      seeded.rows.delivery_failures.push({
        id: Number(refusal.run(`user:u${i % 7}`, `f${i}`, at).lastInsertRowid),
        at,
      });
    for (let h = 400 * 24; h >= 0; h--) addRefusal(h, asOf - h * HOUR);
    addRefusal(-1, cutoff('delivery_failures'));
    addRefusal(-2, cutoff('delivery_failures') - 1);

    for (let d = 0; d < 400; d++) {
      insert(
        db,
        `insert into command_logs (command_name, subcommand, user_id, guild_id, channel_id, executed_at)
         values ('status', null, '100000000000000001', null, null, ?)`,
        asOf - d * DAY_MS,
      );
      seeded.untouched.command_logs += 1;
    }
    for (const [id, days] of [
      ['old1', 500],
      ['old2', 390],
    ] as const) {
      const at = asOf - days * DAY_MS;
      insert(
        db,
        `insert into incidents (id, title, impact, status, started_at, resolved_at, created_at, updated_at)
         values (?, 'Old', 'minor', 'resolved', ?, ?, ?, ?)`,
        id,
        at,
        at,
        at,
        at,
      );
      seeded.untouched.incidents += 1;
    }
    db.exec('commit');
  } finally {
    db.close();
  }
  return seeded;
}

async function idsOf(orm: Parameters<typeof rows>[0], table: string): Promise<number[]> {
  return (await rows<{ id: number }>(orm, `select id from ${table} order by id`)).map((r) => r.id);
}

const byId = (a: number, b: number) => a - b;

describe('retention workflow', () => {
  let temporal: TestTemporal;
  beforeAll(async () => {
    temporal = await connectClient();
  });
  afterAll(() => temporal.close());

  async function runRetention(
    orm: Parameters<typeof createActivities>[0]['orm'],
    input: Parameters<typeof retentionWorkflow>[0],
    /** Records the run's history as this replay fixture. */
    recordAs?: string,
  ): Promise<RetentionReport> {
    const taskQueue = uniqueTaskQueue('retention');
    const activities = createActivities(testActivityDeps({ orm, client: temporal.client, taskQueue }));
    const report = await withWorker({ taskQueue, activities }, () =>
      temporal.client.workflow.execute(retentionWorkflow, {
        taskQueue,
        workflowId: taskQueue,
        args: [input],
      }),
    );
    if (recordAs) await recordHistory(temporal.client.workflow.getHandle(taskQueue), recordAs);
    return report;
  }

  it('deletes exactly the rows past the default periods, in batches of 500, and reports it', async () => {
    const db = await createTestDatabase();
    try {
      const asOf = Math.floor(Date.now() / 1000) * 1000 - 60_000;
      const seeded = seedYear(db.path, asOf);
      const before = {
        command_logs: (await idsOf(db.orm, 'command_logs')).length,
        incidents: (await rows(db.orm, 'select id from incidents')).length,
        bot_config: await rows(db.orm, 'select * from bot_config order by key'),
      };

      const report = await runRetention(db.orm, { asOf: new Date(asOf).toISOString() });

      expect(report.phase).toBe('done');
      expect(report.batchSize).toBe(500);
      expect(report.invalidSettings).toEqual([]);
      for (const table of RETENTION_TABLES) {
        const cutoff = asOf - DEFAULT_RETENTION_DAYS[table] * DAY_MS;
        const expired = seeded.rows[table].filter((r) => r.at < cutoff).map((r) => r.id);
        const kept = seeded.rows[table].filter((r) => r.at >= cutoff).map((r) => r.id);
        // the inserted rows really span every table's period, on both sides
        expect(expired.length).toBeGreaterThan(500);
        expect(kept.length).toBeGreaterThan(0);

        expect(await idsOf(db.orm, table)).toEqual(kept.sort(byId));
        expect(report.tables[table]).toEqual({
          periodDays: DEFAULT_RETENTION_DAYS[table],
          cutoff: new Date(cutoff).toISOString(),
          deleted: expired.length,
          // every DELETE took a full batch of 500 but the last
          batches: Math.ceil(expired.length / 500),
          largestBatch: 500,
        });
      }
      // metric_logs needs more batches than one activity call runs (100): it took several calls
      expect(report.tables.metric_logs!.batches).toBeGreaterThan(100);

      // tables without a retention period, and the settings, are untouched
      expect((await idsOf(db.orm, 'command_logs')).length).toBe(seeded.untouched.command_logs);
      expect(before.command_logs).toBe(seeded.untouched.command_logs);
      expect((await rows(db.orm, 'select id from incidents')).length).toBe(seeded.untouched.incidents);
      expect(await rows(db.orm, 'select * from bot_config order by key')).toEqual(before.bot_config);

      // a second run finds nothing more to delete
      const again = await runRetention(db.orm, { asOf: new Date(asOf).toISOString() });
      for (const table of RETENTION_TABLES) {
        expect(again.tables[table]).toMatchObject({ deleted: 0, batches: 0, largestBatch: 0 });
      }
    } finally {
      await db.cleanup();
    }
  });

  it("uses bot_config's retention.* periods and batch size, and reports invalid values", async () => {
    const db = await createTestDatabase();
    try {
      const asOf = Math.floor(Date.now() / 1000) * 1000 - 60_000;
      const seeded = seedYear(db.path, asOf);
      const conn = db.orm.em.getConnection();
      for (const [key, value] of [
        ['retention.metric_logs', '30'],
        ['retention.user_reports', '200'],
        ['retention.sent_alerts', 'soon'],
        ['retention.status_logs', '3'],
        ['retention.batch_size', '700'],
      ]) {
        await conn.execute('insert into bot_config (key, value, updated_at) values (?, ?, ?)', [
          key,
          value,
          asOf,
        ]);
      }
      const periods: Record<RetentionTable, number> = {
        metric_logs: 30,
        status_logs: 180,
        component_logs: 180,
        user_reports: 200,
        sent_alerts: 30,
        alert_messages: 90,
        delivery_failures: 30,
      };

      const report = await runRetention(db.orm, { asOf: new Date(asOf).toISOString() });

      expect(report.batchSize).toBe(700);
      expect(report.invalidSettings.sort()).toEqual([
        'retention.sent_alerts=soon',
        'retention.status_logs=3',
      ]);
      for (const table of RETENTION_TABLES) {
        const cutoff = asOf - periods[table] * DAY_MS;
        const expired = seeded.rows[table].filter((r) => r.at < cutoff);
        expect(report.tables[table]).toMatchObject({
          periodDays: periods[table],
          deleted: expired.length,
          batches: Math.ceil(expired.length / 700),
          largestBatch: 700,
        });
        expect(await idsOf(db.orm, table)).toEqual(
          seeded.rows[table]
            .filter((r) => r.at >= cutoff)
            .map((r) => r.id)
            .sort(byId),
        );
      }
    } finally {
      await db.cleanup();
    }
  });

  it('keeps the newest status snapshot even when it is past its period', async () => {
    const db = await createTestDatabase();
    try {
      const asOf = Math.floor(Date.now() / 1000) * 1000 - 60_000;
      const raw = openRawDatabase(db.path);
      const snapshotAt = [300, 250, 200].map((days) => asOf - days * DAY_MS);
      for (const at of snapshotAt) {
        insert(
          raw,
          'insert into status_logs (indicator, description, source_timestamp, created_at) values (?, ?, ?, ?)',
          'minor',
          'Degraded',
          at,
          at,
        );
        for (const id of COMPONENTS) {
          insert(
            raw,
            'insert into component_logs (component_id, name, status, source_timestamp, created_at) values (?, ?, ?, ?, ?)',
            id,
            id,
            'degraded_performance',
            at,
            at,
          );
        }
      }
      raw.close();

      const report = await runRetention(
        db.orm,
        { asOf: new Date(asOf).toISOString(), batchSize: 10 },
        'retention-v2-delivery-tables',
      );

      const newest = snapshotAt[2]!;
      expect(await rows(db.orm, 'select source_timestamp as at from status_logs')).toEqual([{ at: newest }]);
      expect(await rows(db.orm, 'select distinct source_timestamp as at from component_logs')).toEqual([
        { at: newest },
      ]);
      expect((await rows(db.orm, 'select id from component_logs')).length).toBe(COMPONENTS.length);
      expect(report.tables.status_logs).toMatchObject({ deleted: 2, batches: 1, largestBatch: 2 });
      expect(report.tables.component_logs).toMatchObject({ deleted: 10, batches: 1, largestBatch: 10 });
    } finally {
      await db.cleanup();
    }
  });

  it('refuses an asOf in the future or a batch size out of range, deleting nothing', async () => {
    const db = await createTestDatabase();
    try {
      const future = new Date(Date.now() + 365 * DAY_MS).toISOString();
      await expect(runRetention(db.orm, { asOf: future })).rejects.toMatchObject({
        cause: { type: 'InvalidRetentionInput' },
      });
      await expect(runRetention(db.orm, { batchSize: 1_000_000 })).rejects.toMatchObject({
        cause: { type: 'InvalidRetentionInput' },
      });
    } finally {
      await db.cleanup();
    }
  });
});

describe('retention batches', () => {
  it('find old rows through an index wherever the table has one', async () => {
    const db = await createTestDatabase();
    try {
      const plans: Record<string, string> = {};
      for (const table of RETENTION_TABLES) {
        const plan = await rows<{ detail: string }>(
          db.orm,
          `explain query plan ${batchDeleteSql(table)}`,
          [0, 500],
        );
        plans[table] = plan.map((p) => p.detail).join(' | ');
      }
      expect(plans.metric_logs).toContain(
        'SEARCH metric_logs USING COVERING INDEX idx_metric_logs_name_time (metric_name=? AND timestamp<?)',
      );
      expect(plans.component_logs).toContain(
        'SEARCH component_logs USING COVERING INDEX idx_component_logs_component_time (component_id=? AND source_timestamp<?)',
      );
      expect(plans.user_reports).toContain(
        'SEARCH user_reports USING COVERING INDEX idx_user_reports_type_created (incident_type=? AND created_at<?)',
      );
      expect(plans.status_logs).toContain(
        'SEARCH status_logs USING COVERING INDEX status_logs_source_timestamp_unique (source_timestamp<?)',
      );
      // no time index on sent_alerts: a scan in rowid order, where the oldest rows come first
      expect(plans.sent_alerts).toMatch(/SCAN sent_alerts/);
      expect(plans.alert_messages).toMatch(/SCAN alert_messages/);
      expect(plans.delivery_failures).toContain(
        'SEARCH delivery_failures USING COVERING INDEX idx_delivery_failures_recent (recipient=? AND failed_at<?)',
      );
    } finally {
      await db.cleanup();
    }
  });
});

describe('retention settings', () => {
  it('default to 90/180/180/365/30/90/30 days and 500 rows per batch', () => {
    expect(retentionSettings({})).toEqual({
      periodDays: {
        metric_logs: 90,
        status_logs: 180,
        component_logs: 180,
        user_reports: 365,
        sent_alerts: 30,
        alert_messages: 90,
        delivery_failures: 30,
      },
      batchSize: 500,
      invalid: [],
    });
  });

  it.each([
    ['retention.metric_logs', '6'],
    ['retention.metric_logs', '3651'],
    ['retention.metric_logs', '90.5'],
    ['retention.metric_logs', '1e2'],
    ['retention.metric_logs', ''],
    ['retention.batch_size', '9'],
    ['retention.batch_size', '10001'],
  ])('refuse %s=%j and keep the default', (key, value) => {
    const settings = retentionSettings({ [key]: value });
    expect(settings.invalid).toEqual([`${key}=${value}`]);
    expect(settings.periodDays.metric_logs).toBe(90);
    expect(settings.batchSize).toBe(500);
  });

  it('take valid values, bounds included', () => {
    const settings = retentionSettings({
      'retention.metric_logs': '7',
      'retention.sent_alerts': '3650',
      'retention.batch_size': ' 10 ',
      'polling.status': '60',
    });
    expect(settings).toMatchObject({
      periodDays: { metric_logs: 7, sent_alerts: 3650 },
      batchSize: 10,
      invalid: [],
    });
  });
});
