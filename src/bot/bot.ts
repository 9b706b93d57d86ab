/**
 * The Discord process: one gateway connection with the Guilds intent only (slash commands and
 * buttons arrive as interactions, which need no intent; Guilds gives the channels, roles and the
 * bot's own member that `/config setup` checks permissions against, and the join event). Caches are
 * cut to what that needs. Commands are registered by `npm run commands:deploy`, never here.
 */
import type { MikroORM } from '@mikro-orm/sqlite';
import type { Client as TemporalClient } from '@temporalio/client';
import { Client, Events, GatewayIntentBits, type Guild, Options, Partials, SnowflakeUtil } from 'discord.js';
import type { Logger } from '../logger';
import { createDashboardRenderer } from '../dashboard/index';
import { updateGuildLocale } from '../interactions/client';
import type { BotServices } from './context';
import {
  closedWhileConnecting,
  GatewayClosedError,
  type GatewayReport,
  GatewayUnreachableError,
  watchGateway,
} from './gateway-watch';
import { answerRestarting, handleInteraction } from './interactions';
import { createOwnerCheck } from './owners';
import { keepPresence } from './presence';
import { welcomeOnJoin } from './welcome';

export interface BotOptions {
  token: string;
  /** REST base without the version, e.g. `https://discord.com/api`; the gateway URL comes from it. */
  apiBaseUrl: string;
  ownerIds: readonly string[];
  logger: Logger;
  orm: MikroORM;
  temporal: { client: TemporalClient; taskQueue: string };
  pageUrl: string | null;
  /** DISCORD_SHARDS: `auto` (Discord's recommended count) or how many shards this process runs. */
  shards?: 'auto' | number;
  /** DISCORD_GATEWAY_TIMEOUT in ms: a shard away longer than this ends the bot (see gateway-watch.ts). */
  gatewayTimeoutMs?: number;
  /** Clock for button expiry (tests). Default Date.now. */
  now?: () => number;
  /** How often the presence is refreshed from the database (default PRESENCE_REFRESH_MS; tests shorten it). */
  presenceRefreshMs?: number;
}

/** How long shutdown waits for the interactions in progress before it disconnects anyway. */
export const STOP_DEADLINE_MS = 10_000;
const DEFAULT_GATEWAY_TIMEOUT_MS = 600_000;

export interface RunningBot {
  readonly client: Client;
  /** Rejects, with the reason, when the gateway is closed for good or away too long. */
  readonly failed: Promise<never>;
  /** The gateway's state per shard, for `/healthz`. */
  gateway(): GatewayReport;
  /**
   * Answers what arrives from now on with "restarting", waits up to STOP_DEADLINE_MS for the
   * interactions in progress, then disconnects from the gateway.
   */
  stop(): Promise<void>;
}

export function createDiscordClient(apiBaseUrl: string, shards: 'auto' | number = 'auto'): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // 'auto' asks Discord how many shards the bot needs (one per 2,500 servers at most); a count
    // runs that many in this process.
    ...(shards === 'auto'
      ? { shards: 'auto' as const }
      : { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards }),
    // DM channels are not cached until something happens in them; interactions there need the partial.
    partials: [Partials.Channel],
    rest: { api: apiBaseUrl },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      ThreadManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      // Only the bot's own member, for channel permission checks.
      GuildMemberManager: { maxSize: 1, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
  });
}

/** Logs in and resolves once the gateway session is ready; rejects on a bad token. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const client = createDiscordClient(options.apiBaseUrl, options.shards);
  const services: BotServices = {
    logger,
    orm: options.orm,
    temporal: options.temporal,
    owners: createOwnerCheck(client, options.ownerIds, logger),
    dashboard: createDashboardRenderer(),
    pageUrl: options.pageUrl,
    now: options.now ?? Date.now,
    startedAtMs: Date.now(),
  };
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return void answerRestarting(interaction, logger);
    const work = handleInteraction(interaction, services)
      .catch((err: unknown) =>
        logger.error({ err, interaction: interaction.id }, 'interaction handler crashed'),
      )
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  // Emitted only for servers joined while connected (not for those in READY).
  client.on(Events.GuildCreate, (guild) => {
    void welcomeOnJoin(guild, options.temporal, logger);
  });
  client.on(Events.GuildUpdate, (before, after) => {
    if (before.preferredLocale !== after.preferredLocale) void localeChanged(after, options, logger);
  });
  client.on(Events.GuildDelete, (guild) => logger.info({ guild: guild.id }, 'removed from a server'));
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardReady, (shard) => logger.debug({ shard }, 'gateway shard ready'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  // A close Discord means for good while connecting (4011 sharding required, 4014 intents) would
  // otherwise leave `ready` waiting forever.
  const closedForGood = new Promise<never>((_, reject) =>
    client.once(Events.ShardDisconnect, (event, shard) => reject(new GatewayClosedError(event.code, shard))),
  );
  closedForGood.catch(() => undefined); // awaited below; a login that fails first must not leave it unhandled
  // A gateway that cannot be reached at all would have discord.js try forever: give up after the
  // same timeout as a running bot, so the supervisor starts the process again.
  const timeoutMs = options.gatewayTimeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
  let giveUp: NodeJS.Timeout | undefined;
  const tooLong = new Promise<never>((_, reject) => {
    giveUp = setTimeout(() => reject(new GatewayUnreachableError(timeoutMs)), timeoutMs);
  });
  tooLong.catch(() => undefined);
  try {
    await Promise.race([client.login(options.token).then(() => ready), closedForGood, tooLong]);
  } catch (err) {
    await client.destroy();
    throw closedWhileConnecting(err) ?? err;
  } finally {
    clearTimeout(giveUp);
  }
  logger.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size },
    'discord bot connected',
  );
  const watch = watchGateway(client, { timeoutMs: options.gatewayTimeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS });
  const presence = keepPresence(client as Client<true>, options.orm, logger, options.presenceRefreshMs);

  return {
    client,
    failed: watch.failed,
    gateway: () => watch.report(),
    async stop() {
      stopping = true;
      watch.stop();
      presence.stop();
      let deadline: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => false),
        new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(true), STOP_DEADLINE_MS))),
      ]);
      clearTimeout(deadline);
      if (timedOut) {
        logger.warn(
          { unanswered: inFlight.size, deadlineMs: STOP_DEADLINE_MS },
          'shutdown deadline: disconnecting with interactions still in progress',
        );
      }
      await client.destroy();
    },
  };
}

/** A server changed its preferred locale: a registered server's alerts on `auto` follow it. */
async function localeChanged(guild: Guild, options: BotOptions, logger: Logger): Promise<void> {
  try {
    const answer = await updateGuildLocale(options.temporal.client, options.temporal.taskQueue, {
      guildId: guild.id,
      locale: guild.preferredLocale,
      requestId: SnowflakeUtil.generate().toString(),
    });
    logger.info(
      { guild: guild.id, locale: guild.preferredLocale, outcome: answer.status },
      'server locale changed',
    );
  } catch (err) {
    logger.error({ err, guild: guild.id }, 'could not record the server locale');
  }
}
