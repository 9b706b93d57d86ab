/**
 * A minimal Discord gateway (v10, JSON, no compression) that shares the HTTP server of the REST fake
 * (discord-server.ts), so `GET /gateway/bot`'s `ws://127.0.0.1:P` is right as is. Tests use it as
 * `fake.gateway` to drive the real discord.js Client the way Discord does.
 *
 * What it speaks (developers/events/gateway.mdx in discord/discord-api-docs):
 * - On connect: op 10 HELLO `{heartbeat_interval}`. Op 1 heartbeat is answered with op 11 ACK.
 * - Op 2 IDENTIFY: the token must match (else close 4004), privileged intents must be allowed (else
 *   4014); then op 0 READY (user, application {id, flags}, guilds as unavailable stubs, session_id,
 *   resume_gateway_url) and one GUILD_CREATE per guild, which discord.js waits for before `clientReady`.
 * - Op 6 RESUME is not supported: it gets op 9 INVALID_SESSION `false`, so the client identifies again.
 * - Other closes: 4001 unknown opcode, 4002 undecodable payload, 4003 payload before IDENTIFY,
 *   4005 second IDENTIFY, 4012 wrong `v`, 4000 when a test asks via `disconnect()`.
 * - Sharding: IDENTIFY's `shard: [id, count]` (default [0, 1]). A shard gets the guilds with
 *   `(guild_id >> 22) % count == id` in READY, and their events and interactions; DMs go to shard 0.
 *   `id >= count` closes 4010 (invalid shard), fewer shards than `requiredShards` 4011 (sharding
 *   required). `GET /gateway/bot` recommends `recommendedShards`.
 * - Test controls: `addGuild` (before connect), `joinGuild` / `leaveGuild` (after), `createRole` /
 *   `deleteRole` (GUILD_ROLE_CREATE / GUILD_ROLE_DELETE), and `dispatchInteraction` for
 *   INTERACTION_CREATE (chat-input commands in guild or user-install DM context, with channel and role
 *   options resolved in `data.resolved`, and button presses). Interactions are registered with the
 *   REST fake, which enforces the 3 s / 15 min windows on the callback and webhook endpoints.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

// ---------------------------------------------------------------------------------------------------
// Public types

/** Permission bits the fake uses in defaults (discord-api-types PermissionFlagsBits). */
export const PERMISSION = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
} as const;

/** What @everyone may do in a fresh server, roughly: view, talk, embed, react, use commands. */
export const DEFAULT_EVERYONE_PERMISSIONS = (
  PERMISSION.ViewChannel |
  PERMISSION.SendMessages |
  PERMISSION.EmbedLinks |
  PERMISSION.AttachFiles |
  PERMISSION.AddReactions |
  PERMISSION.ReadMessageHistory |
  PERMISSION.UseExternalEmojis |
  PERMISSION.UseApplicationCommands
).toString();

/** The bot's managed role: what an invite asking for send + embed grants. */
export const DEFAULT_BOT_PERMISSIONS = (
  PERMISSION.ViewChannel |
  PERMISSION.SendMessages |
  PERMISSION.EmbedLinks |
  PERMISSION.ReadMessageHistory
).toString();

/** Privileged intents (GuildMembers, GuildPresences, MessageContent). */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

export interface FakeChannelSpec {
  id?: string;
  name?: string;
  /** Channel type; default 0 (GUILD_TEXT). */
  type?: number;
  /** Raw Discord overwrites `{id, type (0 role, 1 member), allow, deny}`. Default none. */
  permissionOverwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
}

/** An extra role of a guild (besides @everyone and the bot's managed role). */
export interface FakeRoleSpec {
  id?: string;
  /** Default `Role NNNN` (the id's last digits). */
  name?: string;
  /** Decimal permission bits. Default: the guild's @everyone permissions (what Discord gives a new role). */
  permissions?: string;
  /** Default false. */
  mentionable?: boolean;
}

export interface FakeGuildSpec {
  id?: string;
  name?: string;
  /** Default 'en-US'. */
  preferredLocale?: string;
  /** Default: the REST fake's owner id. */
  ownerId?: string;
  /** Default: one text channel named 'general'. */
  channels?: FakeChannelSpec[];
  /** The system channel's id; default the first channel, `null` for none. */
  systemChannelId?: string | null;
  /** @everyone's permissions (decimal string). Default {@link DEFAULT_EVERYONE_PERMISSIONS}. */
  everyonePermissions?: string;
  /** The bot's managed role permissions. Default {@link DEFAULT_BOT_PERMISSIONS}. */
  botPermissions?: string;
  /**
   * Extra roles, sent in GUILD_CREATE after @everyone (position 0) and the bot's role (1), at
   * positions 2, 3, ... in this order. Default none.
   */
  roles?: FakeRoleSpec[];
  /** Default 2 (the owner and the bot). */
  memberCount?: number;
  /** When the bot joined. Default now. */
  joinedAt?: Date;
}

/** A guild as the fake knows it, every id filled in. */
export interface FakeGuild {
  id: string;
  name: string;
  preferredLocale: string;
  ownerId: string;
  channels: Required<FakeChannelSpec>[];
  systemChannelId: string | null;
  everyoneRoleId: string;
  everyonePermissions: string;
  botRoleId: string;
  botPermissions: string;
  /** The extra roles (not @everyone nor the bot's), lowest first; `createRole` / `deleteRole` change it. */
  roles: Required<FakeRoleSpec>[];
  memberCount: number;
  joinedAt: Date;
}

export interface FakeUserSpec {
  id?: string;
  username?: string;
  globalName?: string | null;
}

/** Where an interaction happens. */
export type InteractionPlace =
  | {
      kind: 'guild';
      guildId: string;
      /** Default: the guild's first channel. */
      channelId?: string;
      /** The invoker's computed permissions in the channel. Default: the guild's @everyone permissions. */
      memberPermissions?: string;
      memberRoles?: string[];
    }
  /** User-install, in the bot's DM (context 1). */
  | { kind: 'dm'; channelId?: string }
  /** User-install, in a DM or group DM between users (context 2). */
  | { kind: 'private'; channelId?: string };

export type OptionValue = string | number | boolean | { type: number; value: string | number | boolean };

interface InteractionCommon {
  place: InteractionPlace;
  /** Default: a fresh user. */
  user?: FakeUserSpec;
  /** The invoker's client locale. Default 'en-US'. */
  locale?: string;
  /** Default: the bot's permissions in the guild; in DMs a DM's usual set. */
  appPermissions?: string;
  /** Replaces the computed `authorizing_integration_owners`. */
  authorizingIntegrationOwners?: Record<string, string>;
}

export interface ChatInputInteractionSpec extends InteractionCommon {
  commandName: string;
  /** Default: a stable id per command name. */
  commandId?: string;
  subcommandGroup?: string;
  subcommand?: string;
  /**
   * Option values by name. Strings become type 3, booleans 5, integers 4, other numbers 10; give
   * `{type, value}` for anything else (e.g. 6 user, 7 channel, 8 role). Channel (7) and role (8)
   * options are resolved in `data.resolved.channels` / `data.resolved.roles`.
   */
  options?: Record<string, OptionValue>;
}

export interface ButtonInteractionSpec extends InteractionCommon {
  customId: string;
  /** The message carrying the button: the @original reply of this interaction (as the REST fake has it). */
  fromInteraction?: string;
  /** Or a message object of your own (merged over a default message from the bot). */
  message?: Record<string, unknown>;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
  applicationId: string;
  channelId: string;
  guildId: string | null;
  userId: string;
  /** `Date.now()` when INTERACTION_CREATE was sent. */
  at: number;
}

export interface IdentifyRecord {
  token: string;
  intents: number;
  shard?: [number, number];
  properties: unknown;
  at: number;
}

/** A presence the client set (IDENTIFY's `presence`, or op 3 Presence Update), as received. */
export interface PresenceRecord {
  /** Which shard's connection sent it (0 when unsharded). */
  shard: number;
  status: string;
  activities: { name: string; type: number; state?: string | null }[];
  at: number;
}

export interface FakeGateway {
  /** The `ws://127.0.0.1:P` URL (same port as REST). */
  readonly url: string;
  /** Every presence the client set, oldest first (gateway.mdx "Update Presence"). */
  readonly presences: readonly PresenceRecord[];
  /** Every IDENTIFY, oldest first (rejected ones included). */
  readonly identifies: readonly IdentifyRecord[];
  /** Heartbeats received (op 1 from the client). */
  readonly heartbeats: number;
  /** WebSocket connections accepted so far. */
  readonly connections: number;
  /** The guilds the bot is in. */
  readonly guilds: readonly FakeGuild[];
  /** Adds a guild to READY for later connections; no event is sent. Returns the filled-in guild. */
  addGuild(spec?: FakeGuildSpec): FakeGuild;
  /** The bot is invited: adds the guild and sends GUILD_CREATE to the connected client. */
  joinGuild(spec?: FakeGuildSpec): FakeGuild;
  /** The bot is removed: sends GUILD_DELETE `{id}` (no `unavailable`). */
  leaveGuild(guildId: string): void;
  /** A server setting changes (name, preferred locale, system channel): sends GUILD_UPDATE. */
  updateGuild(
    guildId: string,
    changes: Partial<Pick<FakeGuild, 'name' | 'preferredLocale' | 'systemChannelId'>>,
  ): FakeGuild;
  guild(guildId: string): FakeGuild | undefined;
  /**
   * A role is created in the guild: adds it to `guild.roles` (so later GUILD_CREATEs carry it) and
   * sends GUILD_ROLE_CREATE `{guild_id, role}` to every ready connection holding the guild (none
   * connected: no event). Returns the role's id.
   */
  createRole(guildId: string, spec?: FakeRoleSpec): string;
  /**
   * A role is deleted: removes it from `guild.roles` and sends GUILD_ROLE_DELETE `{guild_id, role_id}`
   * to every ready connection holding the guild. Only extra roles can be deleted (Discord refuses to
   * delete @everyone and managed roles).
   */
  deleteRole(guildId: string, roleId: string): void;
  /** Sends INTERACTION_CREATE (type 2, chat input) to the ready client. */
  dispatchInteraction(spec: ChatInputInteractionSpec): DispatchedInteraction;
  /** Sends INTERACTION_CREATE (type 3, button) to the ready client. */
  dispatchButton(spec: ButtonInteractionSpec): DispatchedInteraction;
  /** Resolves once a client has identified and received READY and every GUILD_CREATE. */
  waitForConnected(timeoutMs?: number): Promise<void>;
  /** Closes the live connection (of `shard`, default the last ready) with a gateway close code (default 4000). */
  disconnect(code?: number, reason?: string, shard?: number): void;
  /** The shards ready now, as [id, count], by shard id. */
  readonly readyShards: readonly [number, number][];
  /** Closes every connection (1001) and stops accepting new ones. */
  close(): Promise<void>;
}

/** An interaction the gateway sent, handed to the REST fake for the callback/webhook checks. */
export interface RegisteredInteraction {
  id: string;
  token: string;
  applicationId: string;
  /** 2 application command, 3 component. */
  type: 2 | 3;
  channelId: string;
  guildId: string | null;
  userId: string;
  /** The invoking user object, as sent. */
  user: Record<string, unknown>;
  /** The interaction's `authorizing_integration_owners`. */
  authorizingIntegrationOwners: Record<string, string>;
  /** For components: the message the component is on, as sent. */
  message?: Record<string, unknown>;
  at: number;
}

/** What the gateway needs from the REST fake it is attached to. */
export interface GatewayHost {
  token: string;
  applicationId: string;
  ownerId: string;
  botUser: Record<string, unknown>;
  snowflake(): string;
  /** `ws://127.0.0.1:P`, known once the server listens. */
  gatewayUrl(): string;
  registerInteraction(interaction: RegisteredInteraction): void;
  /** The @original message of an interaction as a Discord message object, if one exists. */
  originalMessage(interactionId: string): Record<string, unknown> | undefined;
}

export interface GatewayOptions {
  /** HELLO's heartbeat_interval. Default 41,250 ms like Discord. */
  heartbeatIntervalMs?: number;
  /** Privileged intent bits the app has enabled. Default 0 (none). */
  allowedPrivilegedIntents?: number;
  /** The shard count `GET /gateway/bot` recommends. Default 1. */
  recommendedShards?: number;
  /** Fewer shards than this get close 4011 (sharding required). Default 1. */
  requiredShards?: number;
}

/** The shard a guild's events go to (Discord's formula); DMs go to shard 0. */
export function shardOf(guildId: string | null, count: number): number {
  return guildId === null ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));
}

// ---------------------------------------------------------------------------------------------------

interface Session {
  ws: WebSocket;
  identified: boolean;
  ready: boolean;
  sessionId: string;
  seq: number;
  /** [id, count] from IDENTIFY. */
  shard: [number, number];
}

const DM_APP_PERMISSIONS = (
  PERMISSION.ViewChannel |
  PERMISSION.SendMessages |
  PERMISSION.EmbedLinks |
  PERMISSION.AttachFiles |
  PERMISSION.ReadMessageHistory |
  PERMISSION.AddReactions |
  PERMISSION.UseExternalEmojis
).toString();

export function attachFakeGateway(
  server: Server,
  host: GatewayHost,
  options: GatewayOptions = {},
): FakeGateway {
  const heartbeatInterval = options.heartbeatIntervalMs ?? 41_250;
  const allowedPrivileged = options.allowedPrivilegedIntents ?? 0;
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  const identifies: IdentifyRecord[] = [];
  const presences: PresenceRecord[] = [];
  const guilds: FakeGuild[] = [];
  const commandIds = new Map<string, string>();
  const users = new Map<string, Record<string, unknown>>();
  const waiters = new Set<() => void>();
  const counters = { heartbeats: 0, connections: 0 };
  let closed = false;

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closed) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req));
  }
  server.on('upgrade', onUpgrade);

  function send(session: Session, payload: Record<string, unknown>): void {
    if (session.ws.readyState === session.ws.OPEN) session.ws.send(JSON.stringify(payload));
  }

  function dispatch(session: Session, t: string, d: unknown): void {
    session.seq++;
    send(session, { op: 0, t, s: session.seq, d });
  }

  function accept(ws: WebSocket, req: IncomingMessage): void {
    counters.connections++;
    const session: Session = { ws, identified: false, ready: false, sessionId: '', seq: 0, shard: [0, 1] };
    sessions.add(session);
    ws.on('close', () => sessions.delete(session));
    ws.on('error', () => undefined);
    const params = new URL(req.url ?? '/', 'ws://x').searchParams;
    if (params.get('v') !== '10') return ws.close(4012, 'Invalid API version.');
    if ((params.get('encoding') ?? 'json') !== 'json') return ws.close(4002, 'Error while decoding payload.');
    if (params.has('compress')) return ws.close(4002, 'This fake gateway does not compress.');
    ws.on('message', (raw) => onMessage(session, raw));
    send(session, {
      op: 10,
      s: null,
      t: null,
      d: { heartbeat_interval: heartbeatInterval, _trace: ['fake'] },
    });
  }

  function onMessage(session: Session, raw: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(rawText(raw)) as { op?: unknown; d?: unknown };
    } catch {
      return session.ws.close(4002, 'Error while decoding payload.');
    }
    switch (payload.op) {
      case 1:
        counters.heartbeats++;
        return send(session, { op: 11, s: null, t: null, d: null });
      case 2:
        return identify(session, payload.d);
      case 6:
        // RESUME is not supported: tell the client to start a new session.
        return send(session, { op: 9, s: null, t: null, d: false });
      case 3:
        if (!session.identified) return session.ws.close(4003, 'Not authenticated.');
        return updatePresence(session, payload.d);
      case 4:
      case 8:
        if (!session.identified) return session.ws.close(4003, 'Not authenticated.');
        return;
      default:
        return session.ws.close(4001, 'Unknown opcode.');
    }
  }

  /**
   * A presence as Discord checks it: `status` one of online, dnd, idle, invisible, offline;
   * `activities` a list of objects with a `name` (1-128 characters) and an activity `type` (0-5; a
   * custom status, 4, needs its `state`); `afk` a boolean; `since` null or a time. Anything else
   * closes the connection with 4002, as Discord does for a payload it cannot decode.
   */
  function updatePresence(session: Session, d: unknown): void {
    const presence = parsePresence(d);
    if (!presence) return session.ws.close(4002, 'Error while decoding payload.');
    presences.push({ shard: session.shard[0], ...presence, at: Date.now() });
  }

  function parsePresence(d: unknown): Pick<PresenceRecord, 'status' | 'activities'> | null {
    if (typeof d !== 'object' || d === null) return null;
    const data = d as Record<string, unknown>;
    const statuses = ['online', 'dnd', 'idle', 'invisible', 'offline'];
    if (typeof data.status !== 'string' || !statuses.includes(data.status)) return null;
    if (typeof data.afk !== 'boolean') return null;
    if (data.since !== null && typeof data.since !== 'number') return null;
    if (!Array.isArray(data.activities)) return null;
    const activities: PresenceRecord['activities'] = [];
    for (const raw of data.activities as unknown[]) {
      if (typeof raw !== 'object' || raw === null) return null;
      const activity = raw as Record<string, unknown>;
      if (typeof activity.name !== 'string' || activity.name.length === 0 || activity.name.length > 128)
        return null;
      if (typeof activity.type !== 'number' || ![0, 1, 2, 3, 4, 5].includes(activity.type)) return null;
      if (activity.type === 4 && typeof activity.state !== 'string') return null;
      activities.push({
        name: activity.name,
        type: activity.type,
        ...(activity.state === undefined ? {} : { state: activity.state as string | null }),
      });
    }
    return { status: data.status, activities };
  }

  function identify(session: Session, d: unknown): void {
    const data = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    const record: IdentifyRecord = {
      token: typeof data.token === 'string' ? data.token : '',
      intents: typeof data.intents === 'number' ? data.intents : 0,
      properties: data.properties,
      at: Date.now(),
      ...(Array.isArray(data.shard) ? { shard: data.shard as [number, number] } : {}),
    };
    identifies.push(record);
    if (session.identified) return session.ws.close(4005, 'Already authenticated.');
    if (data.presence !== undefined && data.presence !== null) {
      const presence = parsePresence(data.presence);
      if (!presence) return session.ws.close(4002, 'Error while decoding payload.');
      const shard = Array.isArray(data.shard) ? Number(data.shard[0]) : 0;
      presences.push({ shard, ...presence, at: Date.now() });
    }
    if (record.token !== host.token) return session.ws.close(4004, 'Authentication failed.');
    if (typeof data.intents !== 'number') return session.ws.close(4013, 'Invalid intent(s).');
    if ((record.intents & PRIVILEGED_INTENTS & ~allowedPrivileged) !== 0) {
      return session.ws.close(4014, 'Disallowed intent(s).');
    }
    const [shardId, shardCount] = record.shard ?? [0, 1];
    if (!(
      Number.isInteger(shardId) &&
      Number.isInteger(shardCount) &&
      shardId >= 0 &&
      shardId < shardCount
    )) {
      return session.ws.close(4010, 'Invalid shard.');
    }
    if (shardCount < (options.requiredShards ?? 1)) return session.ws.close(4011, 'Sharding required.');
    session.shard = [shardId, shardCount];
    session.identified = true;
    session.sessionId = host.snowflake();
    dispatch(session, 'READY', {
      v: 10,
      user: { ...host.botUser, verified: true, mfa_enabled: false, flags: 0 },
      user_settings: {},
      guilds: guildsOf(session).map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.sessionId,
      session_type: 'normal',
      resume_gateway_url: host.gatewayUrl(),
      application: { id: host.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['seoul', 'japan'],
      auth: {},
      _trace: ['fake-gateway'],
      ...(record.shard ? { shard: record.shard } : {}),
    });
    for (const guild of guildsOf(session)) dispatch(session, 'GUILD_CREATE', guildCreatePayload(guild));
    session.ready = true;
    for (const wake of [...waiters]) wake();
  }

  function guildsOf(session: Session): FakeGuild[] {
    const [id, count] = session.shard;
    return guilds.filter((guild) => shardOf(guild.id, count) === id);
  }

  /** Every ready, open session whose shard holds `guildId`, oldest first. */
  function readySessionsOf(guildId: string): Session[] {
    return [...sessions].filter(
      (session) =>
        session.ready &&
        session.ws.readyState === session.ws.OPEN &&
        shardOf(guildId, session.shard[1]) === session.shard[0],
    );
  }

  function requireGuild(guildId: string): FakeGuild {
    const guild = guilds.find((g) => g.id === guildId);
    if (!guild) throw new Error(`fake gateway: the bot is not in guild ${guildId}`);
    return guild;
  }

  /** The ready session that gets events of `guildId` (DMs: shard 0); the last ready one by default. */
  function readySession(guildId?: string | null): Session {
    let last: Session | undefined;
    for (const session of sessions) {
      if (!session.ready || session.ws.readyState !== session.ws.OPEN) continue;
      if (guildId !== undefined && shardOf(guildId, session.shard[1]) !== session.shard[0]) continue;
      last = session;
    }
    if (!last) throw new Error('fake gateway: no client is connected and ready');
    return last;
  }

  function fillGuild(spec: FakeGuildSpec): FakeGuild {
    const id = spec.id ?? host.snowflake();
    const channels = (spec.channels ?? [{ name: 'general' }]).map((channel) => ({
      id: channel.id ?? host.snowflake(),
      name: channel.name ?? 'general',
      type: channel.type ?? 0,
      permissionOverwrites: channel.permissionOverwrites ?? [],
    }));
    const everyonePermissions = spec.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS;
    return {
      id,
      name: spec.name ?? `Guild ${id.slice(-4)}`,
      preferredLocale: spec.preferredLocale ?? 'en-US',
      ownerId: spec.ownerId ?? host.ownerId,
      channels,
      systemChannelId: spec.systemChannelId === undefined ? (channels[0]?.id ?? null) : spec.systemChannelId,
      everyoneRoleId: id,
      everyonePermissions,
      botRoleId: host.snowflake(),
      botPermissions: spec.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      roles: (spec.roles ?? []).map((role) => fillRole(role, everyonePermissions)),
      memberCount: spec.memberCount ?? 2,
      joinedAt: spec.joinedAt ?? new Date(),
    };
  }

  function fillRole(spec: FakeRoleSpec, everyonePermissions: string): Required<FakeRoleSpec> {
    const id = spec.id ?? host.snowflake();
    return {
      id,
      name: spec.name ?? `Role ${id.slice(-4)}`,
      permissions: spec.permissions ?? everyonePermissions,
      mentionable: spec.mentionable ?? false,
    };
  }

  /** A role object (developers/topics/permissions.mdx#role-object). */
  function roleObject(
    roleId: string,
    name: string,
    permissions: string,
    position: number,
    bot: boolean,
    mentionable = false,
  ): Record<string, unknown> {
    return {
      id: roleId,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions,
      managed: bot,
      mentionable,
      flags: 0,
      ...(bot ? { tags: { bot_id: host.applicationId } } : {}),
    };
  }

  /** Every role of the guild as role objects: @everyone (position 0), the bot's (1), then the extras. */
  function guildRoleObjects(guild: FakeGuild): Record<string, unknown>[] {
    return [
      roleObject(guild.everyoneRoleId, '@everyone', guild.everyonePermissions, 0, false),
      roleObject(guild.botRoleId, String(host.botUser.username ?? 'bot'), guild.botPermissions, 1, true),
      ...guild.roles.map((role, index) =>
        roleObject(role.id, role.name, role.permissions, index + 2, false, role.mentionable),
      ),
    ];
  }

  function guildCreatePayload(guild: FakeGuild): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      region: 'deprecated',
      afk_channel_id: null,
      afk_timeout: 300,
      system_channel_id: guild.systemChannelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      widget_enabled: false,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: guild.preferredLocale,
      features: [],
      max_members: 500_000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      vanity_url_code: null,
      application_id: null,
      large: false,
      lazy: true,
      unavailable: false,
      member_count: guild.memberCount,
      joined_at: guild.joinedAt.toISOString(),
      roles: guildRoleObjects(guild),
      emojis: [],
      stickers: [],
      soundboard_sounds: [],
      channels: guild.channels.map((channel, position) => guildChannelObject(guild, channel, position)),
      threads: [],
      members: [
        {
          user: host.botUser,
          roles: [guild.botRoleId],
          nick: null,
          avatar: null,
          banner: null,
          premium_since: null,
          joined_at: guild.joinedAt.toISOString(),
          deaf: false,
          mute: false,
          pending: false,
          flags: 0,
          communication_disabled_until: null,
        },
      ],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      embedded_activities: [],
      incidents_data: null,
    };
  }

  function guildChannelObject(
    guild: FakeGuild,
    channel: Required<FakeChannelSpec>,
    position: number,
  ): Record<string, unknown> {
    return {
      id: channel.id,
      type: channel.type,
      guild_id: guild.id,
      name: channel.name,
      position,
      parent_id: null,
      permission_overwrites: channel.permissionOverwrites,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
      flags: 0,
    };
  }

  function userObject(spec: FakeUserSpec = {}): Record<string, unknown> {
    const id = spec.id ?? host.snowflake();
    const known = users.get(id);
    const user = {
      id,
      username: spec.username ?? (known?.username as string | undefined) ?? `user${id.slice(-6)}`,
      discriminator: '0',
      global_name: spec.globalName !== undefined ? spec.globalName : (known?.global_name ?? null),
      avatar: null,
      public_flags: 0,
      primary_guild: null,
      avatar_decoration_data: null,
      collectibles: null,
    };
    users.set(id, user);
    return user;
  }

  /** The fields of an interaction that depend on where it happens. */
  function placeFields(spec: InteractionCommon, user: Record<string, unknown>) {
    const place = spec.place;
    const userId = String(user.id);
    if (place.kind === 'guild') {
      const guild = guilds.find((g) => g.id === place.guildId);
      if (!guild) throw new Error(`fake gateway: the bot is not in guild ${place.guildId}`);
      const channel = guild.channels.find((c) => c.id === (place.channelId ?? guild.channels[0]?.id));
      if (!channel) throw new Error(`fake gateway: no channel ${String(place.channelId)} in ${guild.id}`);
      const appPermissions =
        spec.appPermissions ?? (BigInt(guild.everyonePermissions) | BigInt(guild.botPermissions)).toString();
      return {
        channelId: channel.id,
        guildId: guild.id,
        userId,
        fields: {
          guild_id: guild.id,
          guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
          guild_locale: guild.preferredLocale,
          channel: guildChannelObject(guild, channel, guild.channels.indexOf(channel)),
          channel_id: channel.id,
          member: {
            user,
            roles: place.memberRoles ?? [],
            nick: null,
            avatar: null,
            banner: null,
            premium_since: null,
            joined_at: new Date(Date.now() - 86_400_000).toISOString(),
            deaf: false,
            mute: false,
            pending: false,
            flags: 0,
            communication_disabled_until: null,
            unusual_dm_activity_until: null,
            permissions: place.memberPermissions ?? guild.everyonePermissions,
          },
          app_permissions: appPermissions,
          authorizing_integration_owners: spec.authorizingIntegrationOwners ?? { '0': guild.id },
          context: 0,
        },
      };
    }
    const channelId = place.channelId ?? host.snowflake();
    return {
      channelId,
      guildId: null,
      userId,
      fields: {
        user,
        channel: {
          id: channelId,
          type: 1,
          flags: 0,
          last_message_id: null,
          recipients: place.kind === 'dm' ? [user] : [userObject()],
        },
        channel_id: channelId,
        app_permissions: spec.appPermissions ?? DM_APP_PERMISSIONS,
        authorizing_integration_owners: spec.authorizingIntegrationOwners ?? { '1': userId },
        context: place.kind === 'dm' ? 1 : 2,
      },
    };
  }

  function sendInteraction(
    spec: InteractionCommon,
    type: 2 | 3,
    data: Record<string, unknown>,
    message?: Record<string, unknown>,
  ): DispatchedInteraction {
    const user = userObject(spec.user);
    const where = placeFields(spec, user);
    const session = readySession(where.guildId);
    const id = host.snowflake();
    const token = `fake-interaction-token.${id}.${Math.random().toString(36).slice(2)}`;
    const at = Date.now();
    host.registerInteraction({
      id,
      token,
      applicationId: host.applicationId,
      type,
      channelId: where.channelId,
      guildId: where.guildId,
      userId: where.userId,
      user,
      authorizingIntegrationOwners: where.fields.authorizing_integration_owners,
      ...(message ? { message: { channel_id: where.channelId, ...message } } : {}),
      at,
    });
    dispatch(session, 'INTERACTION_CREATE', {
      id,
      application_id: host.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: spec.locale ?? 'en-US',
      entitlements: [],
      entitlement_sku_ids: [],
      attachment_size_limit: 10 * 1024 * 1024,
      ...where.fields,
      ...(message ? { message: { channel_id: where.channelId, ...message } } : {}),
    });
    const { channelId, guildId, userId } = where;
    return { id, token, applicationId: host.applicationId, channelId, guildId, userId, at };
  }

  function optionList(options: Record<string, OptionValue> = {}): Record<string, unknown>[] {
    return Object.entries(options).map(([name, value]) => {
      if (typeof value === 'object') return { name, type: value.type, value: value.value };
      if (typeof value === 'string') return { name, type: 3, value };
      if (typeof value === 'boolean') return { name, type: 5, value };
      return { name, type: Number.isInteger(value) ? 4 : 10, value };
    });
  }

  /**
   * `data.resolved.channels` for channel options (type 7), as Discord sends it: the channel's partial
   * object with the invoker's permissions in it. A channel the fake does not know is resolved with
   * the given id as a text channel (Discord only offers channels that exist).
   */
  function resolvedChannels(
    spec: ChatInputInteractionSpec,
    leaves: Record<string, unknown>[],
  ): { channels: Record<string, unknown> } | undefined {
    const ids = leaves.filter((o) => o.type === 7).map((o) => String(o.value));
    if (ids.length === 0) return undefined;
    const place = spec.place;
    const guild = place.kind === 'guild' ? guilds.find((g) => g.id === place.guildId) : undefined;
    const channels: Record<string, unknown> = {};
    for (const channelId of ids) {
      const channel = guild?.channels.find((c) => c.id === channelId);
      channels[channelId] = {
        id: channelId,
        name: channel?.name ?? 'unknown',
        type: channel?.type ?? 0,
        parent_id: null,
        flags: 0,
        permissions:
          place.kind === 'guild' ? (place.memberPermissions ?? guild?.everyonePermissions ?? '0') : '0',
      };
    }
    return { channels };
  }

  /**
   * `data.resolved.roles` for role options (type 8), as Discord sends it: the full role object. A role
   * the fake does not know is resolved with the given id as a plain role named 'unknown-role'.
   */
  function resolvedRoles(
    spec: ChatInputInteractionSpec,
    leaves: Record<string, unknown>[],
  ): { roles: Record<string, unknown> } | undefined {
    const ids = leaves.filter((o) => o.type === 8).map((o) => String(o.value));
    if (ids.length === 0) return undefined;
    const place = spec.place;
    const guild = place.kind === 'guild' ? guilds.find((g) => g.id === place.guildId) : undefined;
    const known = guild ? guildRoleObjects(guild) : [];
    const roles: Record<string, unknown> = {};
    for (const roleId of ids) {
      roles[roleId] =
        known.find((role) => role.id === roleId) ?? roleObject(roleId, 'unknown-role', '0', 1, false);
    }
    return { roles };
  }

  function waitForConnected(timeoutMs = 10_000): Promise<void> {
    const isReady = () => [...sessions].some((s) => s.ready && s.ws.readyState === s.ws.OPEN);
    if (isReady()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!isReady()) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`fake gateway: no client became ready within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(wake);
    });
  }

  const gateway: FakeGateway = {
    get url() {
      return host.gatewayUrl();
    },
    identifies,
    presences,
    get heartbeats() {
      return counters.heartbeats;
    },
    get connections() {
      return counters.connections;
    },
    guilds,
    addGuild(spec = {}) {
      const guild = fillGuild(spec);
      guilds.push(guild);
      return guild;
    },
    joinGuild(spec = {}) {
      const guild = fillGuild({ joinedAt: new Date(), ...spec });
      const session = readySession(guild.id);
      guilds.push(guild);
      dispatch(session, 'GUILD_CREATE', guildCreatePayload(guild));
      return guild;
    },
    leaveGuild(guildId) {
      const index = guilds.findIndex((g) => g.id === guildId);
      if (index !== -1) guilds.splice(index, 1);
      dispatch(readySession(guildId), 'GUILD_DELETE', { id: guildId });
    },
    updateGuild(guildId, changes) {
      const guild = requireGuild(guildId);
      Object.assign(guild, changes);
      // GUILD_UPDATE carries the guild object without the GUILD_CREATE-only fields (channels, members...).
      const {
        channels: _c,
        threads: _t,
        members: _m,
        presences: _p,
        voice_states: _v,
        ...payload
      } = guildCreatePayload(guild);
      dispatch(readySession(guildId), 'GUILD_UPDATE', payload);
      return guild;
    },
    guild(guildId) {
      return guilds.find((g) => g.id === guildId);
    },
    createRole(guildId, spec = {}) {
      const guild = requireGuild(guildId);
      const filled = fillRole(spec, guild.everyonePermissions);
      if (guildRoleObjects(guild).some((role) => role.id === filled.id)) {
        throw new Error(`fake gateway: guild ${guildId} already has role ${filled.id}`);
      }
      guild.roles.push(filled);
      const role = guildRoleObjects(guild).find((r) => r.id === filled.id);
      for (const session of readySessionsOf(guildId)) {
        dispatch(session, 'GUILD_ROLE_CREATE', { guild_id: guildId, role });
      }
      return filled.id;
    },
    deleteRole(guildId, roleId) {
      const guild = requireGuild(guildId);
      if (roleId === guild.everyoneRoleId || roleId === guild.botRoleId) {
        throw new Error(`fake gateway: role ${roleId} (@everyone or managed) cannot be deleted`);
      }
      const index = guild.roles.findIndex((role) => role.id === roleId);
      if (index === -1) throw new Error(`fake gateway: guild ${guildId} has no role ${roleId}`);
      guild.roles.splice(index, 1);
      for (const session of readySessionsOf(guildId)) {
        dispatch(session, 'GUILD_ROLE_DELETE', { guild_id: guildId, role_id: roleId });
      }
    },
    dispatchInteraction(spec) {
      let commandId = spec.commandId ?? commandIds.get(spec.commandName);
      if (commandId === undefined) {
        commandId = host.snowflake();
        commandIds.set(spec.commandName, commandId);
      }
      const leaves = optionList(spec.options);
      let options = leaves;
      if (spec.subcommand !== undefined) options = [{ type: 1, name: spec.subcommand, options }];
      if (spec.subcommandGroup !== undefined) options = [{ type: 2, name: spec.subcommandGroup, options }];
      const channels = resolvedChannels(spec, leaves);
      const roles = resolvedRoles(spec, leaves);
      const resolved = channels || roles ? { ...channels, ...roles } : undefined;
      return sendInteraction(spec, 2, {
        id: commandId,
        name: spec.commandName,
        type: 1,
        options,
        ...(resolved ? { resolved } : {}),
      });
    },
    dispatchButton(spec) {
      const original =
        spec.fromInteraction === undefined ? undefined : host.originalMessage(spec.fromInteraction);
      if (spec.fromInteraction !== undefined && !original) {
        throw new Error(`fake gateway: interaction ${spec.fromInteraction} has no @original message`);
      }
      const message: Record<string, unknown> = {
        id: host.snowflake(),
        type: 0,
        author: host.botUser,
        content: '',
        embeds: [],
        components: [],
        attachments: [],
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
        pinned: false,
        tts: false,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        flags: 0,
        ...original,
        ...spec.message,
      };
      return sendInteraction(spec, 3, { custom_id: spec.customId, component_type: 2 }, message);
    },
    waitForConnected,
    disconnect(code = 4000, reason = 'Unknown error.', shard?: number) {
      const target =
        shard === undefined
          ? readySession()
          : [...sessions].find((s) => s.ready && s.shard[0] === shard && s.ws.readyState === s.ws.OPEN);
      if (!target) throw new Error(`fake gateway: shard ${shard} is not connected`);
      target.ws.close(code, reason);
    },
    get readyShards() {
      return [...sessions]
        .filter((s) => s.ready && s.ws.readyState === s.ws.OPEN)
        .map((s) => s.shard)
        .sort((a, b) => a[0] - b[0]);
    },
    async close() {
      closed = true;
      server.off('upgrade', onUpgrade);
      for (const session of sessions) session.ws.terminate();
      sessions.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return gateway;
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}
