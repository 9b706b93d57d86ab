/** /report intake through the real Update-with-Start path, on real Temporal and SQLite. */
import { thresholdReferenceId } from '../../src/contracts/reference-ids';
import { createActivities } from '../../src/activities/index';
import { InvalidReportError, type ReportSubmission } from '../../src/contracts/reports';
import { submitReport } from '../../src/reports/client';
import { rows } from '../harness/db-rows';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { TEST_BOT_TOKEN, testActivityDeps } from '../harness/deps';
import { registerRecipients, snowflake } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';

const GUILD = snowflake(1);
const DM_USER = snowflake(2);
let interaction = 1_000;
const report = (userId: string, overrides: Partial<ReportSubmission> = {}): ReportSubmission => ({
  interactionId: snowflake(interaction++),
  userId,
  guildId: GUILD,
  channelId: snowflake(3),
  type: 'login',
  details: null,
  ...overrides,
});

/**
 * A namespace of its own: threshold fan-out ids (alert-threshold-threshold_<type>_<block>) are global
 * in a namespace, and other test files file reports of the same types in the same 15-minute block.
 */
const NAMESPACE = 'vrcpulse-reports';

describe('report intake', () => {
  let temporal: TestTemporal;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let discord: FakeDiscord;
  const taskQueue = uniqueTaskQueue('reports');

  beforeAll(async () => {
    temporal = await connectClient(NAMESPACE);
    discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
    db = await createTestDatabase();
    await registerRecipients(db.orm, {
      guilds: [{ guildId: GUILD, channelId: snowflake(3) }],
      users: [{ userId: DM_USER }],
    });
    await db.orm.em
      .getConnection()
      .execute(`update bot_config set value = '3' where key = 'report_threshold'`);
    // one registered server here: the places rule has its own tests (record.integration.test.ts)
    await db.orm.em
      .getConnection()
      .execute(`update bot_config set value = '1' where key = 'report_min_sources'`);
  });
  afterAll(async () => {
    await discord.close();
    await temporal.close();
    await db.cleanup();
  });

  const run = <T>(fn: () => Promise<T>) =>
    withWorker(
      {
        taskQueue,
        activities: createActivities(
          testActivityDeps({
            orm: db.orm,
            client: temporal.client,
            taskQueue,
            discordApiBaseUrl: discord.apiBaseUrl,
          }),
        ),
      },
      fn,
      { address: temporal.info.address, namespace: NAMESPACE },
    );
  const submit = (r: ReportSubmission) => submitReport(temporal.client, taskQueue, r);

  it('accepts a report, answers a repeated interaction the same way, and enforces the cooldown', async () => {
    await run(async () => {
      const first = report(snowflake(10), { details: 'Stuck on the loading screen 🌀' });
      const answer = await submit(first);
      expect(answer).toEqual({
        status: 'accepted',
        reportId: expect.any(Number),
        type: 'login',
        othersCount: 0,
        windowMinutes: 60,
        progress: { voices: 1, threshold: 3, sources: 1, minSources: 1, alert: 'none' },
      });
      expect(await submit(first)).toEqual(answer);
      expect(
        await rows(
          db.orm,
          'select guild_id, user_id, incident_type, content, status from user_reports where user_id = ?',
          [snowflake(10)],
        ),
      ).toEqual([
        {
          guild_id: GUILD,
          user_id: snowflake(10),
          incident_type: 'login',
          content: 'Stuck on the loading screen 🌀',
          status: 'active',
        },
      ]);

      const [{ created_at }] = (await rows<{ created_at: number }>(
        db.orm,
        'select created_at from user_reports where user_id = ?',
        [snowflake(10)],
      )) as [{ created_at: number }];
      const again = await submit(report(snowflake(10), { type: 'api' }));
      expect(again).toEqual({ status: 'cooldown', retryAt: new Date(created_at + 5 * 60_000).toISOString() });
    });
  });

  it('answers not registered for an unregistered guild or user, and stores nothing', async () => {
    await run(async () => {
      expect(await submit(report(snowflake(11), { guildId: snowflake(99) }))).toEqual({
        status: 'not_registered',
        context: 'guild',
      });
      expect(await submit(report(snowflake(12), { guildId: null }))).toEqual({
        status: 'not_registered',
        context: 'user',
      });
      expect(await submit(report(DM_USER, { guildId: null }))).toMatchObject({ status: 'accepted' });
      expect(
        await rows(db.orm, 'select count(*) as n from user_reports where user_id in (?, ?)', [
          snowflake(11),
          snowflake(12),
        ]),
      ).toEqual([{ n: 0 }]);
    });
  });

  it('rejects an invalid type or details over 500 characters with a clear message', async () => {
    await run(async () => {
      await expect(submit(report(snowflake(13), { type: 'lag' }))).rejects.toThrow(
        new InvalidReportError('type must be one of login, instance, api, auth, download, other'),
      );
      await expect(submit(report(snowflake(13), { details: 'x'.repeat(501) }))).rejects.toThrow(
        'details are 501 characters long; at most 500 are allowed',
      );
      // emoji count as one character each
      expect(await submit(report(snowflake(13), { details: '😀'.repeat(500) }))).toMatchObject({
        status: 'accepted',
      });
    });
  });

  it('accepts exactly one of 50 concurrent reports by one user', async () => {
    await run(async () => {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          submit(report(snowflake(20), { type: i % 2 ? 'api' : 'instance' })),
        ),
      );
      expect(answers.filter((a) => a.status === 'accepted')).toHaveLength(1);
      expect(answers.filter((a) => a.status === 'cooldown')).toHaveLength(49);
      expect(
        await rows(db.orm, 'select count(*) as n from user_reports where user_id = ?', [snowflake(20)]),
      ).toEqual([{ n: 1 }]);
    });
  });

  it('counts the others who reported the type and starts the threshold alert once', async () => {
    await run(async () => {
      const answers = [];
      for (const n of [30, 31, 32, 33])
        answers.push(await submit(report(snowflake(n), { type: 'download' })));
      expect(answers.map((a) => (a.status === 'accepted' ? a.othersCount : -1))).toEqual([0, 1, 2, 3]);
      // the 3rd report reached the threshold and started the alert of its block; the 4th joins it
      // (same block) or, past a block boundary, is held back by the one-alert-per-type-an-hour limit
      const [third, fourth] = await rows<{ created_at: number }>(
        db.orm,
        'select created_at from user_reports where user_id in (?, ?) order by created_at',
        [snowflake(32), snowflake(33)],
      );
      const blockOf = (r: { created_at: number } | undefined) =>
        thresholdReferenceId('download', new Date(r!.created_at));
      expect(answers.map((a) => (a.status === 'accepted' ? a.progress?.alert : null))).toEqual([
        'none',
        'none',
        'started',
        blockOf(fourth) === blockOf(third) ? 'started' : 'limited',
      ]);
      const expected = [`alert-threshold-${blockOf(third)}`];
      const executions: string[] = [];
      for await (const e of temporal.client.workflow.list({
        query: `WorkflowType = 'alertFanoutWorkflow' AND WorkflowId STARTS_WITH 'alert-threshold-threshold_download_'`,
      })) {
        executions.push(e.workflowId);
      }
      expect(executions).toEqual(expected);
    });
  });
});
