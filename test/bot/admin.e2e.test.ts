/**
 * `/admin config` end to end, and what the bot does besides commands: the owner checks (application
 * team members and DISCORD_OWNER_IDS; a server Administrator is refused), validation of every kind
 * of setting, a poll interval that reaches the running poll loop at once, reset, the welcome on
 * joining a server, and the generic error with a reference id when Temporal cannot be reached.
 */
import { POLL_WORKFLOW_IDS, POLL_WORKFLOW_TYPE, pollStateQuery } from '../../src/contracts/polling';
import { DEFAULT_EVERYONE_PERMISSIONS, PERMISSION } from '../fakes/discord-gateway';
import type { ChatInputInteractionSpec } from '../fakes/discord-gateway';
import { rows } from '../harness/db-rows';
import { recordHistory } from '../harness/history';
import { registerRecipients } from '../harness/registrations';
import { waitFor } from '../harness/wait';
import { type BotStack, fakeSnowflake, startBotStack } from '../harness/bot-stack';

const ADMIN = (BigInt(DEFAULT_EVERYONE_PERMISSIONS) | PERMISSION.Administrator).toString();
const TEAM_OWNER = fakeSnowflake();
const TEAM_MEMBER = fakeSnowflake();
const ENV_OWNER = fakeSnowflake();
const TEAM_DEVELOPER = fakeSnowflake();
const TEAM_READ_ONLY = fakeSnowflake();
const TEAM_INVITED = fakeSnowflake();
const GUILD_ID = fakeSnowflake();

let stack: BotStack;

beforeAll(async () => {
  stack = await startBotStack({
    // Poll loops have fixed ids: this file owns them in its own namespace.
    namespace: 'vrcpulse-bot',
    teamMemberIds: [TEAM_OWNER, TEAM_MEMBER],
    teamMembers: [
      { id: TEAM_DEVELOPER, role: 'developer', accepted: true },
      { id: TEAM_READ_ONLY, role: 'read_only', accepted: true },
      { id: TEAM_INVITED, role: 'admin', accepted: false },
    ],
    ownerIds: [ENV_OWNER],
    guilds: [{ id: GUILD_ID, systemChannelId: null }],
  });
});

afterAll(async () => {
  await stack?.close();
});

const run = (spec: ChatInputInteractionSpec) => stack.run(spec);

const admin = (
  user: string,
  sub: string,
  options: ChatInputInteractionSpec['options'] = {},
  locale?: string,
) =>
  run({
    commandName: 'admin',
    subcommandGroup: 'config',
    subcommand: sub,
    place: { kind: 'dm' },
    user: { id: user },
    options,
    ...(locale ? { locale } : {}),
  });

const setting = async (key: string) =>
  (await rows<{ value: string }>(stack.db.orm, 'select value from bot_config where key = ?', [key]))[0]
    ?.value;

describe('/admin config: who may use it', () => {
  it('refuses team members who are read-only or have not accepted their invitation; lets a developer in', async () => {
    for (const user of [TEAM_READ_ONLY, TEAM_INVITED]) {
      const r = await admin(user, 'set', { key: 'polling.status', value: '120' });
      expect(r.content).toMatch(/^`\/admin` is only for the owners of this VRCPulse bot/);
    }
    expect(await setting('polling.status')).toBe('60');
    const developer = await admin(TEAM_DEVELOPER, 'show');
    expect(developer.embeds[0]?.description ?? '').toContain('`polling.status`');
  });

  it('refuses a server Administrator who is not an owner, and logs the attempt', async () => {
    const user = fakeSnowflake();
    const r = await run({
      commandName: 'admin',
      subcommandGroup: 'config',
      subcommand: 'set',
      place: { kind: 'guild', guildId: GUILD_ID, memberPermissions: ADMIN },
      user: { id: user },
      options: { key: 'polling.status', value: '120' },
    });
    expect(r.content).toMatch(/^`\/admin` is only for the owners of this VRCPulse bot/);
    expect(r.responses.ephemeral).toBe(true);
    expect(await setting('polling.status')).toBe('60');
    const logged = await waitFor(
      async () => {
        const found = await rows(
          stack.db.orm,
          'select command_name, subcommand, user_id from command_logs where interaction_id = ?',
          [r.id],
        );
        return found.length > 0 ? found : undefined;
      },
      60_000,
      'the command log row',
    );
    expect(logged).toEqual([{ command_name: 'admin', subcommand: 'config set', user_id: user }]);
  });

  it('refuses in Korean too', async () => {
    const r = await admin(fakeSnowflake(), 'show', {}, 'ko');
    expect(r.content).toMatch(/VRCPulse 봇 운영자만/);
  });

  it.each([
    ['the team owner', TEAM_OWNER],
    ['a team member', TEAM_MEMBER],
    ['a DISCORD_OWNER_IDS user', ENV_OWNER],
  ])('lets %s see every setting', async (_who, user) => {
    const r = await admin(user, 'show');
    const description = r.embeds[0]?.description ?? '';
    expect(r.embeds[0]?.title).toBe('Global settings');
    expect(description).toContain('`polling.status` = `60` (default)');
    expect(description).toContain('`alert.metrics.api_latency` = `1000` (default)');
    expect(description).toContain('`report_threshold` = `5` (default)');
  });
});

describe('/admin show', () => {
  it('tells an owner the version, registrations, each poll loop, the fan-outs running and unknown outcomes', async () => {
    await registerRecipients(stack.db.orm, {
      guilds: [
        { guildId: fakeSnowflake(), channelId: fakeSnowflake() },
        { guildId: fakeSnowflake(), channelId: fakeSnowflake(), enabled: false },
      ],
      users: [{ userId: fakeSnowflake() }],
    });
    const pendingSince = Date.now() - 5 * 60_000;
    await stack.db.orm.em
      .getConnection()
      .execute(
        `insert into pending_sends (alert_type, reference_id, recipient, first_attempt_at) values ('incident', 'adminshow001', ?, ?)`,
        [`user:${fakeSnowflake()}`, pendingSince],
      );
    // the status loop runs (and fails: VRChat is unreachable here); the other loops do not run
    await stack.temporal.workflow.signalWithStart(POLL_WORKFLOW_TYPE, {
      workflowId: POLL_WORKFLOW_IDS.status,
      taskQueue: stack.taskQueue,
      args: [{ source: 'status', intervalSeconds: 3600 }],
      signal: 'pollNow',
      signalArgs: [],
    });
    // a fan-out no worker serves: it stays running
    const stuck = await stack.temporal.workflow.start('alertFanoutWorkflow', {
      taskQueue: 'nobody-serves-this-queue',
      workflowId: `alert-incident-adminshow-${Date.now()}`,
      args: [
        { fact: { type: 'incident', referenceId: 'adminshow001', observedAt: new Date().toISOString() } },
      ],
    });
    const count = async (sql: string) => (await rows<{ n: number }>(stack.db.orm, sql))[0]!.n;
    const servers = `${await count('select count(*) as n from guild_configs where enabled = 1')} on, ${await count('select count(*) as n from guild_configs where enabled = 0')} off`;
    const users = `${await count('select count(*) as n from user_configs where enabled = 1')} on, ${await count('select count(*) as n from user_configs where enabled = 0')} off`;

    try {
      const shown = await waitFor(
        async () => {
          const r = await run({
            commandName: 'admin',
            subcommand: 'show',
            place: { kind: 'dm' },
            user: { id: ENV_OWNER },
          });
          const fields = Object.fromEntries((r.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
          // Temporal's visibility lists a new workflow within moments
          const failedOnce = fields['Poll loop: VRChat status page']?.includes('Last failure: <t:');
          return fields['Alert fan-outs running']?.startsWith('1,') && failedOnce ? { r, fields } : undefined;
        },
        30_000,
        'the stuck fan-out in /admin show',
      );
      expect(shown.r.embeds[0]?.title).toBe('VRCPulse status');
      expect(shown.fields).toMatchObject({
        Version: expect.stringMatching(/^0\.1\.0, up since <t:\d+:R>$/),
        Servers: servers,
        'DM users': users,
        'Alert fan-outs running': expect.stringMatching(/^1, the oldest since <t:\d+:R>$/),
        'Sends with an unknown outcome': `1, the oldest since <t:${Math.floor(pendingSince / 1000)}:R>`,
      });
      // the running loop with its last success and failure; the others, why they could not say
      expect(shown.fields['Poll loop: VRChat status page']).toMatch(
        /^Last success: never\nLast failure: <t:\d+:R> \(SourceUnavailable: /,
      );
      for (const source of ['VRChat incidents', 'VRChat maintenances', 'CloudFront metrics'])
        expect(shown.fields[`Poll loop: ${source}`]).toMatch(
          /^No answer from the worker \(workflow not found/,
        );
    } finally {
      await stuck.terminate('test over');
      await stack.temporal.workflow
        .getHandle(POLL_WORKFLOW_IDS.status)
        .terminate('test over')
        .catch(() => undefined);
    }
  });

  it('is for owners only, and answers in Korean', async () => {
    const refused = await run({
      commandName: 'admin',
      subcommand: 'show',
      place: { kind: 'guild', guildId: GUILD_ID, memberPermissions: ADMIN },
      user: { id: fakeSnowflake() },
    });
    expect(refused.content).toMatch(/^`\/admin` is only for the owners of this VRCPulse bot/);
    const ko = await run({
      commandName: 'admin',
      subcommand: 'show',
      place: { kind: 'dm' },
      user: { id: TEAM_OWNER },
      locale: 'ko',
    });
    expect(ko.embeds[0]?.title).toBe('VRCPulse 상태');
  });
});

describe('/admin config set and reset', () => {
  beforeAll(async () => {
    // A running status poll loop, as the worker keeps one; its hour-long interval keeps it quiet.
    await stack.temporal.workflow.signalWithStart(POLL_WORKFLOW_TYPE, {
      workflowId: POLL_WORKFLOW_IDS.status,
      taskQueue: stack.taskQueue,
      args: [{ source: 'status', intervalSeconds: 3600 }],
      signal: 'pollNow',
      signalArgs: [],
    });
  });
  afterAll(async () => {
    await stack.temporal.workflow
      .getHandle(POLL_WORKFLOW_IDS.status)
      .terminate('test over')
      .catch(() => undefined);
  });

  it('changes a poll interval, and the running poll loop uses it at once', async () => {
    const r = await admin(TEAM_MEMBER, 'set', { key: 'polling.status', value: '120' });
    expect(r.content).toBe('`polling.status`: `60` → `120`. It takes effect now.');
    expect(await setting('polling.status')).toBe('120');
    const state = await stack.temporal.workflow.getHandle(POLL_WORKFLOW_IDS.status).query(pollStateQuery);
    expect(state.intervalSeconds).toBe(120);
  });

  it.each([
    ['polling.status', '59', '`polling.status` takes a whole number from 60 to 3600.'],
    ['polling.metrics', '3601', '`polling.metrics` takes a whole number from 60 to 3600.'],
    ['polling.incident', '90.5', '`polling.incident` takes a whole number from 60 to 3600.'],
    ['report_threshold', 'many', '`report_threshold` takes a whole number from 1 to 10000.'],
    ['alert.metrics.enabled', 'maybe', '`alert.metrics.enabled` takes true or false.'],
    [
      'alert.metrics.api_errors',
      '150%',
      '`alert.metrics.api_errors` takes a ratio from 0 to 1, or a percentage (for example 0.05 or 5%).',
    ],
    ['alert.metrics.api_latency', '0', '`alert.metrics.api_latency` takes a number from 1 to 600000.'],
    ['retention.sent_alerts', '3', '`retention.sent_alerts` takes a whole number from 7 to 3650.'],
    ['no.such.key', '1', 'There is no setting called `no.such.key`.'],
  ])('refuses %s = %s with a message that says what is allowed', async (key, value, message) => {
    const before = await setting(key);
    const r = await admin(ENV_OWNER, 'set', { key, value });
    expect(r.content).toBe(message);
    expect(await setting(key)).toBe(before);
  });

  it('normalises what it stores (a percentage becomes a ratio; on becomes true)', async () => {
    expect((await admin(ENV_OWNER, 'set', { key: 'alert.metrics.api_errors', value: '10%' })).content).toBe(
      '`alert.metrics.api_errors`: `0.05` → `0.1`. It takes effect now.',
    );
    expect(await setting('alert.metrics.api_errors')).toBe('0.1');
    await admin(ENV_OWNER, 'set', { key: 'alert.metrics.enabled', value: 'off' });
    expect(await setting('alert.metrics.enabled')).toBe('false');
  });

  it('resets one key, then everything, and the poll loop goes back to 60 s (Korean)', async () => {
    await admin(ENV_OWNER, 'set', { key: 'report_interval', value: '30' });
    const one = await admin(ENV_OWNER, 'reset', { key: 'report_interval' }, 'ko');
    expect(one.content).toBe('기본값으로 되돌렸습니다:\n`report_interval`: `30` → `60`');
    const all = await admin(ENV_OWNER, 'reset');
    expect(all.content.split('\n').slice(1).sort()).toEqual(
      [
        '`alert.metrics.api_errors`: `0.1` → `0.05`',
        '`alert.metrics.enabled`: `false` → `true`',
        '`polling.status`: `120` → `60`',
      ].sort(),
    );
    expect(await setting('alert.metrics.enabled')).toBeUndefined();
    expect(await setting('polling.status')).toBe('60');
    const state = await stack.temporal.workflow.getHandle(POLL_WORKFLOW_IDS.status).query(pollStateQuery);
    expect(state.intervalSeconds).toBe(60);
    expect((await admin(ENV_OWNER, 'reset')).content).toBe(
      'Nothing to reset: every setting already has its default value.',
    );
  });
});

describe('joining a server', () => {
  it('posts the welcome embed in the system channel, in the server language', async () => {
    const guild = stack.discord.gateway.joinGuild({ name: '새 서버', preferredLocale: 'ko' });
    const messages = await waitFor(
      () =>
        stack.discord.messagesTo(guild.systemChannelId!).length > 0
          ? stack.discord.messagesTo(guild.systemChannelId!)
          : undefined,
      60_000,
      'the welcome message',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.embeds[0]?.title).toBe('VRCPulse를 추가해 주셔서 감사합니다!');
    expect(messages[0]!.nonce).toEqual(expect.any(String));
    const welcome = await waitFor(
      async () => {
        for await (const run of stack.temporal.workflow.list({
          query: `WorkflowId STARTS_WITH "welcome-${guild.id}-" AND ExecutionStatus = "Completed"`,
        }))
          return run;
        return undefined;
      },
      30_000,
      'the completed welcome workflow',
    );
    await recordHistory(stack.temporal.workflow.getHandle(welcome.workflowId), 'welcome-v2-delivery-queue');
  });

  it('posts nothing when there is no system channel, or when it may not post there', async () => {
    const before = stack.discord.messages.length;
    stack.discord.gateway.joinGuild({ systemChannelId: null });
    const muted = stack.discord.gateway.joinGuild({
      channels: [
        {
          name: 'welcome',
          permissionOverwrites: [
            { id: '1190000000000000001', type: 1, allow: '0', deny: PERMISSION.SendMessages.toString() },
          ],
        },
      ],
    });
    // An English server joined afterwards is welcomed, so the two above had their chance.
    const english = stack.discord.gateway.joinGuild({});
    await waitFor(() => stack.discord.messagesTo(english.systemChannelId!)[0], 60_000, 'the English welcome');
    expect(stack.discord.messagesTo(english.systemChannelId!)[0]?.embeds[0]?.title).toBe(
      'Thanks for adding VRCPulse!',
    );
    expect(stack.discord.messages.length - before).toBe(1);
    expect(stack.discord.messagesTo(muted.systemChannelId!)).toEqual([]);
  });
});

describe('the welcome message (as the original bot had it)', () => {
  const welcomeIn = (channelId: string) =>
    waitFor(() => stack.discord.messagesTo(channelId)[0], 60_000, `the welcome in ${channelId}`);
  const buttonsOf = (message: { components: unknown[] }) =>
    (message.components as { components: { custom_id: string; label: string }[] }[]).flatMap((row) =>
      row.components.map((b) => [b.custom_id, b.label]),
    );

  it('has buttons for the Korean guide and for Korean; the guide is shown to whoever presses', async () => {
    const guild = stack.discord.gateway.joinGuild({ name: 'Buttons' });
    const welcome = await welcomeIn(guild.systemChannelId!);
    expect(buttonsOf(welcome)).toEqual([
      ['welcome:guide:ko', 'View the Korean guide'],
      ['welcome:language:ko', "Set the bot's language to Korean"],
    ]);
    const press = stack.discord.gateway.dispatchButton({
      customId: 'welcome:guide:ko',
      message: { id: welcome.id, components: welcome.components },
      place: { kind: 'guild', guildId: guild.id, channelId: guild.systemChannelId! },
    });
    const guide = await stack.answer(press.id);
    expect(guide.ephemeral).toBe(true);
    expect(guide.original?.embeds[0]?.title).toBe('VRCPulse를 추가해 주셔서 감사합니다!');
  });

  it("sets the server's language to Korean for an administrator, before the server is set up", async () => {
    const guild = stack.discord.gateway.joinGuild({ name: 'Korean later' });
    const welcome = await welcomeIn(guild.systemChannelId!);
    const pressAs = (memberPermissions?: string) =>
      stack.discord.gateway.dispatchButton({
        customId: 'welcome:language:ko',
        message: { id: welcome.id, components: welcome.components },
        place: {
          kind: 'guild',
          guildId: guild.id,
          channelId: guild.systemChannelId!,
          ...(memberPermissions ? { memberPermissions } : {}),
        },
      });
    const refused = await stack.answer(pressAs().id);
    expect(refused.original?.content).toMatch(/Only server administrators/);
    expect(await rows(stack.db.orm, 'select 1 from guild_configs where guild_id = ?', [guild.id])).toEqual(
      [],
    );

    const done = await stack.answer(pressAs(ADMIN).id, (r) => r.edits.length > 0);
    expect(done.original?.content).toBe('이제 답장과 알림을 한국어(으)로 보냅니다.');
    expect(
      await rows(stack.db.orm, 'select language, enabled, channel_id from guild_configs where guild_id = ?', [
        guild.id,
      ]),
    ).toEqual([{ language: 'ko', enabled: 0, channel_id: null }]);
    // not set up yet: /config show is the welcome, in Korean now
    const show = await run({
      commandName: 'config',
      subcommand: 'show',
      place: { kind: 'guild', guildId: guild.id },
    });
    expect(show.embeds[0]?.title).toBe('VRCPulse를 추가해 주셔서 감사합니다!');
  });

  it('is posted on the first command in a server without a system channel, once', async () => {
    const general = fakeSnowflake();
    const guild = stack.discord.gateway.joinGuild({
      name: 'No system channel',
      systemChannelId: null,
      channels: [{ id: general, name: 'general' }],
    });
    const place = { kind: 'guild' as const, guildId: guild.id, channelId: general };
    await run({ commandName: 'status', place });
    const welcome = await welcomeIn(general);
    expect(welcome.embeds[0]?.title).toBe('Thanks for adding VRCPulse!');
    expect(buttonsOf(welcome)).toHaveLength(2);
    await run({ commandName: 'status', place });
    await run({ commandName: 'config', subcommand: 'show', place });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stack.discord.messagesTo(general)).toHaveLength(1);
  });

  it('is not posted in a server that has used VRCPulse for long, nor in one set up already', async () => {
    const old = { id: fakeSnowflake(), channel: fakeSnowflake() };
    stack.discord.gateway.joinGuild({
      id: old.id,
      systemChannelId: null,
      channels: [{ id: old.channel }],
      joinedAt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000),
    });
    const registered = { id: fakeSnowflake(), channel: fakeSnowflake() };
    stack.discord.gateway.joinGuild({
      id: registered.id,
      systemChannelId: null,
      channels: [{ id: registered.channel }],
    });
    await registerRecipients(stack.db.orm, {
      guilds: [{ guildId: registered.id, channelId: registered.channel }],
    });
    await run({ commandName: 'status', place: { kind: 'guild', guildId: old.id, channelId: old.channel } });
    await run({
      commandName: 'status',
      place: { kind: 'guild', guildId: registered.id, channelId: registered.channel },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stack.discord.messagesTo(old.channel)).toEqual([]);
    expect(stack.discord.messagesTo(registered.channel)).toEqual([]);
  });
});

describe('the bot presence', () => {
  it("shows VRChat's status, the open incident while there is one, then the status again", async () => {
    const conn = stack.db.orm.em.getConnection();
    const presence = () => stack.discord.gateway.presences.at(-1)?.activities[0];
    await conn.execute(
      'insert into status_logs (indicator, description, source_timestamp, created_at) values (?, ?, ?, ?)',
      ['none', 'All Systems Operational', Date.now(), Date.now()],
    );
    await waitFor(
      () => (presence()?.name === 'All Systems Operational' ? true : undefined),
      30_000,
      'the status presence',
    );
    expect(presence()).toEqual({ name: 'All Systems Operational', type: 3 }); // 3: Watching
    const incidentId = `prs${Date.now().toString(36)}`.slice(0, 12);
    await conn.execute(
      `insert into incidents (id, title, impact, status, started_at, resolved_at, created_at, updated_at)
       values (?, 'Login failures', 'major', 'investigating', ?, null, ?, ?)`,
      [incidentId, Date.now(), Date.now(), Date.now()],
    );
    await waitFor(
      () => (presence()?.name === 'Incident: Login failures' ? true : undefined),
      30_000,
      'the incident presence',
    );
    await conn.execute(`update incidents set status = 'resolved', resolved_at = ? where id = ?`, [
      Date.now(),
      incidentId,
    ]);
    await waitFor(
      () => (presence()?.name === 'All Systems Operational' ? true : undefined),
      30_000,
      'the status presence again',
    );
    // set when it changes, not every refresh
    const count = stack.discord.gateway.presences.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stack.discord.gateway.presences.length).toBe(count);
  });
});

describe('a server changing its preferred locale', () => {
  it("is recorded for a registered server, whose alerts on 'auto' then follow it", async () => {
    await registerRecipients(stack.db.orm, {
      guilds: [{ guildId: GUILD_ID, channelId: fakeSnowflake(), locale: 'en-US' }],
    });
    const other = stack.discord.gateway.joinGuild({ systemChannelId: null }); // never registered
    stack.discord.gateway.updateGuild(GUILD_ID, { preferredLocale: 'ko' });
    stack.discord.gateway.updateGuild(other.id, { preferredLocale: 'ko' });
    await waitFor(
      async () => {
        const [row] = await rows<{ locale: string }>(
          stack.db.orm,
          'select locale from guild_configs where guild_id = ?',
          [GUILD_ID],
        );
        return row?.locale === 'ko' ? true : undefined;
      },
      60_000,
      'the new locale to be recorded',
    );
    // Only registrations are touched: nothing is created for a server that never registered.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await rows(stack.db.orm, 'select * from guild_configs where guild_id = ?', [other.id])).toEqual(
      [],
    );
    const changed = stack.logs.filter((l) => l.msg === 'server locale changed');
    expect(changed.map((l) => [l.guild, l.outcome]).sort()).toEqual(
      [
        [GUILD_ID, 'locale_updated'],
        [other.id, 'not_registered'],
      ].sort(),
    );
  });
});

describe('when Temporal cannot be reached', () => {
  let broken: BotStack;
  beforeAll(async () => {
    broken = await startBotStack({ botNamespace: 'no-such-namespace' });
  });
  afterAll(async () => {
    await broken?.close();
  });

  it('answers with a generic message and a reference id that is in the logs', async () => {
    const sent = broken.discord.gateway.dispatchInteraction({
      commandName: 'config',
      subcommand: 'setup',
      place: { kind: 'dm' },
    });
    const responses = await broken.answer(sent.id);
    const content = responses.original?.content ?? '';
    const ref = /Reference: `([0-9a-f]{8})`/.exec(content)?.[1];
    expect(content).toMatch(/^Something went wrong on our side\. Please try again in a moment\./);
    expect(ref).toBeDefined();
    const line = broken.logs.find((l) => l.ref === ref);
    expect(line).toMatchObject({ level: 50, msg: 'command failed', interaction: sent.id, command: 'config' });
  });
});
