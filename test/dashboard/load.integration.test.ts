/** loadDashboardSeries against a real, migrated SQLite file filled by the real persistMetrics. */
import type { MikroORM } from '@mikro-orm/sqlite';
import { persistMetrics } from '../../src/polling/persist-metrics';
import { dashboardWindow } from '../../src/dashboard/buckets';
import { CHARTS } from '../../src/dashboard/charts';
import { renderDashboard } from '../../src/dashboard/dashboard';
import { chartLayout } from '../../src/dashboard/layout';
import { dashboardQuery, loadDashboardSeries } from '../../src/dashboard/load';
import { METRIC_FEEDS } from '../../src/vrchat/metrics';
import { createTestDatabase } from '../harness/sqlite';
import { FIXTURE_NOW, fixtureValue, HOUR_MS, MINUTE_MS } from './fixtures';
import { countColour, decodePng } from './pixels';

/** 30 s past the fixture's minute: the window still ends at 21:30:00. */
const NOW = new Date(FIXTURE_NOW.getTime() + 30_000);
const WINDOW = dashboardWindow(NOW);

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orm: MikroORM;

/** 13 hours of every feed up to 2 minutes after now, stored the way collection stores them. */
async function fill(): Promise<void> {
  const end = FIXTURE_NOW.getTime() + 2 * MINUTE_MS;
  const feeds = METRIC_FEEDS.map((feed) => {
    const points = [];
    for (let t = end - 13 * HOUR_MS; t <= end; t += MINUTE_MS) {
      points.push({ timestamp: new Date(t), value: fixtureValue(feed.name, t) / feed.scale });
    }
    return { name: feed.name, points };
  });
  await orm.em.fork().transactional((em) => persistMetrics(em, feeds, FIXTURE_NOW));
}

async function exec(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return orm.em.getConnection().execute(sql, params, 'all');
}

beforeEach(async () => {
  db = await createTestDatabase();
  orm = db.orm;
});

afterEach(async () => {
  await db.cleanup();
});

describe('loadDashboardSeries', () => {
  test('an empty table gives empty series', async () => {
    const data = await loadDashboardSeries(orm.em.fork(), NOW);
    expect(Object.keys(data.series).sort()).toEqual(METRIC_FEEDS.map((f) => f.name).sort());
    expect(Object.values(data.series).every((s) => s.length === 0)).toBe(true);
    expect(data.dataVersion).toBe(METRIC_FEEDS.map(() => '0.0').join('-'));
  });

  test('reads exactly the 12-hour window of every metric, in time order, values as stored', async () => {
    await fill();
    const data = await loadDashboardSeries(orm.em.fork(), NOW);
    for (const feed of METRIC_FEEDS) {
      const points = data.series[feed.name];
      expect(points).toHaveLength(720); // 09:31 .. 21:30
      expect(points[0]!.timestamp).toBe(WINDOW.from + MINUTE_MS);
      expect(points.at(-1)!.timestamp).toBe(WINDOW.to);
      expect(points.every((p, i) => i === 0 || p.timestamp - points[i - 1]!.timestamp === MINUTE_MS)).toBe(
        true,
      );
      const sample = points[100]!;
      expect(sample.value).toBeCloseTo(fixtureValue(feed.name, sample.timestamp), 9);
    }
  });

  test('rows of metrics the dashboard does not know are left out', async () => {
    await exec(
      `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values (?, ?, ?, ?, ?, ?)`,
      ['retired_feed', 1, 'count', 60, WINDOW.to, WINDOW.to],
    );
    const data = await loadDashboardSeries(orm.em.fork(), NOW);
    expect(Object.keys(data.series)).not.toContain('retired_feed');
    expect(Object.values(data.series).every((s) => s.length === 0)).toBe(true);
  });

  test('the data version changes with the rows in the window, and only with them', async () => {
    await fill();
    const version = async () => (await loadDashboardSeries(orm.em.fork(), NOW)).dataVersion;
    const v1 = await version();
    expect(await version()).toBe(v1);

    // a row before the window (a late backfill of old data) does not change the picture
    await exec(
      `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values (?, ?, ?, ?, ?, ?)`,
      ['visits', 1, 'count', 60, WINDOW.from - 20 * HOUR_MS, WINDOW.to],
    );
    expect(await version()).toBe(v1);

    // a new row inside it does
    await exec(
      `insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values (?, ?, ?, ?, ?, ?)`,
      ['visits', 1, 'count', 60, WINDOW.to - 30_000, WINDOW.to],
    );
    const v2 = await version();
    expect(v2).not.toBe(v1);

    // and so does a deleted one
    await exec(`delete from metric_logs where metric_name = ? and timestamp = ?`, [
      'api_errors',
      WINDOW.to - HOUR_MS,
    ]);
    const v3 = await version();
    expect(v3).not.toBe(v2);
    expect(v3).not.toBe(v1);
  });

  test('one statement answered by the (metric_name, timestamp) index, no table scan, no sort', async () => {
    const { sql, params } = dashboardQuery(NOW);
    const plan = (await exec(`explain query plan ${sql}`, params)).map((row) => String(row.detail));
    expect(plan.join('\n')).toMatch(
      /SEARCH metric_logs USING INDEX idx_metric_logs_name_time \(metric_name=\? AND timestamp>\? AND timestamp<\?\)/,
    );
    expect(plan.some((detail) => /^SCAN metric_logs/.test(detail))).toBe(false);
    expect(plan.some((detail) => /TEMP B-TREE/.test(detail))).toBe(false);
  });

  test('what it loads renders: every chart has its series', async () => {
    await fill();
    const data = await loadDashboardSeries(orm.em.fork(), NOW);
    const image = decodePng(await renderDashboard({ now: NOW, language: 'en', series: data.series }));
    CHARTS.forEach((chart, i) => {
      expect(countColour(image, chartLayout(i).plot, chart.colour)).toBeGreaterThan(0);
    });
  });
});
