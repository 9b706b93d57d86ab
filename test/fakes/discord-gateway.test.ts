/**
 * The fake gateway and interaction endpoints, driven by the real discord.js 14.28.1 Client: login
 * through GET /gateway/bot, HELLO/IDENTIFY/READY/GUILD_CREATE, chat-input interactions in guild and
 * user-install DM context, deferReply + editReply, a button, a guild join, guild roles (GUILD_CREATE,
 * GUILD_ROLE_CREATE / GUILD_ROLE_DELETE, role options), and a clean destroy.
 */
import {
  ApplicationIntegrationType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Guild,
  type Interaction,
  type Role,
} from 'discord.js';
import { fakeSnowflake, FAKE_DISCORD_TOKEN, startFakeDiscord, type FakeDiscord } from './discord-server';

let fake: FakeDiscord;
let client: Client;
let guildId: string;
let channelId: string;
let watchersRoleId: string;

/** The next interaction the client emits. */
function nextInteraction<T extends Interaction>(): Promise<T> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, (i) => resolve(i as T)));
}

beforeAll(async () => {
  fake = await startFakeDiscord();
  const guild = fake.gateway.addGuild({
    name: 'Pulse Lab',
    preferredLocale: 'ko',
    roles: [{ name: 'Pulse Watchers', mentionable: true }],
  });
  guildId = guild.id;
  channelId = guild.channels[0]?.id ?? '';
  watchersRoleId = guild.roles[0]?.id ?? '';
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiBaseUrl },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(FAKE_DISCORD_TOKEN);
  await ready;
  await fake.gateway.waitForConnected();
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

test('login: IDENTIFY carries the token and Guilds intent; READY and GUILD_CREATE fill the caches', () => {
  expect(fake.gateway.identifies).toHaveLength(1);
  expect(fake.gateway.identifies[0]).toMatchObject({
    token: FAKE_DISCORD_TOKEN,
    intents: GatewayIntentBits.Guilds,
  });
  expect(client.user?.id).toBe(fake.applicationId);
  expect(client.application?.id).toBe(fake.applicationId);
  const guild = client.guilds.cache.get(guildId);
  expect(guild?.available).toBe(true);
  expect(guild?.name).toBe('Pulse Lab');
  expect(guild?.preferredLocale).toBe('ko');
  expect(guild?.systemChannelId).toBe(channelId);
  const me = guild?.members.me;
  expect(me?.id).toBe(fake.applicationId);
  const channel = guild?.channels.cache.get(channelId);
  expect(channel && me ? channel.permissionsFor(me).has(['SendMessages', 'EmbedLinks']) : false).toBe(true);
});

test('guild chat-input command: options, locale, owners; deferReply + editReply within the window', async () => {
  const received = nextInteraction<ChatInputCommandInteraction>();
  const userId = fakeSnowflake();
  const sent = fake.gateway.dispatchInteraction({
    commandName: 'config',
    subcommand: 'language',
    options: { language: 'ko' },
    place: { kind: 'guild', guildId, memberPermissions: '8' },
    user: { id: userId },
    locale: 'ko',
  });
  const interaction = await received;
  expect(interaction.id).toBe(sent.id);
  expect(interaction.isChatInputCommand()).toBe(true);
  expect(interaction.inGuild()).toBe(true);
  expect(interaction.guildId).toBe(guildId);
  expect(interaction.channelId).toBe(channelId);
  expect(interaction.commandName).toBe('config');
  expect(interaction.options.getSubcommand()).toBe('language');
  expect(interaction.options.getString('language', true)).toBe('ko');
  expect(interaction.locale).toBe('ko');
  expect(interaction.guildLocale).toBe('ko');
  expect(interaction.user.id).toBe(userId);
  expect(interaction.memberPermissions?.has('Administrator')).toBe(true);
  expect(interaction.authorizingIntegrationOwners.guildId).toBe(guildId);
  expect(interaction.context).toBe(0);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await interaction.editReply({ content: '언어를 바꿨습니다', embeds: [{ title: 'ok' }] });
  expect(reply.content).toBe('언어를 바꿨습니다');

  const log = fake.interactionResponses(sent.id);
  expect(log.callback).toMatchObject({ callbackType: 5, status: 204, flags: MessageFlags.Ephemeral });
  expect(log.callback?.afterMs).toBeLessThan(3000);
  expect(log.edits).toHaveLength(1);
  expect(log.original).toMatchObject({ content: '언어를 바꿨습니다', embeds: [{ title: 'ok' }], flags: 64 });
  expect(log.ephemeral).toBe(true);

  // A second acknowledgement is refused like Discord does.
  await expect(interaction.reply('again')).rejects.toThrow(); // discord.js refuses locally
  const second = await fetch(`${fake.apiBaseUrl}/v10/interactions/${sent.id}/${sent.token}/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 4, data: { content: 'again' } }),
  });
  expect(second.status).toBe(400);
  expect(await second.json()).toMatchObject({ code: 40060 });
});

test('user-install DM command: no guild, owners by user, follow-up through the webhook', async () => {
  const received = nextInteraction<ChatInputCommandInteraction>();
  const userId = fakeSnowflake();
  const sent = fake.gateway.dispatchInteraction({
    commandName: 'status',
    place: { kind: 'dm' },
    user: { id: userId },
    locale: 'en-US',
  });
  const interaction = await received;
  expect(interaction.inGuild()).toBe(false);
  expect(interaction.guildId).toBeNull();
  expect(interaction.member).toBeNull();
  expect(interaction.user.id).toBe(userId);
  expect(interaction.locale).toBe('en-US');
  expect(interaction.context).toBe(1);
  expect(interaction.authorizingIntegrationOwners.userId).toBe(userId);
  expect(interaction.authorizingIntegrationOwners[ApplicationIntegrationType.GuildInstall]).toBeUndefined();
  // Without Partials.Channel discord.js does not cache (or expose) the DM channel, only its id.
  expect(interaction.channelId).toBe(sent.channelId);
  expect(interaction.channel).toBeNull();

  await interaction.reply({ content: 'All systems operational' });
  await interaction.followUp({ content: 'more' });
  const fetched = await interaction.fetchReply();
  expect(fetched.content).toBe('All systems operational');
  const log = fake.interactionResponses(sent.id);
  expect(log.callback).toMatchObject({ callbackType: 4, content: 'All systems operational' });
  expect(log.followUps.map((r) => r.content)).toEqual(['more']);
  expect(log.ephemeral).toBe(false);
});

test('late callback: 404 10062 after the 3 s window (checked on a short-window fake)', async () => {
  const short = await startFakeDiscord({ interactionAckWindowMs: 50 });
  const shortClient = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: short.apiBaseUrl } });
  try {
    await shortClient.login(FAKE_DISCORD_TOKEN);
    await short.gateway.waitForConnected();
    const received = new Promise<ChatInputCommandInteraction>((resolve) =>
      shortClient.once(Events.InteractionCreate, (i) => resolve(i as ChatInputCommandInteraction)),
    );
    const sent = short.gateway.dispatchInteraction({ commandName: 'status', place: { kind: 'private' } });
    const interaction = await received;
    expect(interaction.context).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    await expect(interaction.deferReply()).rejects.toMatchObject({ code: 10062, status: 404 });
    expect(short.interactionResponses(sent.id).callback).toBeUndefined();
  } finally {
    await shortClient.destroy();
    await short.close();
  }
});

test('button on a reply: deferUpdate then editReply changes the message the button is on', async () => {
  const commandReceived = nextInteraction<ChatInputCommandInteraction>();
  const command = fake.gateway.dispatchInteraction({
    commandName: 'config',
    subcommand: 'unregister',
    place: { kind: 'guild', guildId },
  });
  const commandInteraction = await commandReceived;
  await commandInteraction.reply({
    content: 'Unregister?',
    components: [
      { type: 1, components: [{ type: 2, style: 4, custom_id: 'unregister:confirm', label: 'Confirm' }] },
    ],
  });

  const buttonReceived = nextInteraction<ButtonInteraction>();
  const press = fake.gateway.dispatchButton({
    customId: 'unregister:confirm',
    fromInteraction: command.id,
    place: { kind: 'guild', guildId },
  });
  const button = await buttonReceived;
  expect(button.isButton()).toBe(true);
  expect(button.customId).toBe('unregister:confirm');
  expect(button.message.id).toBe(fake.interactionResponses(command.id).original?.id);
  expect(button.message.content).toBe('Unregister?');

  await button.deferUpdate();
  await button.editReply({ content: 'Unregistered', components: [] });
  const log = fake.interactionResponses(press.id);
  expect(log.callback).toMatchObject({ callbackType: 6 });
  expect(log.original).toMatchObject({ content: 'Unregistered', components: [] });
  expect(log.original?.id).toBe(fake.interactionResponses(command.id).original?.id);
});

test('joinGuild: the client emits guildCreate with the new guild', async () => {
  const created = new Promise<Guild>((resolve) => client.once(Events.GuildCreate, resolve));
  const joined = fake.gateway.joinGuild({ name: 'New Friends', preferredLocale: 'en-US' });
  const guild = await created;
  expect(guild.id).toBe(joined.id);
  expect(guild.systemChannelId).toBe(joined.systemChannelId);
  expect(client.guilds.cache.has(joined.id)).toBe(true);
});

test('extra guild roles from GUILD_CREATE are in guild.roles.cache after ready', () => {
  const guild = client.guilds.cache.get(guildId);
  const watchers = guild?.roles.cache.get(watchersRoleId);
  expect(watchers?.name).toBe('Pulse Watchers');
  expect(watchers?.mentionable).toBe(true);
  expect(watchers?.managed).toBe(false);
  expect(watchers?.position).toBe(2);
  expect(watchers?.permissions.bitfield).toBe(BigInt(fake.gateway.guild(guildId)?.everyonePermissions ?? 0));
  // @everyone and the bot's managed role are still there, below it.
  expect(guild?.roles.everyone.id).toBe(guildId);
  expect(guild?.roles.botRoleFor(fake.applicationId)?.id).toBe(fake.gateway.guild(guildId)?.botRoleId);
  expect(guild?.roles.cache.size).toBe(3);
});

test('createRole: the client emits roleCreate and caches the role; deleteRole: roleDelete and it is gone', async () => {
  const created = new Promise<Role>((resolve) => client.once(Events.GuildRoleCreate, resolve));
  const roleId = fake.gateway.createRole(guildId, {
    name: 'Incident Squad',
    permissions: '0',
    mentionable: true,
  });
  const role = await created;
  expect(role.id).toBe(roleId);
  expect(role.guild.id).toBe(guildId);
  expect(role.name).toBe('Incident Squad');
  expect(role.mentionable).toBe(true);
  expect(role.position).toBe(3);
  expect(role.permissions.bitfield).toBe(0n);
  expect(client.guilds.cache.get(guildId)?.roles.cache.get(roleId)?.name).toBe('Incident Squad');
  expect(fake.gateway.guild(guildId)?.roles.map((r) => r.id)).toEqual([watchersRoleId, roleId]);

  const deleted = new Promise<Role>((resolve) => client.once(Events.GuildRoleDelete, resolve));
  fake.gateway.deleteRole(guildId, roleId);
  const gone = await deleted;
  expect(gone.id).toBe(roleId);
  expect(client.guilds.cache.get(guildId)?.roles.cache.has(roleId)).toBe(false);
  expect(fake.gateway.guild(guildId)?.roles.map((r) => r.id)).toEqual([watchersRoleId]);
  // @everyone and managed roles cannot be deleted, unknown ones neither.
  expect(() => fake.gateway.deleteRole(guildId, guildId)).toThrow(/cannot be deleted/);
  expect(() => fake.gateway.deleteRole(guildId, roleId)).toThrow(/no role/);
});

test('role options: resolved.roles gives getRole the role; channels still resolve alongside', async () => {
  const received = nextInteraction<ChatInputCommandInteraction>();
  fake.gateway.dispatchInteraction({
    commandName: 'config',
    subcommand: 'mention',
    options: { role: { type: 8, value: watchersRoleId }, channel: { type: 7, value: channelId } },
    place: { kind: 'guild', guildId, memberPermissions: '8' },
  });
  const interaction = await received;
  const role = interaction.options.getRole('role', true);
  expect(role.id).toBe(watchersRoleId);
  expect(role.name).toBe('Pulse Watchers');
  expect(interaction.options.getChannel('channel', true).id).toBe(channelId);

  const unknownId = fakeSnowflake();
  const unknownReceived = nextInteraction<ChatInputCommandInteraction>();
  fake.gateway.dispatchInteraction({
    commandName: 'config',
    subcommand: 'mention',
    options: { role: { type: 8, value: unknownId } },
    place: { kind: 'guild', guildId },
  });
  const unknown = (await unknownReceived).options.getRole('role', true);
  expect(unknown.id).toBe(unknownId);
  expect(unknown.name).toBe('unknown-role');
});

test('roles created and deleted after READY are in the next GUILD_CREATE (a second connection)', async () => {
  const keptId = fake.gateway.createRole(guildId, { name: 'Kept' });
  const droppedId = fake.gateway.createRole(guildId, { name: 'Dropped' });
  fake.gateway.deleteRole(guildId, droppedId);
  const second = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBaseUrl } });
  try {
    const ready = new Promise<void>((resolve) => second.once(Events.ClientReady, () => resolve()));
    await second.login(FAKE_DISCORD_TOKEN);
    await ready;
    const roles = second.guilds.cache.get(guildId)?.roles.cache;
    expect(roles?.get(keptId)?.name).toBe('Kept');
    expect(roles?.get(keptId)?.position).toBe(3);
    expect(roles?.has(droppedId)).toBe(false);
    expect(roles?.get(watchersRoleId)?.name).toBe('Pulse Watchers');
  } finally {
    await second.destroy();
    fake.gateway.deleteRole(guildId, keptId);
  }
});

test('a wrong token is refused by REST (401) before the gateway is even tried', async () => {
  const bad = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBaseUrl } });
  try {
    await expect(bad.login('wrong')).rejects.toMatchObject({ code: 'TokenInvalid' });
  } finally {
    await bad.destroy();
  }
});

test('privileged intents that the app has not enabled close the gateway with 4014', async () => {
  const greedy = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    rest: { api: fake.apiBaseUrl },
  });
  try {
    await expect(greedy.login(FAKE_DISCORD_TOKEN)).rejects.toThrow(/intent/i);
  } finally {
    await greedy.destroy();
  }
});

test('webhook edits stop working when the token expires (401 50027), on a short-TTL fake', async () => {
  const short = await startFakeDiscord({ interactionTokenTtlMs: 100 });
  const shortClient = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: short.apiBaseUrl } });
  try {
    await shortClient.login(FAKE_DISCORD_TOKEN);
    await short.gateway.waitForConnected();
    const received = new Promise<ChatInputCommandInteraction>((resolve) =>
      shortClient.once(Events.InteractionCreate, (i) => resolve(i as ChatInputCommandInteraction)),
    );
    const sent = short.gateway.dispatchInteraction({ commandName: 'report', place: { kind: 'dm' } });
    const interaction = await received;
    await interaction.deferReply();
    expect(short.interactionResponses(sent.id).original?.flags).toBe(128); // loading
    await new Promise((r) => setTimeout(r, 150));
    await expect(interaction.editReply('late')).rejects.toMatchObject({ code: 50027, status: 401 });
    expect(short.interactionResponses(sent.id).edits).toHaveLength(0);
  } finally {
    await shortClient.destroy();
    await short.close();
  }
});
