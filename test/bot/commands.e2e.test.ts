/**
 * Slash commands end to end: the fake Discord gateway sends INTERACTION_CREATE to the real bot
 * (discord.js), which defers, talks to the real worker through Temporal, and edits its reply; the
 * fake records every callback and edit. Every command and subcommand runs in a server and in the
 * bot's DM (user install), in English and Korean, with the error paths the user can fix.
 */
import { PERMISSION, DEFAULT_EVERYONE_PERMISSIONS } from '../fakes/discord-gateway';
import type { ChatInputInteractionSpec, InteractionPlace } from '../fakes/discord-gateway';
import { PNG } from 'pngjs';
import { DASHBOARD_HEIGHT, DASHBOARD_WIDTH } from '../../src/dashboard/index';
import { rows } from '../harness/db-rows';
import { registerRecipients } from '../harness/registrations';
import { waitFor } from '../harness/wait';
import { type BotStack, fakeSnowflake, startBotStack } from '../harness/bot-stack';

const HANGUL = /[\uac00-\ud7a3]/;
const ADMIN = (BigInt(DEFAULT_EVERYONE_PERMISSIONS) | PERMISSION.Administrator).toString();
const APP_ID = '1190000000000000001';

const GUILD_ID = fakeSnowflake();
const ALERTS = fakeSnowflake();
const GENERAL = fakeSnowflake();
const MUTED = fakeSnowflake();
const VOICE = fakeSnowflake();
/** A second server, registered in the tests, with Korean as its preferred locale. */
const KO_GUILD_ID = fakeSnowflake();
const KO_CHANNEL = fakeSnowflake();
/** A server that never registers. */
const UNREGISTERED_GUILD_ID = fakeSnowflake();
/** A registered server for /report. */
const REPORT_GUILD_ID = fakeSnowflake();
const REPORT_CHANNEL = fakeSnowflake();
const reportGuild: InteractionPlace = { kind: 'guild', guildId: REPORT_GUILD_ID };

let stack: BotStack;

beforeAll(async () => {
  stack = await startBotStack({
    guilds: [
      {
        id: GUILD_ID,
        name: 'Pulse Lab',
        systemChannelId: null,
        channels: [
          { id: GENERAL, name: 'general' },
          { id: ALERTS, name: 'alerts' },
          {
            id: MUTED,
            name: 'muted',
            // The bot may read but not post or embed here.
            permissionOverwrites: [
              {
                id: APP_ID,
                type: 1,
                allow: '0',
                deny: (PERMISSION.SendMessages | PERMISSION.EmbedLinks).toString(),
              },
            ],
          },
          { id: VOICE, name: 'voice', type: 2 },
        ],
      },
      {
        id: KO_GUILD_ID,
        name: '펄스',
        preferredLocale: 'ko',
        systemChannelId: null,
        channels: [{ id: KO_CHANNEL }],
      },
      { id: UNREGISTERED_GUILD_ID, systemChannelId: null },
      { id: REPORT_GUILD_ID, systemChannelId: null, channels: [{ id: REPORT_CHANNEL }] },
    ],
  });
  await registerRecipients(stack.db.orm, {
    guilds: [{ guildId: REPORT_GUILD_ID, channelId: REPORT_CHANNEL }],
  });
});

afterAll(async () => {
  await stack?.close();
});

const guild = (options: Partial<Extract<InteractionPlace, { kind: 'guild' }>> = {}): InteractionPlace => ({
  kind: 'guild',
  guildId: GUILD_ID,
  channelId: GENERAL,
  ...options,
});
const dm: InteractionPlace = { kind: 'dm' };

const run = (spec: ChatInputInteractionSpec) => stack.run(spec);

async function logRow(interactionId: string) {
  return waitFor(
    async () =>
      (
        await rows<Record<string, unknown>>(
          stack.db.orm,
          'select command_name, subcommand, user_id, guild_id, channel_id, executed_at from command_logs where interaction_id = ?',
          [interactionId],
        )
      )[0],
    60_000,
    `the command_logs row of ${interactionId}`,
  );
}

async function seedStatus() {
  const conn = stack.db.orm.em.getConnection();
  const now = Date.now();
  const at = now - 120_000;
  await conn.execute(
    'insert into status_logs (indicator, description, source_timestamp, created_at) values (?, ?, ?, ?)',
    ['minor', 'Minor Service Outage', at, now],
  );
  const components: [string, string, string, string | null, number][] = [
    ['grpapi000001', 'API / Website', 'degraded_performance', null, 1],
    ['cmpapi000001', 'API', 'degraded_performance', 'grpapi000001', 0],
    ['cmpweb000001', 'Website', 'operational', 'grpapi000001', 0],
    ['grpnet000001', 'Realtime Networking', 'operational', null, 1],
    ['cmpusw000001', 'USA, West', 'operational', 'grpnet000001', 0],
    ['cmpjp0000001', 'Japan', 'major_outage', 'grpnet000001', 0],
  ];
  for (const [id, name, status, group, isGroup] of components) {
    await conn.execute(
      'insert into component_logs (component_id, name, status, source_timestamp, created_at, group_id, is_group) values (?, ?, ?, ?, ?, ?, ?)',
      [id, name, status, at, now, group, isGroup],
    );
  }
  const metrics: [string, number, string][] = [
    ['visits', 40_000, 'count'],
    ['visits', 60_000, 'count'],
    ['api_errors', 0.02, 'ratio'],
    ['extauth_steam', 0.985, 'ratio'],
    ['extauth_oculus', 0.9, 'ratio'],
  ];
  let t = now - 180_000;
  for (const [name, value, unit] of metrics) {
    await conn.execute(
      'insert into metric_logs (metric_name, value, unit, interval_sec, timestamp, created_at) values (?, ?, ?, 60, ?, ?)',
      [name, value, unit, (t += 1000), now],
    );
  }
}

describe('/status', () => {
  it('says there is no data yet before the first poll, and logs the command', async () => {
    const r = await run({ commandName: 'status', place: guild() });
    expect(r.embeds[0]?.description).toMatch(/No status data yet/);
    expect(r.ephemeral).toBe(false);
    expect(await logRow(r.id)).toMatchObject({
      command_name: 'status',
      subcommand: null,
      guild_id: GUILD_ID,
    });
  });

  it('shows the overall status, components by group with emoji, and the metric summaries (guild, English)', async () => {
    await seedStatus();
    const r = await run({ commandName: 'status', place: guild() });
    expect(r.responses.callback?.callbackType).toBe(5);
    expect(r.responses.callback!.afterMs).toBeLessThan(3000);
    const embed = r.embeds[0]!;
    expect(embed.title).toBe('VRChat status');
    expect(embed.description).toBe('🟡 **Minor service outage**');
    expect(embed.color).toBe(0xfee75c);
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields['API / Website']).toBe('🟡 API: Degraded performance\n🟢 Website');
    expect(fields['Realtime Networking']).toBe('🟢 USA, West\n🔴 Japan: Major outage');
    expect(fields['Online users (12 h)']).toBe('avg 50,000 · peak 60,000');
    expect(fields['API error rate']).toBe('2% (last 5 min)');
    expect(fields['Steam auth success']).toBe('98.5% (last 5 min)');
    expect(fields['Meta auth success']).toBe('90% (last 5 min)');
    expect(embed.footer?.text).toBe('VRChat Status');
    // The 12-hour dashboard rides along as an attachment the embed shows.
    expect(embed.image?.url).toBe('attachment://vrcpulse-dashboard.png');
    const [upload] = stack.discord.uploadsTo(r.responses.original!.id);
    expect(upload).toMatchObject({ filename: 'vrcpulse-dashboard.png', contentType: 'image/png' });
    const png = PNG.sync.read(upload!.data);
    expect([png.width, png.height]).toEqual([DASHBOARD_WIDTH, DASHBOARD_HEIGHT]);
  });

  it('answers in Korean in the DM of a Korean user (user install)', async () => {
    const r = await run({ commandName: 'status', place: dm, locale: 'ko' });
    const embed = r.embeds[0]!;
    expect(embed.title).toBe('VRChat 상태');
    expect(embed.description).toBe('🟡 **일부 서비스 장애**');
    expect(embed.fields?.map((f) => f.name)).toContain('접속자 수 (12시간)');
    expect(await logRow(r.id)).toMatchObject({ command_name: 'status', guild_id: null });
  });
});

describe('/config setup', () => {
  it('refuses a member who is not an Administrator, and logs the attempt', async () => {
    const r = await run({
      commandName: 'config',
      subcommand: 'setup',
      place: guild(),
      options: { channel: { type: 7, value: ALERTS } },
    });
    expect(r.content).toMatch(/Only server administrators/);
    expect(r.ephemeral).toBe(true);
    expect(await logRow(r.id)).toMatchObject({ command_name: 'config', subcommand: 'setup' });
    expect(await rows(stack.db.orm, 'select * from guild_configs where guild_id = ?', [GUILD_ID])).toEqual(
      [],
    );
  });

  it('asks for a channel in a server', async () => {
    const r = await run({
      commandName: 'config',
      subcommand: 'setup',
      place: guild({ memberPermissions: ADMIN }),
    });
    expect(r.content).toMatch(/Pick the channel for alerts/);
  });

  it('names the permissions the bot lacks in the chosen channel', async () => {
    const r = await run({
      commandName: 'config',
      subcommand: 'setup',
      place: guild({ memberPermissions: ADMIN }),
      options: { channel: { type: 7, value: MUTED } },
    });
    expect(r.content).toBe(
      `I cannot post in <#${MUTED}>: I need **Send Messages**, **Embed Links** there. Give my role those permissions, or pick another channel.`,
    );
  });

  it('refuses a channel that is not a text channel', async () => {
    const r = await run({
      commandName: 'config',
      subcommand: 'setup',
      place: guild({ memberPermissions: ADMIN }),
      options: { channel: { type: 7, value: VOICE } },
    });
    expect(r.content).toMatch(/is not a text or announcement channel/);
  });

  it('registers, then says nothing changed, then moves the channel', async () => {
    const setup = (channel: string) =>
      run({
        commandName: 'config',
        subcommand: 'setup',
        place: guild({ memberPermissions: ADMIN }),
        options: { channel: { type: 7, value: channel } },
      });
    expect((await setup(ALERTS)).content).toBe(`Done! VRChat alerts will be posted in <#${ALERTS}>.`);
    expect((await setup(ALERTS)).content).toBe(`Alerts already go to <#${ALERTS}>. Nothing changed.`);
    expect((await setup(GENERAL)).content).toBe(`Alerts moved from <#${ALERTS}> to <#${GENERAL}>.`);
    const [row] = await rows(
      stack.db.orm,
      'select channel_id, enabled, locale from guild_configs where guild_id = ?',
      [GUILD_ID],
    );
    expect(row).toEqual({ channel_id: GENERAL, enabled: 1, locale: 'en-US' });
  });

  it('registers a Korean server in Korean', async () => {
    const r = await run({
      commandName: 'config',
      subcommand: 'setup',
      locale: 'ko',
      place: { kind: 'guild', guildId: KO_GUILD_ID, memberPermissions: ADMIN },
      options: { channel: { type: 7, value: KO_CHANNEL } },
    });
    expect(r.content).toBe(`등록 완료! VRChat 알림이 <#${KO_CHANNEL}>에 올라옵니다.`);
    const [row] = await rows(stack.db.orm, 'select locale from guild_configs where guild_id = ?', [
      KO_GUILD_ID,
    ]);
    expect(row).toEqual({ locale: 'ko' });
  });

  it('registers DM alerts in the bot DM (user install), in either language', async () => {
    const en = fakeSnowflake();
    const ko = fakeSnowflake();
    const a = await run({ commandName: 'config', subcommand: 'setup', place: dm, user: { id: en } });
    expect(a.content).toBe('Done! You will get VRChat alerts in your DMs.');
    const b = await run({
      commandName: 'config',
      subcommand: 'setup',
      place: dm,
      user: { id: ko },
      locale: 'ko',
    });
    expect(b.content).toBe('등록 완료! VRChat 알림을 DM으로 보내 드립니다.');
    expect(
      await rows(
        stack.db.orm,
        'select user_id, enabled, locale from user_configs where user_id in (?, ?) order by locale',
        [en, ko],
      ),
    ).toEqual([
      { user_id: en, enabled: 1, locale: 'en-US' },
      { user_id: ko, enabled: 1, locale: 'ko' },
    ]);
  });

  it('explains that the bot must be in the server when only the user installed it', async () => {
    const user = fakeSnowflake();
    const r = await run({
      commandName: 'config',
      subcommand: 'setup',
      place: guild({ memberPermissions: ADMIN }),
      user: { id: user },
      authorizingIntegrationOwners: { '1': user },
      options: { channel: { type: 7, value: ALERTS } },
    });
    expect(r.content).toMatch(/VRCPulse is not a member of this server/);
  });
});

describe('/config show after VRCPulse switched a server off', () => {
  it('says what is wrong and how to fix it, and /config setup turns alerts on again', async () => {
    const guildId = fakeSnowflake();
    const channelId = fakeSnowflake();
    stack.discord.gateway.joinGuild({ id: guildId, systemChannelId: null, channels: [{ id: channelId }] });
    await registerRecipients(stack.db.orm, { guilds: [{ guildId, channelId }] });
    // what delivery does after the channel refused three alerts in a row for missing permissions
    await stack.db.orm.em
      .getConnection()
      .execute(
        `update guild_configs set enabled = 0, disabled_reason = 'missing_permissions', failure_streak = 3 where guild_id = ?`,
        [guildId],
      );
    const place = { kind: 'guild' as const, guildId, channelId };
    const show = await run({ commandName: 'config', subcommand: 'show', place });
    expect(show.embeds[0]?.description).toBe(
      `Alerts are off: <#${channelId}> refused three alerts in a row because I lack permissions there. Give my role **View Channel**, **Send Messages** and **Embed Links** in <#${channelId}>, then run \`/config setup\` to turn alerts on again.`,
    );
    await run({
      commandName: 'config',
      subcommand: 'setup',
      place: { ...place, memberPermissions: ADMIN },
      options: { channel: { type: 7, value: channelId } },
    });
    expect(
      await rows(
        stack.db.orm,
        'select enabled, disabled_reason, failure_streak from guild_configs where guild_id = ?',
        [guildId],
      ),
    ).toEqual([{ enabled: 1, disabled_reason: null, failure_streak: 0 }]);
  });
});

describe('/config show, language and unregister', () => {
  it('shows the welcome guide to someone never registered, in their language', async () => {
    const en = await run({ commandName: 'config', subcommand: 'show', place: dm });
    expect(en.embeds[0]?.title).toBe('VRChat alerts in your DMs');
    const ko = await run({ commandName: 'config', subcommand: 'show', place: dm, locale: 'ko' });
    expect(ko.embeds[0]?.title).toBe('DM으로 받는 VRChat 알림');
  });

  it('shows a registration, switches its language, and answers in the new language', async () => {
    const user = fakeSnowflake();
    await registerRecipients(stack.db.orm, { users: [{ userId: user }] });
    const show = await run({ commandName: 'config', subcommand: 'show', place: dm, user: { id: user } });
    expect(show.embeds[0]?.fields).toEqual([
      { name: 'Alerts', value: 'On', inline: true },
      { name: 'Channel', value: 'Your DMs', inline: true },
      { name: 'Language', value: 'Auto (now English)', inline: true },
      { name: 'Incidents and maintenances', value: 'One message each, kept up to date', inline: true },
      { name: 'Receives', value: 'Incidents, Maintenances, Status changes, Metrics, Player reports' },
      { name: 'Last alerts', value: 'None yet' },
    ]);
    const ko = await run({
      commandName: 'config',
      subcommand: 'language',
      place: dm,
      user: { id: user },
      options: { language: 'ko' },
    });
    expect(ko.content).toBe('이제 답장과 알림을 한국어(으)로 보냅니다.');
    // Every later reply follows the setting, whatever the client's locale.
    const again = await run({ commandName: 'config', subcommand: 'show', place: dm, user: { id: user } });
    expect(again.text).toMatch(HANGUL);
    const auto = await run({
      commandName: 'config',
      subcommand: 'language',
      place: dm,
      user: { id: user },
      options: { language: 'auto' },
    });
    expect(auto.content).toBe('Replies and alerts will follow the Discord language (now English).');
    const [row] = await rows(stack.db.orm, 'select language from user_configs where user_id = ?', [user]);
    expect(row).toEqual({ language: null });
    expect(await logRow(auto.id)).toMatchObject({
      command_name: 'config',
      subcommand: 'language',
      user_id: user,
    });
  });

  it('sets a server language (Administrator only)', async () => {
    const refused = await run({
      commandName: 'config',
      subcommand: 'language',
      place: guild(),
      options: { language: 'ko' },
    });
    expect(refused.content).toMatch(/Only server administrators/);
    const r = await run({
      commandName: 'config',
      subcommand: 'language',
      place: guild({ memberPermissions: ADMIN }),
      options: { language: 'ko' },
    });
    expect(r.content).toBe('이제 답장과 알림을 한국어(으)로 보냅니다.');
    // Replies in that server are now Korean for everyone.
    const status = await run({ commandName: 'status', place: guild() });
    expect(status.embeds[0]?.title).toBe('VRChat 상태');
    await run({
      commandName: 'config',
      subcommand: 'language',
      place: guild({ memberPermissions: ADMIN }),
      options: { language: 'auto' },
    });
  });

  it('chooses how incidents are posted, in DMs and (Administrator only) in a server', async () => {
    const user = fakeSnowflake();
    const refusedUnregistered = await run({
      commandName: 'config',
      subcommand: 'style',
      place: dm,
      user: { id: user },
      options: { style: 'separate' },
    });
    expect(refusedUnregistered.content).toMatch(/You are not registered for DM alerts yet/);
    await registerRecipients(stack.db.orm, { users: [{ userId: user }] });
    const separate = await run({
      commandName: 'config',
      subcommand: 'style',
      place: dm,
      user: { id: user },
      options: { style: 'separate' },
    });
    expect(separate.content).toBe('Every alert will be a new message.');
    expect(
      await rows(stack.db.orm, 'select style from alert_preferences where recipient = ?', [`user:${user}`]),
    ).toEqual([{ style: 'separate' }]);
    const show = await run({
      commandName: 'config',
      subcommand: 'show',
      place: dm,
      user: { id: user },
      locale: 'ko',
    });
    expect(show.embeds[0]?.fields).toContainEqual({
      name: '장애와 점검',
      value: '알림마다 새 메시지',
      inline: true,
    });
    const back = await run({
      commandName: 'config',
      subcommand: 'style',
      place: dm,
      user: { id: user },
      options: { style: 'lifecycle' },
    });
    expect(back.content).toMatch(/one message, kept up to date/);
    expect(await logRow(back.id)).toMatchObject({
      command_name: 'config',
      subcommand: 'style',
      user_id: user,
    });

    const refused = await run({
      commandName: 'config',
      subcommand: 'style',
      place: guild(),
      options: { style: 'separate' },
    });
    expect(refused.content).toMatch(/Only server administrators/);
  });

  it('refuses language and unregister when not registered', async () => {
    const user = fakeSnowflake();
    const lang = await run({
      commandName: 'config',
      subcommand: 'language',
      place: dm,
      user: { id: user },
      options: { language: 'en' },
    });
    expect(lang.content).toMatch(/You are not registered for DM alerts yet/);
    const unreg = await run({
      commandName: 'config',
      subcommand: 'unregister',
      place: dm,
      user: { id: user },
      locale: 'ko',
    });
    expect(unreg.content).toMatch(/아직 DM 알림을 받도록 등록하지 않았습니다/);
    expect(await logRow(unreg.id)).toMatchObject({ subcommand: 'unregister' });
  });

  it('shows previous settings of a disabled registration', async () => {
    const user = fakeSnowflake();
    await registerRecipients(stack.db.orm, { users: [{ userId: user, language: 'en', enabled: false }] });
    const r = await run({ commandName: 'config', subcommand: 'show', place: dm, user: { id: user } });
    expect(r.embeds[0]?.description).toMatch(/Alerts are off/);
    expect(r.embeds[0]?.fields?.[0]).toEqual({ name: 'Alerts', value: 'Off', inline: true });
    expect(r.embeds[0]?.fields?.[2]).toEqual({ name: 'Language', value: 'English', inline: true });
  });
});

describe('/config unregister buttons', () => {
  async function askToUnregister(user: string, locale = 'en-US') {
    await registerRecipients(stack.db.orm, { users: [{ userId: user }] });
    const r = await run({
      commandName: 'config',
      subcommand: 'unregister',
      place: dm,
      user: { id: user },
      locale,
    });
    const buttons = (
      r.responses.original?.components as { components: { custom_id: string; label: string }[] }[]
    )[0]!.components;
    return { r, confirm: buttons[0]!, cancel: buttons[1]! };
  }
  const enabledOf = async (user: string) =>
    (
      await rows<{ enabled: number }>(stack.db.orm, 'select enabled from user_configs where user_id = ?', [
        user,
      ])
    )[0]?.enabled;

  it('confirm turns alerts off (soft delete) and removes the buttons', async () => {
    const user = fakeSnowflake();
    const { r, confirm } = await askToUnregister(user);
    expect(r.content).toMatch(/^Stop VRChat alerts in your DMs\?/);
    expect(confirm.label).toBe('Stop alerts');
    const press = stack.discord.gateway.dispatchButton({
      customId: confirm.custom_id,
      fromInteraction: r.id,
      place: dm,
      user: { id: user },
    });
    const done = await stack.answer(press.id, (x) => x.edits.length > 0);
    expect(done.callback?.callbackType).toBe(6);
    expect(stack.discord.interactionResponses(r.id).original?.content).toBe(
      'Your DM alerts are off. `/config setup` turns them on again.',
    );
    expect(stack.discord.interactionResponses(r.id).original?.components).toEqual([]);
    expect(await enabledOf(user)).toBe(0);
    expect(
      await rows(stack.db.orm, 'select count(*) as n from user_configs where user_id = ?', [user]),
    ).toEqual([{ n: 1 }]);
  });

  it('buttons shown for a server never act on the presser’s DMs (as when the bot left the server)', async () => {
    const user = fakeSnowflake();
    const { r, confirm } = await askToUnregister(user);
    // the same button, rewritten as if it had been shown in a server
    const forServer = confirm.custom_id.replace(/:dm$/, `:g${REPORT_GUILD_ID}`);
    expect(forServer).not.toBe(confirm.custom_id);
    const press = stack.discord.gateway.dispatchButton({
      customId: forServer,
      fromInteraction: r.id,
      place: dm,
      user: { id: user },
    });
    await stack.answer(press.id, (x) => x.callback !== null && x.callback !== undefined);
    expect(stack.discord.interactionResponses(r.id).original?.content).toMatch(
      /^These buttons were for another registration/,
    );
    expect(await enabledOf(user)).toBe(1);
  });

  it('cancel keeps alerts on (Korean)', async () => {
    const user = fakeSnowflake();
    const { r, cancel } = await askToUnregister(user, 'ko');
    expect(cancel.label).toBe('유지하기');
    const press = stack.discord.gateway.dispatchButton({
      customId: cancel.custom_id,
      fromInteraction: r.id,
      place: dm,
      user: { id: user },
      locale: 'ko',
    });
    const done = await stack.answer(press.id);
    expect(done.callback?.callbackType).toBe(7);
    expect(stack.discord.interactionResponses(r.id).original?.content).toBe(
      '바뀐 것은 없습니다. 알림은 계속 켜져 있습니다.',
    );
    expect(await enabledOf(user)).toBe(1);
  });

  it('another user pressing gets a private refusal and changes nothing', async () => {
    const user = fakeSnowflake();
    const { r, confirm } = await askToUnregister(user);
    const press = stack.discord.gateway.dispatchButton({
      customId: confirm.custom_id,
      fromInteraction: r.id,
      place: dm,
      user: { id: fakeSnowflake() },
    });
    const done = await stack.answer(press.id);
    expect(done.callback?.callbackType).toBe(4);
    expect(done.callback?.content).toBe('Only the person who ran this command can use these buttons.');
    expect(done.callback?.flags).toBe(64);
    expect(await enabledOf(user)).toBe(1);
    expect(stack.discord.interactionResponses(r.id).original?.components).toHaveLength(1);
  });

  it('buttons expire after 15 minutes', async () => {
    const user = fakeSnowflake();
    const { r, confirm } = await askToUnregister(user);
    stack.clock.offsetMs = 15 * 60_000;
    try {
      const press = stack.discord.gateway.dispatchButton({
        customId: confirm.custom_id,
        fromInteraction: r.id,
        place: dm,
        user: { id: user },
      });
      const done = await stack.answer(press.id);
      expect(done.callback?.callbackType).toBe(7);
      expect(done.callback?.content).toBe('These buttons have expired. Run `/config unregister` again.');
      expect(await enabledOf(user)).toBe(1);
    } finally {
      stack.clock.offsetMs = 0;
    }
  });

  it('works for a server registration, Administrator only', async () => {
    const guildId = KO_GUILD_ID;
    const refused = await run({
      commandName: 'config',
      subcommand: 'unregister',
      place: { kind: 'guild', guildId },
      locale: 'ko',
    });
    expect(refused.content).toMatch(/서버 관리자만/);
    const admin = fakeSnowflake();
    const r = await run({
      commandName: 'config',
      subcommand: 'unregister',
      place: { kind: 'guild', guildId, memberPermissions: ADMIN },
      locale: 'ko',
      user: { id: admin },
    });
    expect(r.content).toMatch(new RegExp(`^<#${KO_CHANNEL}>의 VRChat 알림을 끌까요\\?`));
    const buttons = (r.responses.original?.components as { components: { custom_id: string }[] }[])[0]!
      .components;
    const press = stack.discord.gateway.dispatchButton({
      customId: buttons[0]!.custom_id,
      fromInteraction: r.id,
      place: { kind: 'guild', guildId, memberPermissions: ADMIN },
      locale: 'ko',
      user: { id: admin },
    });
    await stack.answer(press.id, (x) => x.edits.length > 0);
    expect(stack.discord.interactionResponses(r.id).original?.content).toBe(
      '이 서버의 알림을 껐습니다. `/설정 등록`으로 다시 켤 수 있습니다.',
    );
    expect(
      await rows(stack.db.orm, 'select enabled from guild_configs where guild_id = ?', [guildId]),
    ).toEqual([{ enabled: 0 }]);
  });
});

describe('/report', () => {
  it('files a report in a registered server, then refuses a second one within 5 minutes', async () => {
    const user = fakeSnowflake();
    const first = await run({
      commandName: 'report',
      place: reportGuild,
      user: { id: user },
      options: { type: 'login', details: 'stuck at loading' },
    });
    expect(first.content).toBe(
      'Thanks! Your **Login** report is in.\nNobody else has reported this in the last 60 minutes.\n' +
        'An alert goes out at 5 players from at least 2 places (each server is one, DMs together are one); so far 1 player from 1 place.',
    );
    expect(first.ephemeral).toBe(true);
    const second = await run({
      commandName: 'report',
      place: reportGuild,
      user: { id: user },
      options: { type: 'api' },
    });
    expect(second.content).toMatch(
      /^You reported a problem a moment ago\. You can report again <t:\d+:R>\.$/,
    );
    expect(await logRow(first.id)).toMatchObject({
      command_name: 'report',
      guild_id: REPORT_GUILD_ID,
      user_id: user,
    });
    expect(await logRow(second.id)).toMatchObject({ command_name: 'report' });
    const reports = await rows(
      stack.db.orm,
      'select incident_type, content, guild_id from user_reports where user_id = ?',
      [user],
    );
    expect(reports).toEqual([
      { incident_type: 'login', content: 'stuck at loading', guild_id: REPORT_GUILD_ID },
    ]);
  });

  it('counts the others who reported the same type (Korean)', async () => {
    const r = await run({
      commandName: 'report',
      place: reportGuild,
      locale: 'ko',
      options: { type: 'login' },
    });
    expect(r.content).toBe(
      '제보 감사합니다! **로그인** 문제 제보가 접수되었습니다.\n최근 60분 동안 다른 1명도 같은 문제를 제보했습니다.\n' +
        '서로 다른 2곳 이상(서버마다 1곳, DM은 모두 합쳐 1곳)에서 5명이 제보하면 알림이 나갑니다. 지금까지 1곳에서 2명입니다.',
    );
  });

  it('gives an unregistered user the introduction in their DM, in Korean', async () => {
    const r = await run({ commandName: 'report', place: dm, locale: 'ko', options: { type: 'auth' } });
    expect(r.content).toMatch(/아직 DM 알림을 받도록 등록하지 않았습니다/);
    expect(r.embeds[0]?.title).toBe('DM으로 받는 VRChat 알림');
    expect(await logRow(r.id)).toMatchObject({ command_name: 'report', guild_id: null });
  });

  it('files a report from a registered user by DM (user install)', async () => {
    const user = fakeSnowflake();
    await registerRecipients(stack.db.orm, { users: [{ userId: user }] });
    const r = await run({
      commandName: 'report',
      place: dm,
      user: { id: user },
      options: { type: 'download' },
    });
    expect(r.content).toMatch(/^Thanks! Your \*\*Downloads\*\* report is in\./);
  });

  it('tells an unregistered server how to register', async () => {
    const r = await run({
      commandName: 'report',
      place: { kind: 'guild', guildId: UNREGISTERED_GUILD_ID },
      options: { type: 'other' },
    });
    expect(r.content).toBe(
      'This server is not registered for alerts yet. An administrator can run `/config setup`.',
    );
  });

  it('refuses details over 500 characters with the count, and logs the attempt', async () => {
    const r = await run({
      commandName: 'report',
      place: reportGuild,
      options: { type: 'other', details: 'x'.repeat(501) },
    });
    expect(r.content).toBe('Your details are 501 characters long; at most 500 are allowed.');
    expect(await logRow(r.id)).toMatchObject({ command_name: 'report' });
  });
});

describe('every command and subcommand, in a server and in the bot DM, in English and Korean', () => {
  const OWNER_ID = '1190000000000000002'; // the fake application's owner
  const variants: {
    name: string;
    spec: Omit<ChatInputInteractionSpec, 'place' | 'locale' | 'user'>;
    owner?: boolean;
  }[] = [
    { name: '/status', spec: { commandName: 'status' } },
    { name: '/report', spec: { commandName: 'report', options: { type: 'instance' } } },
    {
      name: '/config setup',
      spec: {
        commandName: 'config',
        subcommand: 'setup',
        options: { channel: { type: 7, value: REPORT_CHANNEL } },
      },
    },
    { name: '/config show', spec: { commandName: 'config', subcommand: 'show' } },
    {
      name: '/config language',
      spec: { commandName: 'config', subcommand: 'language', options: { language: 'auto' } },
    },
    { name: '/config unregister', spec: { commandName: 'config', subcommand: 'unregister' } },
    {
      name: '/admin config show',
      spec: { commandName: 'admin', subcommandGroup: 'config', subcommand: 'show' },
      owner: true,
    },
    {
      name: '/admin config set',
      spec: {
        commandName: 'admin',
        subcommandGroup: 'config',
        subcommand: 'set',
        options: { key: 'report_interval', value: '60' },
      },
      owner: true,
    },
    {
      name: '/admin config reset',
      spec: {
        commandName: 'admin',
        subcommandGroup: 'config',
        subcommand: 'reset',
        options: { key: 'report_interval' },
      },
      owner: true,
    },
  ];
  const cases = variants.flatMap((v) =>
    (['guild', 'dm'] as const).flatMap((where) =>
      (['en-US', 'ko'] as const).map((locale) => ({ ...v, where, locale })),
    ),
  );

  it.each(cases)(
    '$name in $where, locale $locale: answered in that language and logged',
    async ({ spec, where, locale, owner }) => {
      // A fresh, registered invoker each time, so cooldowns and earlier settings do not interfere.
      const user = owner ? OWNER_ID : fakeSnowflake();
      if (!owner) await registerRecipients(stack.db.orm, { users: [{ userId: user }] });
      const place: InteractionPlace =
        where === 'guild'
          ? { kind: 'guild', guildId: REPORT_GUILD_ID, memberPermissions: ADMIN }
          : { kind: 'dm' };
      // The channel option exists only in the guild (in DMs setup registers the user).
      const options = where === 'dm' && spec.subcommand === 'setup' ? {} : spec.options;
      const r = await run({ ...spec, options, place, locale, user: { id: user } });
      expect(r.text.length).toBeGreaterThan(20);
      if (locale === 'ko') expect(r.text).toMatch(HANGUL);
      else expect(r.text).not.toMatch(HANGUL);
      // The command did its job: no error and no refusal, in either language.
      expect(r.text).not.toMatch(
        /Something went wrong|처리 중에 문제가|not a text|cannot post|Only server administrators|only for the owners|not registered|텍스트 채널|글을 올릴 수 없|관리자만|운영자만|등록되지 않았|등록하지 않았/,
      );
      expect(await logRow(r.id)).toMatchObject({
        command_name: spec.commandName,
        user_id: user,
        guild_id: where === 'guild' ? REPORT_GUILD_ID : null,
      });
    },
  );
});
