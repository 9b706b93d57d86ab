/**
 * /report under sustained load, the functional part: 300 reports from 300 users, paced evenly over
 * 15 s across the six types, each through the real Update-with-Start path to a real worker, SQLite
 * file and fake Discord. Every report is answered and stored, the counts in the answers match what
 * was stored, and each 15-minute threshold block of each type alerts exactly once. Right after, 50
 * concurrent reports by one user yield exactly one accepted.
 *
 * How fast the answers come is a benchmark's question (`npm run bench:reports`, 1,000 reports over
 * 60 s through the bot): a wall-clock limit here would depend on what else the machine is doing.
 *
 * The test runs its own dev server: threshold fan-out ids (alert-threshold-threshold_<type>_<block>)
 * are global in a namespace, and other test files file reports of some of the same types.
 */
import { thresholdReferenceId } from '../../src/contracts/reference-ids';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { createActivities } from '../../src/activities/index';
import { createLogger } from '../../src/logger';
import { type FanoutProgress } from '../../src/contracts/alerts';
import {
  REPORT_TYPES,
  type ReportAnswer,
  type ReportSubmission,
  type ReportType,
} from '../../src/contracts/reports';
import { findTemporalCli } from '../../src/temporal/cli';
import { type DevServer, startDevServer } from '../../src/temporal/dev-server';
import { submitReport } from '../../src/reports/client';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { rows } from '../harness/db-rows';
import { TEST_BOT_TOKEN, testActivityDeps } from '../harness/deps';
import { freePort } from '../harness/ports';
import { registerRecipients, snowflake } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { uniqueTaskQueue, withWorker } from '../harness/temporal';

const REPORTS = 300;
const DURATION_MS = 15_000;
const THRESHOLD = 20;
const WINDOW_MINUTES = 60;
/** Every 10th reporter files from DMs (a registered user); the rest from the one registered guild. */
const DM_EVERY = 10;
const BURST = 50;

const GUILD = snowflake(1);
const CHANNEL = snowflake(2);
const reporter = (i: number) => snowflake(10_000 + i);
const BURST_USER = snowflake(9_999);
const dmContext = (i: number) => i % DM_EVERY === 0;
const DM_USERS = Array.from({ length: REPORTS }, (_, i) => i)
  .filter(dmContext)
  .map(reporter);

const submission = (i: number): ReportSubmission => ({
  interactionId: snowflake(1_000_000 + i),
  userId: reporter(i),
  guildId: dmContext(i) ? null : GUILD,
  channelId: dmContext(i) ? null : CHANNEL,
  type: REPORT_TYPES[i % REPORT_TYPES.length]!,
  details: i % 3 === 0 ? `report ${i}: cannot join 🌀` : null,
});

interface Outcome {
  answer?: ReportAnswer;
  error?: string;
}

interface StoredReport {
  id: number;
  guild_id: string | null;
  user_id: string;
  incident_type: ReportType;
  content: string | null;
  status: string;
  created_at: number;
}

describe('report intake under load', () => {
  let server: DevServer;
  let connection: Connection;
  let client: Client;
  let discord: FakeDiscord;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const taskQueue = uniqueTaskQueue('reports-load');

  beforeAll(async () => {
    server = await startDevServer({
      cliPath: findTemporalCli({ explicitPath: process.env.TEMPORAL_CLI_PATH }),
      port: await freePort(),
      uiPort: false,
      namespace: 'default',
      logger: createLogger({ level: 'warn' }),
    });
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection, namespace: 'default' });
    discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
    db = await createTestDatabase();
    await registerRecipients(db.orm, {
      guilds: [{ guildId: GUILD, channelId: CHANNEL }],
      users: DM_USERS.map((userId) => ({ userId })),
    });
    const conn = db.orm.em.getConnection();
    await conn.execute(`update bot_config set value = ? where key = 'report_threshold'`, [String(THRESHOLD)]);
    // Here every player counts (the counting rules have their own tests): DM registrations from
    // before the window, one place enough, and room for every type's alert within the hour.
    await conn.execute(`update user_configs set created_at = ?`, [Date.now() - 2 * WINDOW_MINUTES * 60_000]);
    await conn.execute(`update bot_config set value = '1' where key = 'report_min_sources'`);
    await conn.execute(
      `insert into bot_config (key, value, updated_at) values ('report_alerts_per_hour', '60', ?)`,
      [Date.now()],
    );
  }, 120_000);
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
    await discord?.close();
    await db?.cleanup();
  });

  it('answers, stores and counts 300 reports over 15 s, alerting each type once', async () => {
    const results: Outcome[] = new Array<Outcome>(REPORTS);

    const outcome = async (report: ReportSubmission): Promise<Outcome> => {
      try {
        return { answer: await submitReport(client, taskQueue, report) };
      } catch (err) {
        return { error: String(err) };
      }
    };

    await withWorker(
      {
        taskQueue,
        activities: createActivities(
          testActivityDeps({ orm: db.orm, client, taskQueue, discordApiBaseUrl: discord.apiBaseUrl }),
        ),
      },
      async () => {
        const start = Date.now();
        const inFlight: Promise<unknown>[] = [];
        for (let i = 0; i < REPORTS; i++) {
          const wait = start + (i * DURATION_MS) / REPORTS - Date.now();
          if (wait > 0) await sleep(wait);
          inFlight.push(outcome(submission(i)).then((r) => (results[i] = r)));
        }
        await Promise.all(inFlight);

        // every report answered and accepted
        expect(results.filter((r) => r.error !== undefined).map((r) => r.error)).toEqual([]);
        expect(results.filter((r) => r.answer?.status !== 'accepted')).toEqual([]);

        // 50 at once from one user: one accepted, the rest told when to try again.
        const burst = await Promise.all(
          Array.from({ length: BURST }, (_, k) =>
            submitReport(client, taskQueue, {
              interactionId: snowflake(2_000_000 + k),
              userId: BURST_USER,
              guildId: GUILD,
              channelId: CHANNEL,
              type: REPORT_TYPES[k % REPORT_TYPES.length]!,
              details: null,
            }),
          ),
        );
        expect(burst.filter((a) => a.status === 'accepted')).toHaveLength(1);
        expect(burst.filter((a) => a.status === 'cooldown')).toHaveLength(BURST - 1);

        // every report stored once, as filed; nothing else stored
        const stored = await rows<StoredReport>(
          db.orm,
          'select id, guild_id, user_id, incident_type, content, status, created_at from user_reports order by id',
        );
        expect(stored).toHaveLength(REPORTS + 1);
        const byId = new Map(stored.map((row) => [row.id, row]));
        const accepted = results.map((r, i) => {
          const answer = r.answer as Extract<ReportAnswer, { status: 'accepted' }>;
          const report = submission(i);
          expect(answer).toEqual({
            status: 'accepted',
            reportId: expect.any(Number),
            type: report.type,
            othersCount: expect.any(Number),
            windowMinutes: WINDOW_MINUTES,
            progress: expect.objectContaining({ threshold: THRESHOLD }),
          });
          expect(byId.get(answer.reportId)).toEqual({
            id: answer.reportId,
            guild_id: report.guildId,
            user_id: report.userId,
            incident_type: report.type,
            content: report.details,
            status: 'active',
            created_at: expect.any(Number),
          });
          return answer;
        });
        expect(new Set(accepted.map((a) => a.reportId)).size).toBe(REPORTS);
        const burstAnswer = burst.find((a) => a.status === 'accepted')!;
        expect(byId.get(burstAnswer.reportId)?.user_id).toBe(BURST_USER);

        // Each answer's count is what SQLite held when it was recorded: the reporters of that type
        // within the window up to the report's time, among the rows stored before it (ids are in
        // commit order). A report whose count reached the threshold started its block's alert.
        const reportersAt = (row: StoredReport) =>
          new Set(
            stored
              .filter(
                (other) =>
                  other.incident_type === row.incident_type &&
                  other.id <= row.id &&
                  other.created_at <= row.created_at &&
                  other.created_at > row.created_at - WINDOW_MINUTES * 60_000,
              )
              .map((other) => other.user_id),
          ).size;
        for (const answer of [...accepted, burstAnswer]) {
          if (answer.status !== 'accepted') continue;
          expect({ reportId: answer.reportId, othersCount: answer.othersCount }).toEqual({
            reportId: answer.reportId,
            othersCount: reportersAt(byId.get(answer.reportId)!) - 1,
          });
        }
        for (const type of REPORT_TYPES) {
          const counts = accepted.filter((a) => a.type === type).map((a) => a.othersCount);
          expect(Math.max(...counts) + 1).toBeGreaterThanOrEqual(THRESHOLD);
        }

        // Per type, the block of the first report (in commit order) that reached the threshold: later
        // reports of that block join its alert, and a later block is held back by the limit of one
        // alert per type an hour.
        const expectedBlocks = REPORT_TYPES.map((type) => {
          const first = stored.find((row) => row.incident_type === type && reportersAt(row) >= THRESHOLD)!;
          return `alert-threshold-${thresholdReferenceId(type, new Date(first.created_at))}`;
        }).sort();
        for (const type of REPORT_TYPES)
          expect(expectedBlocks.some((id) => id.startsWith(`alert-threshold-threshold_${type}_`))).toBe(true);

        // exactly one fan-out execution per block (visibility is eventually consistent: poll a while)
        const listFanouts = async () => {
          const ids: string[] = [];
          for await (const e of client.workflow.list({
            query: `WorkflowType = 'alertFanoutWorkflow' AND WorkflowId STARTS_WITH 'alert-threshold-'`,
          }))
            ids.push(e.workflowId);
          return ids.sort();
        };
        let fanouts = await listFanouts();
        for (let deadline = Date.now() + 60_000; Date.now() < deadline;) {
          if (fanouts.length >= expectedBlocks.length) break;
          await sleep(250);
          fanouts = await listFanouts();
        }
        expect(fanouts).toEqual(expectedBlocks);

        // and each alert reached every recipient exactly once
        const recipients = 1 + DM_USERS.length;
        const progress = await Promise.all(
          expectedBlocks.map((id) => client.workflow.getHandle(id).result() as Promise<FanoutProgress>),
        );
        for (const p of progress) {
          expect({ referenceId: p.referenceId, phase: p.phase, delivered: p.delivered }).toEqual({
            referenceId: p.referenceId,
            phase: 'done',
            delivered: recipients,
          });
        }
        expect(discord.messages).toHaveLength(expectedBlocks.length * recipients);
        expect(discord.messagesTo(CHANNEL)).toHaveLength(expectedBlocks.length);
        for (const userId of DM_USERS) expect(discord.messagesTo(userId)).toHaveLength(expectedBlocks.length);
        expect(await rows(db.orm, 'select count(*) as n from sent_alerts')).toEqual([
          { n: expectedBlocks.length * recipients },
        ]);
        console.log(
          `reports-load: ${expectedBlocks.length} threshold blocks, ${fanouts.length} fan-outs, ` +
            `${discord.messages.length} alert messages to ${recipients} recipients`,
        );
      },
      { address: server.address, namespace: 'default' },
    );
  }, 240_000);
});
