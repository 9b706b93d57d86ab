/**
 * The retention run's report, without Temporal: filled in table by table as purges come back, as the
 * `progress` query, the result and the failure details show it.
 */
import { DAY_MS, type RetentionReport } from '../../src/contracts/retention';
import { RetentionState } from '../../src/workflows/retention';

const AS_OF = Date.UTC(2026, 0, 10, 3, 0);
const iso = (ms: number) => new Date(ms).toISOString();

describe('RetentionState', () => {
  it('starts running with no tables', () => {
    const run = new RetentionState(AS_OF, 500, ['retention.metric_logs']);
    expect(run.snapshot()).toEqual({
      asOf: iso(AS_OF),
      batchSize: 500,
      phase: 'running',
      invalidSettings: ['retention.metric_logs'],
      tables: {},
    });
  });

  it('a table joins the report with its cutoff, and sums its purges', () => {
    const run = new RetentionState(AS_OF, 500, []);
    expect(run.startTable('metric_logs', 90)).toBe(AS_OF - 90 * DAY_MS);
    expect(run.snapshot().tables.metric_logs).toEqual({
      periodDays: 90,
      cutoff: iso(AS_OF - 90 * DAY_MS),
      deleted: 0,
      batches: 0,
      largestBatch: 0,
    });
    run.recordPurge('metric_logs', { deleted: 50_000, batches: 100, largestBatch: 500, done: false });
    run.recordPurge('metric_logs', { deleted: 120, batches: 1, largestBatch: 120, done: true });
    expect(run.snapshot().tables.metric_logs).toMatchObject({
      deleted: 50_120,
      batches: 101,
      largestBatch: 500,
    });
  });

  it('finishes with the tables that failed, in purge order', () => {
    const run = new RetentionState(AS_OF, 500, []);
    run.startTable('status_logs', 180);
    run.tableFailed('status_logs', 'database is locked');
    run.startTable('component_logs', 180);
    run.recordPurge('component_logs', { deleted: 3, batches: 1, largestBatch: 3, done: true });
    run.startTable('sent_alerts', 30);
    run.tableFailed('sent_alerts', 'disk I/O error');
    expect(run.finish()).toEqual(['status_logs', 'sent_alerts']);

    const report = run.snapshot();
    expect(report.phase).toBe('done');
    expect(report.tables.status_logs?.error).toBe('database is locked');
    expect('error' in report.tables.component_logs!).toBe(false);
  });

  it('finishes with no failed tables when every purge went through', () => {
    const run = new RetentionState(AS_OF, 500, []);
    run.startTable('user_reports', 365);
    expect(run.finish()).toEqual([]);
    expect(run.snapshot().phase).toBe('done');
  });

  it('snapshots are copies: later purges do not change them', () => {
    const run = new RetentionState(AS_OF, 500, []);
    run.startTable('metric_logs', 90);
    const before: RetentionReport = run.snapshot();
    run.recordPurge('metric_logs', { deleted: 7, batches: 1, largestBatch: 7, done: true });
    run.startTable('status_logs', 180);
    run.finish();
    expect(before.phase).toBe('running');
    expect(before.tables.metric_logs?.deleted).toBe(0);
    expect(Object.keys(before.tables)).toEqual(['metric_logs']);
  });

  it('refuses purges of a table that has not started', () => {
    const run = new RetentionState(AS_OF, 500, []);
    expect(() =>
      run.recordPurge('metric_logs', { deleted: 1, batches: 1, largestBatch: 1, done: true }),
    ).toThrow('retention of metric_logs has not started');
  });
});
