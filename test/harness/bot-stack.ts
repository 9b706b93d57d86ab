/**
 * The whole Discord path for end-to-end tests: the fake Discord (REST + gateway), a real SQLite file,
 * a real worker on the suite's Temporal server, and the real bot (startBot, discord.js) logged in to
 * the fake. Tests dispatch interactions through `discord.gateway` and read what the bot answered
 * with `answer()`.
 */
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { deliveryTaskQueue } from '../../src/contracts/alerts';
import { createActivities } from '../../src/activities';
import { type RunningBot, startBot } from '../../src/bot/bot';
import { createLogger } from '../../src/logger';
import type { ChatInputInteractionSpec, FakeGuildSpec } from '../fakes/discord-gateway';
import {
  fakeSnowflake,
  startFakeDiscord,
  type FakeDiscord,
  type InteractionResponses,
} from '../fakes/discord-server';
import { TEST_BOT_TOKEN, testActivityDeps } from './deps';
import { createTestDatabase } from './sqlite';
import { harnessInfo, uniqueTaskQueue } from './temporal';

export interface BotStackOptions {
  /** DISCORD_OWNER_IDS. */
  ownerIds?: string[];
  /** The application is owned by a team with these members (the first is the team owner). */
  teamMemberIds?: string[];
  /** More team members, with their role and whether they accepted. */
  teamMembers?: { id: string; role: 'admin' | 'developer' | 'read_only'; accepted: boolean }[];
  /** Namespace on the suite's server; tests that signal fixed workflow ids (poll loops) use their own. */
  namespace?: string;
  /** Replace the Temporal namespace the bot talks to (to make every Temporal call fail). */
  botNamespace?: string;
  /** Where the worker's collectors fetch from (default: a closed port). */
  vrchat?: { statusBaseUrl: string; metricsBaseUrl: string };
  /** Servers the bot is in when it connects (no join event, so no welcome). */
  guilds?: FakeGuildSpec[];
}

export interface CommandRun {
  id: string;
  responses: InteractionResponses;
  content: string;
  embeds: NonNullable<InteractionResponses['original']>['embeds'];
  ephemeral: boolean;
  text: string;
}

export interface BotStack {
  discord: FakeDiscord;
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  temporal: Client;
  taskQueue: string;
  namespace: string;
  bot: RunningBot;
  /** The bot's clock: `clock.offsetMs` moves it (button expiry). */
  clock: { offsetMs: number };
  /** Every log line of the bot, parsed. */
  logs: Record<string, unknown>[];
  /** Dispatches a slash command and waits for its answer; `text` is everything the user sees. */
  run(spec: ChatInputInteractionSpec): Promise<CommandRun>;
  /** Waits until the interaction has an answer that satisfies `done` (default: an edit or a reply). */
  answer(
    interactionId: string,
    done?: (r: InteractionResponses) => boolean,
    timeoutMs?: number,
  ): Promise<InteractionResponses>;
  close(): Promise<void>;
}

const answered = (r: InteractionResponses) =>
  r.edits.length > 0 || r.callback?.callbackType === 4 || r.callback?.callbackType === 7;

export async function startBotStack(options: BotStackOptions = {}): Promise<BotStack> {
  const info = harnessInfo();
  const namespace = options.namespace ?? info.namespace;
  const discord = await startFakeDiscord({
    token: TEST_BOT_TOKEN,
    ...(options.teamMemberIds ? { teamMemberIds: options.teamMemberIds } : {}),
    ...(options.teamMembers ? { teamMembers: options.teamMembers } : {}),
  });
  for (const guild of options.guilds ?? []) discord.gateway.addGuild(guild);
  const db = await createTestDatabase();
  const connection = await Connection.connect({ address: info.address });
  const temporal = new Client({ connection, namespace });
  const taskQueue = uniqueTaskQueue('bot');

  const workerConnection = await NativeConnection.connect({ address: info.address });
  const activities = createActivities(
    testActivityDeps({
      orm: db.orm,
      client: temporal,
      taskQueue,
      discordApiBaseUrl: discord.apiBaseUrl,
      ...(options.vrchat ? { vrchat: options.vrchat } : {}),
    }),
  );
  const worker = await Worker.create({
    connection: workerConnection,
    namespace,
    taskQueue,
    workflowBundle: { codePath: info.bundlePath },
    activities,
  });
  // the sends (welcome messages, alerts), as the delivery process serves them
  const delivery = await Worker.create({
    connection: workerConnection,
    namespace,
    taskQueue: deliveryTaskQueue(taskQueue),
    activities,
  });
  const running = Promise.all([worker.run(), delivery.run()]);

  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as never);
      done();
    },
  });
  const clock = { offsetMs: 0 };
  const botTemporal = options.botNamespace
    ? new Client({ connection, namespace: options.botNamespace })
    : temporal;
  const bot = await startBot({
    token: TEST_BOT_TOKEN,
    apiBaseUrl: discord.apiBaseUrl,
    ownerIds: options.ownerIds ?? [],
    logger: createLogger({ level: 'debug', destination: sink }),
    orm: db.orm,
    temporal: { client: botTemporal, taskQueue },
    pageUrl: 'https://status.example.test',
    now: () => Date.now() + clock.offsetMs,
    presenceRefreshMs: 200,
  });

  const answer: BotStack['answer'] = async (interactionId, done = answered, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const responses = discord.interactionResponses(interactionId);
      if (done(responses)) return responses;
      if (Date.now() > deadline) {
        throw new Error(
          `no answer to ${interactionId} within ${timeoutMs} ms: ${JSON.stringify(responses.all)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  return {
    discord,
    db,
    temporal,
    taskQueue,
    namespace,
    bot,
    clock,
    logs,
    answer,
    async run(spec) {
      const sent = discord.gateway.dispatchInteraction(spec);
      const responses = await answer(sent.id);
      return {
        id: sent.id,
        responses,
        content: responses.original?.content ?? '',
        embeds: responses.original?.embeds ?? [],
        ephemeral: responses.ephemeral,
        text: JSON.stringify({ c: responses.original?.content, e: responses.original?.embeds }),
      };
    },
    async close() {
      await bot.stop();
      worker.shutdown();
      delivery.shutdown();
      await running.catch(() => undefined);
      await workerConnection.close();
      await connection.close();
      await discord.close();
      await db.cleanup();
    },
  };
}

export { fakeSnowflake };
