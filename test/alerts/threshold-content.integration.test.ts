/**
 * A crowd-report alert's content on a real SQLite file: the players as the threshold counts them,
 * and the official signals of the moment (an open incident, a related metric in breach).
 */
import { loadAlertContent } from '../../src/alerts/load-content';
import { createTestDatabase } from '../harness/sqlite';
import { registerRecipients, snowflake } from '../harness/registrations';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const NOW = Date.parse('2026-11-25T10:10:00.000Z');
const MINUTE = 60_000;

beforeEach(async () => {
  db = await createTestDatabase();
  await registerRecipients(db.orm, {
    guilds: [1, 2].map((n) => ({ guildId: snowflake(n), channelId: snowflake(10 + n) })),
  });
});
afterEach(async () => {
  await db.cleanup();
});

const sql = (statement: string, params: unknown[] = []) =>
  db.orm.em.getConnection().execute(statement, params);
const load = () =>
  db.orm.em.fork().transactional((em) =>
    loadAlertContent(
      em,
      {
        type: 'threshold',
        referenceId: 'threshold_login_2026-11-25T10:00',
        observedAt: new Date(NOW).toISOString(),
      },
      { pageUrl: 'https://status.example.test', now: new Date(NOW) },
    ),
  );

async function reports(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await sql(
      `insert into user_reports (guild_id, user_id, incident_type, status, created_at) values (?, ?, 'login', 'active', ?)`,
      [snowflake(1 + (i % 2)), snowflake(100 + i), NOW - (i + 1) * MINUTE],
    );
  }
}

it('names no signal when there is none', async () => {
  await reports(5);
  expect(await load()).toMatchObject({ count: 5, officialIncident: null, metricBreach: null });
});

it('names the open incident about logins rather than another one, and the Steam auth metric in breach', async () => {
  await reports(5);
  for (const [id, title, status, created] of [
    ['unrelated001', 'Avatar uploads slow', 'investigating', NOW - 5 * MINUTE],
    ['loginfail001', 'Login failures', 'identified', NOW - 30 * MINUTE],
    ['oldresolved1', 'Login outage last week', 'resolved', NOW - 60 * MINUTE],
  ] as const) {
    await sql(
      `insert into incidents (id, title, impact, status, started_at, resolved_at, created_at, updated_at) values (?, ?, 'major', ?, ?, null, ?, ?)`,
      [id, title, status, created, created, created],
    );
  }
  for (let i = 0; i < 5; i++) {
    for (const [metric, value] of [
      ['extauth_steam', 0.6],
      ['extauth_oculus', 0.97],
    ] as const) {
      await sql(
        `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values (?, ?, 'ratio', 60, ?, ?)`,
        [metric, value, NOW - i * MINUTE, NOW],
      );
    }
  }
  expect(await load()).toMatchObject({
    officialIncident: {
      title: 'Login failures',
      status: 'identified',
      url: 'https://status.example.test/incidents/loginfail001',
    },
    metricBreach: { metric: 'extauth_steam', value: 0.6, threshold: 0.85, direction: 'below' },
  });
});
