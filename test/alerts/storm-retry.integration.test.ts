/**
 * A send in doubt during a storm is repeated as it was first made, whatever the storm did in
 * between (deliverAlert against a real SQLite file and the fake Discord): a digest whose answer was
 * lost is posted again as that digest (Discord's nonce, or later its marker, finds it) even once the
 * storm is over; a message of its own whose answer was lost is posted again as that message even once
 * a storm has begun, and never also folded into the running digest.
 */
import type { AlertContent } from '../../src/contracts/alert-content';
import type { Recipient } from '../../src/contracts/alerts';
import { deliverAlert, type DeliveryDeps } from '../../src/alerts/deliver';
import { createDiscordRest } from '../../src/discord/rest';
import { createLogger } from '../../src/logger';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { rows } from '../harness/db-rows';
import { TEST_BOT_TOKEN } from '../harness/deps';
import { registerRecipients } from '../harness/registrations';
import { createTestDatabase } from '../harness/sqlite';
import { incidentContent } from './fixtures';

const id = (n: number) => String(910000000000000000n + BigInt(n));
const DIGEST_TITLE = 'Many VRChat alerts at once';

let discord: FakeDiscord;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
});
afterAll(async () => {
  await discord.close();
  await db.cleanup();
});

const deps = (nonceTrustMs?: number): DeliveryDeps => ({
  orm: db.orm,
  rest: createDiscordRest({ token: TEST_BOT_TOKEN, apiBaseUrl: discord.apiBaseUrl })!.rest,
  logger: createLogger({ level: 'silent' }),
  ...(nonceTrustMs === undefined ? {} : { nonceTrustMs }),
});
const minor = (n: number): AlertContent =>
  incidentContent({
    referenceId: `storm${n}`,
    incidentId: `storm${n}`,
    impact: 'minor',
    title: `Problem ${n}`,
  });

/** Five alerts delivered to the server in the last minutes: the next one folds. */
async function storm(guildId: string) {
  for (let n = 1; n <= 5; n++)
    await db.orm.em
      .getConnection()
      .execute(
        `insert into sent_alerts (guild_id, alert_type, reference_id, notified_at, created_at) values (?, 'incident', ?, ?, ?)`,
        [guildId, `earlier${guildId}${n}`, Date.now() - n * 1000, Date.now()],
      );
}
const calmDown = (guildId: string) =>
  db.orm.em
    .getConnection()
    .execute('update sent_alerts set notified_at = notified_at - ? where guild_id = ?', [
      11 * 60_000,
      guildId,
    ]);

it.each([
  ['while Discord still remembers the nonce', undefined],
  ['after that, by its marker', 0],
])('repeats a digest whose answer was lost as that digest once the storm is over (%s)', async (_, trust) => {
  const guild = { guildId: id(trust === undefined ? 1 : 2), channelId: id(trust === undefined ? 101 : 102) };
  await registerRecipients(db.orm, { guilds: [guild] });
  const recipient: Recipient = {
    kind: 'guild',
    id: guild.guildId,
    channelId: guild.channelId,
    language: null,
    locale: null,
  };
  await storm(guild.guildId);

  discord.dropAnswers(1);
  const first = await deliverAlert(deps(trust), minor(6), [recipient]);
  expect(first).toMatchObject({ delivered: 0, retryLater: [recipient], unknownOutcome: 1 });
  expect(
    await rows(db.orm, 'select posting from pending_sends where recipient = ?', [`guild:${guild.guildId}`]),
  ).toEqual([{ posting: 'digest' }]);

  await calmDown(guild.guildId); // now it would be a message of its own
  const again = await deliverAlert(deps(trust), minor(6), [recipient]);
  expect(again).toMatchObject({ delivered: 1, unknownOutcome: 0 });
  const messages = discord.messagesTo(guild.channelId);
  expect(messages.map((m) => m.embeds[0]?.title)).toEqual([DIGEST_TITLE]);
  expect(
    await rows(db.orm, 'select message_id from alert_digests where recipient = ?', [
      `guild:${guild.guildId}`,
    ]),
  ).toEqual([{ message_id: messages[0]!.id }]);
});

it('repeats a message of its own whose answer was lost as that message once a storm has begun, and folds nothing', async () => {
  const guild = { guildId: id(3), channelId: id(103) };
  await registerRecipients(db.orm, { guilds: [guild] });
  const recipient: Recipient = {
    kind: 'guild',
    id: guild.guildId,
    channelId: guild.channelId,
    language: null,
    locale: null,
  };

  discord.dropAnswers(1);
  const first = await deliverAlert(deps(), minor(20), [recipient]);
  expect(first).toMatchObject({ delivered: 0, unknownOutcome: 1 });
  // meanwhile a storm: five alerts, and a sixth that started the digest
  await storm(guild.guildId);
  expect(await deliverAlert(deps(), minor(21), [recipient])).toMatchObject({ delivered: 1 });
  const digest = discord.messagesTo(guild.channelId).find((m) => m.embeds[0]?.title === DIGEST_TITLE)!;

  const again = await deliverAlert(deps(), minor(20), [recipient]);
  expect(again).toMatchObject({ delivered: 1, unknownOutcome: 0 });
  // one message for alert 20 (its own, found by its nonce), the digest with alert 21 alone
  expect(discord.messagesTo(guild.channelId).map((m) => m.embeds[0]?.title)).toEqual([
    'Incident: Problem 20',
    DIGEST_TITLE,
  ]);
  expect(digest.edits).toBe(0);
});
