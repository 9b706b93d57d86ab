/**
 * What each server and user chooses to hear, end to end through the fake gateway, the real bot and
 * the real worker: `/config alerts` (kinds and a minimum impact, options left out kept), `/config
 * mention` (a role; never @everyone; a deleted role cleared with a note), `/config test` (the sample
 * alert arrives through the delivery path, or the answer names what is missing), and the delivery
 * history `/config show` lists. In English and Korean, with the refusals a user can fix.
 */
import { DEFAULT_EVERYONE_PERMISSIONS, PERMISSION } from '../fakes/discord-gateway';
import type { ChatInputInteractionSpec, InteractionPlace } from '../fakes/discord-gateway';
import { rows } from '../harness/db-rows';
import { recordHistory } from '../harness/history';
import { interactionWorkflowId } from '../../src/contracts/commands';
import { registerRecipients } from '../harness/registrations';
import { type BotStack, fakeSnowflake, startBotStack } from '../harness/bot-stack';

const ADMIN = (BigInt(DEFAULT_EVERYONE_PERMISSIONS) | PERMISSION.Administrator).toString();
const APP_ID = '1190000000000000001';
const GUILD_ID = fakeSnowflake();
const ALERTS = fakeSnowflake();
const MUTED = fakeSnowflake();
const ONCALL = fakeSnowflake();
const GONE = fakeSnowflake();
/** A second server whose alerts go to a channel where the bot may not post embeds. */
const MUTED_GUILD_ID = fakeSnowflake();

let stack: BotStack;

beforeAll(async () => {
  stack = await startBotStack({
    guilds: [
      {
        id: GUILD_ID,
        systemChannelId: null,
        channels: [{ id: ALERTS, name: 'alerts' }],
        roles: [
          { id: ONCALL, name: 'VRChat on-call', mentionable: true },
          { id: GONE, name: 'Old role' },
        ],
      },
      {
        id: MUTED_GUILD_ID,
        systemChannelId: null,
        channels: [
          {
            id: MUTED,
            name: 'muted',
            permissionOverwrites: [
              {
                id: APP_ID,
                type: 1,
                allow: '0',
                deny: (PERMISSION.SendMessages | PERMISSION.EmbedLinks).toString(),
              },
            ],
          },
        ],
      },
    ],
  });
  await registerRecipients(stack.db.orm, {
    guilds: [
      { guildId: GUILD_ID, channelId: ALERTS },
      { guildId: MUTED_GUILD_ID, channelId: MUTED },
    ],
  });
});

afterAll(async () => {
  await stack?.close();
});

const run = (spec: ChatInputInteractionSpec) => stack.run(spec);
const inGuild = (memberPermissions = ADMIN, guildId = GUILD_ID): InteractionPlace => ({
  kind: 'guild',
  guildId,
  memberPermissions,
});
const dm: InteractionPlace = { kind: 'dm' };
const field = (r: { embeds: { fields?: { name: string; value: string }[] }[] }, name: string) =>
  r.embeds[0]?.fields?.find((f) => f.name === name)?.value;

describe('/config alerts', () => {
  it('switches kinds off and on, keeps what is left out, and shows the choice (DMs)', async () => {
    const user = fakeSnowflake();
    const unregistered = await run({
      commandName: 'config',
      subcommand: 'alerts',
      place: dm,
      user: { id: user },
      options: { metrics: false },
    });
    expect(unregistered.content).toMatch(/You are not registered for DM alerts yet/);
    await registerRecipients(stack.db.orm, { users: [{ userId: user }] });

    const first = await run({
      commandName: 'config',
      subcommand: 'alerts',
      place: dm,
      user: { id: user },
      options: { metrics: false, min_impact: 'major' },
    });
    expect(first.content).toBe(
      'You will receive: Incidents (Major and critical), Maintenances, Status changes, Player reports.',
    );
    // left out: kept; `metrics` stays off and the impact stays major
    const second = await run({
      commandName: 'config',
      subcommand: 'alerts',
      place: dm,
      user: { id: user },
      options: { reports: false },
    });
    expect(second.content).toBe(
      'You will receive: Incidents (Major and critical), Maintenances, Status changes.',
    );
    expect(
      await rows(
        stack.db.orm,
        'select incidents, maintenances, status, metrics, reports, min_impact from alert_preferences where recipient = ?',
        [`user:${user}`],
      ),
    ).toEqual([{ incidents: 1, maintenances: 1, status: 1, metrics: 0, reports: 0, min_impact: 'major' }]);

    const show = await run({
      commandName: 'config',
      subcommand: 'show',
      place: dm,
      user: { id: user },
      locale: 'ko',
    });
    expect(field(show, '받는 알림')).toBe('장애 (중대 이상), 점검, 상태 변화');

    const none = await run({
      commandName: 'config',
      subcommand: 'alerts',
      place: dm,
      user: { id: user },
      options: { incidents: false, maintenances: false, status: false },
    });
    expect(none.content).toMatch(/^Every kind of alert is off: nothing will be sent here/);
    const back = await run({
      commandName: 'config',
      subcommand: 'alerts',
      place: dm,
      user: { id: user },
      options: {
        incidents: true,
        maintenances: true,
        status: true,
        metrics: true,
        reports: true,
        min_impact: 'none',
      },
      locale: 'ko',
    });
    expect(back.content).toBe('이제 받는 알림: 장애, 점검, 상태 변화, 지표, 플레이어 제보.');
  });

  it('in a server, only for administrators', async () => {
    const refused = await run({
      commandName: 'config',
      subcommand: 'alerts',
      place: inGuild(DEFAULT_EVERYONE_PERMISSIONS),
      options: { status: false },
    });
    expect(refused.content).toMatch(/Only server administrators/);
    const done = await run({
      commandName: 'config',
      subcommand: 'alerts',
      place: inGuild(),
      options: { status: false },
    });
    expect(done.content).toBe('You will receive: Incidents, Maintenances, Metrics, Player reports.');
    await run({ commandName: 'config', subcommand: 'alerts', place: inGuild(), options: { status: true } });
  });
});

describe('/config mention', () => {
  it('pings a role for serious incidents; never @everyone; not in DMs', async () => {
    const set = await run({
      commandName: 'config',
      subcommand: 'mention',
      place: inGuild(),
      options: { role: { type: 8, value: ONCALL }, maintenance: true },
    });
    expect(set.content).toBe(
      `I will ping <@&${ONCALL}> for new incidents: Major and critical; and when a maintenance starts.`,
    );
    expect(
      await rows(
        stack.db.orm,
        'select mention_role_id, mention_min_impact, mention_maintenance from alert_preferences where recipient = ?',
        [`guild:${GUILD_ID}`],
      ),
    ).toEqual([{ mention_role_id: ONCALL, mention_min_impact: 'major', mention_maintenance: 1 }]);
    const show = await run({ commandName: 'config', subcommand: 'show', place: inGuild() });
    expect(field(show, 'Pings')).toBe(
      `<@&${ONCALL}> for new incidents: Major and critical; and when a maintenance starts`,
    );

    const everyone = await run({
      commandName: 'config',
      subcommand: 'mention',
      place: inGuild(),
      options: { role: { type: 8, value: GUILD_ID } },
    });
    expect(everyone.content).toMatch(/^I never ping @everyone/);
    const inDm = await run({
      commandName: 'config',
      subcommand: 'mention',
      place: dm,
      options: { role: { type: 8, value: ONCALL } },
    });
    expect(inDm.content).toMatch(/^Role pings are for servers/);
    const notAdmin = await run({
      commandName: 'config',
      subcommand: 'mention',
      place: inGuild(DEFAULT_EVERYONE_PERMISSIONS),
      options: { role: { type: 8, value: ONCALL } },
    });
    expect(notAdmin.content).toMatch(/Only server administrators/);
    // nothing changed by the refusals
    expect(
      await rows(stack.db.orm, 'select mention_role_id from alert_preferences where recipient = ?', [
        `guild:${GUILD_ID}`,
      ]),
    ).toEqual([{ mention_role_id: ONCALL }]);

    const critical = await run({
      commandName: 'config',
      subcommand: 'mention',
      place: inGuild(),
      options: { role: { type: 8, value: ONCALL }, min_impact: 'critical' },
      locale: 'ko',
    });
    expect(critical.content).toBe(`새 장애 때 <@&${ONCALL}>을(를) 멘션합니다: 심각만.`);
    const cleared = await run({ commandName: 'config', subcommand: 'mention', place: inGuild() });
    expect(cleared.content).toBe('Alerts will ping nobody.');
    expect(field(await run({ commandName: 'config', subcommand: 'show', place: inGuild() }), 'Pings')).toBe(
      'Nobody',
    );
  });

  it('clears a role deleted in Discord, and /config show says so', async () => {
    await run({
      commandName: 'config',
      subcommand: 'mention',
      place: inGuild(),
      options: { role: { type: 8, value: GONE } },
    });
    stack.discord.gateway.deleteRole(GUILD_ID, GONE);
    const show = await run({ commandName: 'config', subcommand: 'show', place: inGuild() });
    expect(field(show, 'Pings')).toBe(
      'Nobody\nThe role to ping no longer exists, so nobody is pinged. Pick another with `/config mention`.',
    );
    expect(
      await rows(
        stack.db.orm,
        'select mention_role_id, mention_role_deleted from alert_preferences where recipient = ?',
        [`guild:${GUILD_ID}`],
      ),
    ).toEqual([{ mention_role_id: null, mention_role_deleted: GONE }]);
    // a new choice ends the note
    await run({
      commandName: 'config',
      subcommand: 'mention',
      place: inGuild(),
      options: { role: { type: 8, value: ONCALL } },
    });
    expect(field(await run({ commandName: 'config', subcommand: 'show', place: inGuild() }), 'Pings')).toBe(
      `<@&${ONCALL}> for new incidents: Major and critical`,
    );
  });
});

describe('/config test', () => {
  it('sends a test alert to the channel through the delivery path, and it shows in the history', async () => {
    const r = await run({ commandName: 'config', subcommand: 'test', place: inGuild() });
    expect(r.content).toBe(
      `The test alert arrived in <#${ALERTS}>. Real alerts will appear there the same way.`,
    );
    const [message] = stack.discord
      .messagesTo(ALERTS)
      .filter((m) => m.embeds[0]?.title === 'Test alert from VRCPulse');
    expect(message!.embeds[0]!.description).toMatch(/Nothing is wrong with VRChat/);
    expect(message!.pinged).toEqual({ everyone: false, roles: [], users: [] });
    expect(
      await rows(
        stack.db.orm,
        `select reference_id from sent_alerts where guild_id = ? and alert_type = 'test'`,
        [GUILD_ID],
      ),
    ).toEqual([{ reference_id: `test_${r.id}` }]);
    const show = await run({ commandName: 'config', subcommand: 'show', place: inGuild() });
    expect(field(show, 'Last alerts')).toMatch(/^<t:\d+:R> · Test alert · delivered$/);
    await recordHistory(
      stack.temporal.workflow.getHandle(interactionWorkflowId(r.id)),
      'interaction-v2-test-alert',
    );
  });

  it('names the permissions the bot lacks when the channel refuses it', async () => {
    stack.discord.failChannel(MUTED, { status: 403, code: 50013, times: 1 });
    const r = await run({ commandName: 'config', subcommand: 'test', place: inGuild(ADMIN, MUTED_GUILD_ID) });
    expect(r.content).toBe(
      `The test alert did not arrive: I am missing **Send Messages**, **Embed Links** in <#${MUTED}>. Give my role those permissions there, then run \`/config test\` again.`,
    );
    const show = await run({
      commandName: 'config',
      subcommand: 'show',
      place: inGuild(ADMIN, MUTED_GUILD_ID),
      locale: 'ko',
    });
    expect(field(show, '최근 알림')).toMatch(/^<t:\d+:R> · 테스트 알림 · 전달 안 됨: 권한 없음$/);
  });

  it('says so when a user has closed their DMs, in Korean', async () => {
    const user = fakeSnowflake();
    await registerRecipients(stack.db.orm, { users: [{ userId: user }] });
    stack.discord.failUser(user, { status: 403, code: 50007, times: 1 });
    const r = await run({
      commandName: 'config',
      subcommand: 'test',
      place: dm,
      user: { id: user },
      locale: 'ko',
    });
    expect(r.content).toMatch(/^테스트 알림이 도착하지 않았습니다: DM이 막혀 있습니다/);
    // one test a minute, refused or not
    const soon = await run({ commandName: 'config', subcommand: 'test', place: dm, user: { id: user } });
    expect(soon.content).toMatch(/^One test a minute: you can run `\/config test` again <t:\d+:R>\.$/);
    stack.clock.offsetMs += 61_000;
    try {
      const ok = await run({ commandName: 'config', subcommand: 'test', place: dm, user: { id: user } });
      expect(ok.content).toBe(
        'The test alert arrived in your DMs. Real alerts will appear there the same way.',
      );
    } finally {
      stack.clock.offsetMs -= 61_000;
    }
  });

  it('says when Discord gave no answer, and a refused test counts no strike against the server', async () => {
    const user = fakeSnowflake();
    await registerRecipients(stack.db.orm, { users: [{ userId: user }] });
    stack.discord.failUser(user, { status: 503, times: 50 });
    try {
      const r = await run({ commandName: 'config', subcommand: 'test', place: dm, user: { id: user } });
      expect(r.content).toMatch(/^Discord did not answer in time, so I cannot tell yet/);
      expect(
        await rows(stack.db.orm, 'select 1 from pending_sends where recipient = ?', [`user:${user}`]),
      ).toEqual([]);
    } finally {
      stack.discord.clearFaults();
    }
    // the permissions test above was refused: no strike for it
    expect(
      await rows(stack.db.orm, 'select failure_streak, enabled from guild_configs where guild_id = ?', [
        MUTED_GUILD_ID,
      ]),
    ).toEqual([{ failure_streak: 0, enabled: 1 }]);
  });

  it('refuses who is not registered, and members who are not administrators', async () => {
    const user = fakeSnowflake();
    const notRegistered = await run({
      commandName: 'config',
      subcommand: 'test',
      place: dm,
      user: { id: user },
    });
    expect(notRegistered.content).toMatch(/You are not registered for DM alerts yet/);
    const notAdmin = await run({
      commandName: 'config',
      subcommand: 'test',
      place: inGuild(DEFAULT_EVERYONE_PERMISSIONS),
    });
    expect(notAdmin.content).toMatch(/Only server administrators/);
  });
});
