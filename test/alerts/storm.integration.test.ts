/**
 * Quiet during a storm, in real fan-outs (real workflows, a real SQLite file, the fake Discord): a
 * storm of 12 minor incidents in a few minutes, with a major one in the middle, reaches each
 * recipient as 5 messages, then one digest edited in place for the rest, while the major incident
 * still gets a message of its own; a lost answer to the digest's post makes no second digest; once
 * a whole window has been quiet, alerts are messages of their own again.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { AlertFact } from '../../src/contracts/alerts';
import { alertFanoutWorkflow } from '../../src/workflows/index';
import { startFakeDiscord, type FakeDiscord, type FakeMessage } from '../fakes/discord-server';
import { rows } from '../harness/db-rows';
import { deliveringActivities, TEST_BOT_TOKEN } from '../harness/deps';
import { storeOpenIncident } from '../harness/incidents';
import { registerRecipients, setPreferences } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal, uniqueTaskQueue, withWorker } from '../harness/temporal';

const id = (n: number) => String(900000000000000000n + BigInt(n));
const GUILD = { guildId: id(1), channelId: id(101) }; // the lifecycle style (the default)
const USER = id(201); // a new message per alert
const DIGEST_TITLE = 'Many VRChat alerts at once';

let temporal: TestTemporal;
let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  temporal = await connectClient();
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  await registerRecipients(db.orm, { guilds: [GUILD], users: [{ userId: USER }] });
  await setPreferences(db.orm, `user:${USER}`, { style: 'separate' });
});
afterAll(async () => {
  await discord.close();
  await temporal.close();
  await db.cleanup();
});

const title = (m: FakeMessage | undefined) => (m?.embeds[0] as APIEmbed | undefined)?.title;

it('folds a storm into one digest per recipient, keeps urgent incidents apart, and calms down', async () => {
  const conn = db.orm.em.getConnection();
  const incident = async (n: number, impact: string) => {
    const { incidentId } = await storeOpenIncident(db.orm);
    await conn.execute('update incidents set impact = ?, title = ? where id = ?', [
      impact,
      `Problem ${n}`,
      incidentId,
    ]);
    return incidentId;
  };
  const taskQueue = uniqueTaskQueue('storm');
  const activities = deliveringActivities({
    orm: db.orm,
    client: temporal.client,
    taskQueue,
    discordApiBaseUrl: discord.apiBaseUrl,
  });
  const fanOut = (referenceId: string) => {
    const fact: AlertFact = { type: 'incident', referenceId, observedAt: new Date().toISOString() };
    return temporal.client.workflow.execute(alertFanoutWorkflow, {
      taskQueue,
      workflowId: `alert-incident-${referenceId}-${taskQueue}`,
      args: [{ fact, delivery: { retryMaxDelaySeconds: 1, maxAgeSeconds: 3_600 } }],
    });
  };

  await withWorker({ taskQueue, activities }, async () => {
    for (let n = 1; n <= 12; n++) {
      // the answer to one of the first digest's two posts is lost: the retry finds it by its nonce
      if (n === 6) discord.dropAnswers(1);
      await fanOut(await incident(n, 'minor'));
      if (n === 7) await fanOut(await incident(99, 'major'));
    }
  });

  // 7 messages to each of the two, and the one digest post whose answer was lost made twice: the
  // second time Discord's nonce answered with the first message
  const posts = discord.requests.filter(
    (r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path),
  );
  expect(posts).toHaveLength(2 * 7 + 1);
  for (const target of [GUILD.channelId, USER]) {
    const messages = discord.messagesTo(target);
    expect(messages.map(title)).toEqual(
      [
        'Incident: Problem 1',
        'Incident: Problem 2',
        'Incident: Problem 3',
        'Incident: Problem 4',
        'Incident: Problem 5',
        DIGEST_TITLE,
        'Incident: Problem 99', // urgent: its own message, in the middle of the storm
      ].map((t) => (target === USER ? t.replace('Incident:', 'New incident:') : t)),
    );
    const digest = messages[5]!;
    // posted with the first folded alert, then edited for each of the six after it
    expect(digest.edits).toBe(6);
    const lines = digest.embeds[0]!.description!.split('\n').filter((l) => /^<t:\d+:t> /.test(l));
    expect(lines.map((l) => l.replace(/^<t:\d+:t> /, ''))).toEqual(
      [6, 7, 8, 9, 10, 11, 12].map((n) => `New incident: Problem ${n}`),
    );
    expect(digest.embeds[0]!.footer?.text).toBe('7 alerts collected');
    expect(digest.pinged).toEqual({ everyone: false, roles: [], users: [] });
  }
  // every alert recorded once per recipient: 13 each, folded ones included
  expect(
    await rows(
      db.orm,
      `select coalesce(guild_id, user_id) as recipient, count(*) as n from sent_alerts group by recipient order by recipient`,
    ),
  ).toEqual([
    { recipient: GUILD.guildId, n: 13 },
    { recipient: USER, n: 13 },
  ]);
  expect(await rows(db.orm, 'select count(*) as n from pending_sends')).toEqual([{ n: 0 }]);

  // A whole window later (moved back in the rows: the storm is 11 minutes old), the next alert is a
  // message of its own again, and the one after it too.
  const elevenMinutes = 11 * 60_000;
  await conn.execute('update sent_alerts set notified_at = notified_at - ?', [elevenMinutes]);
  await conn.execute('update alert_digests set updated_at = updated_at - ?', [elevenMinutes]);
  await withWorker({ taskQueue, activities }, async () => {
    await fanOut(await incident(13, 'minor'));
    await fanOut(await incident(14, 'minor'));
  });
  for (const target of [GUILD.channelId, USER])
    expect(discord.messagesTo(target).slice(7).map(title)).toEqual(
      ['Incident: Problem 13', 'Incident: Problem 14'].map((t) =>
        target === USER ? t.replace('Incident:', 'New incident:') : t,
      ),
    );
}, 120_000);
