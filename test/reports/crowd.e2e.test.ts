/**
 * Crowd reports end to end: `/report` through the fake gateway, the bot, Temporal and SQLite, and
 * the alerts at the fake Discord. One person cannot raise the alarm; players from several servers
 * can, once; and their alert meets the official signals (an open incident is named, an incident
 * that follows carries the players' lead).
 */
import { incident, incidentsPayload } from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat } from '../fakes/vrchat-server';
import { type BotStack, fakeSnowflake, startBotStack } from '../harness/bot-stack';
import { rows } from '../harness/db-rows';
import { withPollLoop } from '../harness/poll-loop';
import { registerRecipients } from '../harness/registrations';
import { harnessInfo } from '../harness/temporal';

const GUILDS = [fakeSnowflake(), fakeSnowflake(), fakeSnowflake()];
const CHANNELS = GUILDS.map(() => fakeSnowflake());
const OLD_DM_USER = fakeSnowflake();
const THRESHOLD_FOOTER = 'VRCPulse user reports';

let stack: BotStack;
let vrchat: FakeVrchat;

beforeAll(async () => {
  stack = await startBotStack({
    namespace: 'vrcpulse-crowd',
    guilds: GUILDS.map((id, i) => ({
      id,
      channels: [{ id: CHANNELS[i]!, name: 'alerts' }],
      systemChannelId: null,
    })),
  });
  vrchat = await startFakeVrchat();
  await registerRecipients(stack.db.orm, {
    guilds: GUILDS.map((guildId, i) => ({ guildId, channelId: CHANNELS[i]! })),
    users: [{ userId: OLD_DM_USER }],
  });
  // a subscriber of long standing
  await stack.db.orm.em
    .getConnection()
    .execute('update user_configs set created_at = ? where user_id = ?', [
      Date.now() - 3 * 60 * 60_000,
      OLD_DM_USER,
    ]);
}, 120_000);
afterAll(async () => {
  await vrchat?.close();
  await stack?.close();
});

const setConfig = (key: string, value: string) =>
  stack.db.orm.em
    .getConnection()
    .execute('insert or replace into bot_config (key, value, updated_at) values (?, ?, ?)', [
      key,
      value,
      Date.now(),
    ]);

/** Files one report and waits until its workflow (recording and any alert dispatch) is done. */
async function report(
  type: string,
  place: { kind: 'guild'; guildId: string } | { kind: 'dm' },
  user = fakeSnowflake(),
) {
  const run = await stack.run({ commandName: 'report', place, user: { id: user }, options: { type } });
  await stack.temporal.workflow.getHandle(`report-${run.id}`).result();
  return run;
}
const fromGuild = (i: number) => ({ kind: 'guild' as const, guildId: GUILDS[i % GUILDS.length]! });
const alertsDecided = (type: string) =>
  rows<{ reference_id: string }>(
    stack.db.orm,
    'select reference_id from report_alerts where report_type = ?',
    [type],
  );
const thresholdMessages = () =>
  // the footer names the source, then the alert's marker (` · ref …`)
  stack.discord.messages.filter((m) => m.embeds[0]?.footer?.text?.startsWith(`${THRESHOLD_FOOTER} · ref `));

/** The fan-out of the alert decided for `type`, once it has finished. */
async function fanoutOf(type: string): Promise<{ delivered: number }> {
  const [decided] = await alertsDecided(type);
  return (await stack.temporal.workflow.getHandle(`alert-threshold-${decided!.reference_id}`).result()) as {
    delivered: number;
  };
}

it('one person who registers by DM and reports at once never broadcasts, even at a threshold of 1', async () => {
  await setConfig('report_threshold', '1');
  await setConfig('report_min_sources', '1');
  try {
    const user = fakeSnowflake();
    const setup = await stack.run({
      commandName: 'config',
      subcommand: 'setup',
      place: { kind: 'dm' },
      user: { id: user },
    });
    expect(setup.content).toMatch(/DM/);
    const r = await report('auth', { kind: 'dm' }, user);
    expect(r.content).toMatch(/^Thanks! Your \*\*Authentication\*\* report is in\./);
    expect(r.content).toContain('so far 0 players');
    expect(await alertsDecided('auth')).toEqual([]);
    expect(
      await rows(stack.db.orm, 'select count(*) as n from user_reports where user_id = ?', [user]),
    ).toEqual([{ n: 1 }]);
  } finally {
    await setConfig('report_threshold', '5');
    await setConfig('report_min_sources', '2');
  }
  expect(thresholdMessages()).toEqual([]);
});

it('five players from one server do not broadcast: two places are needed', async () => {
  for (let i = 0; i < 5; i++) await report('download', fromGuild(0));
  expect(await alertsDecided('download')).toEqual([]);
  expect(thresholdMessages()).toEqual([]);
});

it('five players from three servers broadcast exactly once; thirty more within the hour add nothing', async () => {
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(await report('instance', fromGuild(i)));
  expect(answers.at(-1)!.content).toContain('That is enough: an alert is going out');
  const recipients = GUILDS.length + 2; // the three servers, the old DM subscriber, the new one of the first test
  expect(await fanoutOf('instance')).toMatchObject({ delivered: recipients });

  for (let i = 0; i < 30; i++) await report('instance', fromGuild(i));
  expect(await alertsDecided('instance')).toHaveLength(1);
  const sent = thresholdMessages();
  expect(sent).toHaveLength(recipients);
  expect(new Set(sent.map((m) => m.channelId)).size).toBe(recipients);
  expect(sent[0]!.embeds[0]!.title).toBe('Many users report problems: Joining instances');
});

it('names the open incident when players report what VRChat is already investigating', async () => {
  vrchat.set(
    '/api/v2/incidents.json',
    incidentsPayload([
      incident({
        id: 'loginfail001',
        name: 'Login failures',
        status: 'investigating',
        impact: 'major',
        createdAt: new Date(Date.now() - 10 * 60_000).toISOString(),
        updates: [
          {
            id: 'loginupd0001',
            status: 'investigating',
            body: 'We are looking into login failures.',
            createdAt: new Date(Date.now() - 10 * 60_000).toISOString(),
          },
        ],
      }),
    ]),
  );
  await withPollLoop(
    {
      client: stack.temporal,
      orm: stack.db.orm,
      fake: vrchat,
      source: 'incident',
      discordApiBaseUrl: stack.discord.apiBaseUrl,
      server: { address: harnessInfo().address, namespace: stack.namespace },
    },
    (loop) => loop.firstCycle(),
  );
  for (let i = 0; i < 5; i++) await report('login', fromGuild(i));
  await fanoutOf('login');
  const alert = thresholdMessages().find((m) => m.embeds[0]?.title === 'Many users report problems: Login');
  expect(alert?.embeds[0]?.description).toContain(
    'VRChat is already investigating: [Login failures](https://status.example.test/incidents/loginfail001)',
  );
});

it('an incident VRChat opens after a crowd alert of a related type carries the players’ lead', async () => {
  for (let i = 0; i < 5; i++) await report('api', fromGuild(i));
  await fanoutOf('api');
  const [decided] = await rows<{ created_at: number }>(
    stack.db.orm,
    "select created_at from report_alerts where report_type = 'api'",
  );
  // VRChat opens its incident 23 minutes after the players' alert
  const opened = new Date(decided!.created_at + 23 * 60_000).toISOString();
  vrchat.set(
    '/api/v2/incidents.json',
    incidentsPayload([
      incident({
        id: 'apierrors001',
        name: 'Elevated API errors',
        status: 'investigating',
        impact: 'minor',
        createdAt: opened,
        updates: [
          {
            id: 'apiupd000001',
            status: 'investigating',
            body: 'Investigating API errors.',
            createdAt: opened,
          },
        ],
      }),
    ]),
  );
  await withPollLoop(
    {
      client: stack.temporal,
      orm: stack.db.orm,
      fake: vrchat,
      source: 'incident',
      discordApiBaseUrl: stack.discord.apiBaseUrl,
      server: { address: harnessInfo().address, namespace: stack.namespace },
    },
    async (loop) => {
      await loop.firstCycle();
      const deadline = Date.now() + 60_000;
      while (
        !stack.discord
          .messagesTo(CHANNELS[0]!)
          .some((m) => m.embeds[0]?.title === 'Incident: Elevated API errors')
      ) {
        if (Date.now() > deadline) throw new Error('the incident alert did not arrive');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  );
  const message = stack.discord
    .messagesTo(CHANNELS[0]!)
    .find((m) => m.embeds[0]?.title === 'Incident: Elevated API errors')!;
  const field = message.embeds[0]!.fields?.find((f) => f.name === 'Reported by players');
  expect(field?.value).toBe('23 minutes before the status page: VRCPulse players reported it first');
  expect(
    await rows(stack.db.orm, "select reported_by_players_at from incidents where id = 'apierrors001'"),
  ).toEqual([{ reported_by_players_at: decided!.created_at }]);
});

it('/status shows how many players reported each type in the last hour', async () => {
  const r = await stack.run({ commandName: 'status', place: fromGuild(0) });
  const field = r.embeds[0]?.fields?.find((f) => f.name === 'Player reports (last hour)');
  // every type reported above, in the order of the /report choices, each player once
  expect(field?.value).toBe(
    [
      'Login: 5 players',
      'Joining instances: 35 players',
      'API / website: 5 players',
      'Authentication: 1 player',
      'Downloads: 5 players',
    ].join('\n'),
  );
});
