/** The activities' dependencies as tests compose them: real ORM, real clients pointed at fakes. */
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/sqlite';
import { type ActivityDeps, createActivities } from '../../src/activities';
import { createDiscordRest } from '../../src/discord/rest';
import { createLogger } from '../../src/logger';
import { createVrchatClient } from '../../src/vrchat';

export const TEST_BOT_TOKEN = 'test-bot-token-000000000000000000000000';

export function testActivityDeps(options: {
  orm: MikroORM;
  client: Client;
  taskQueue: string;
  vrchat?: { statusBaseUrl: string; metricsBaseUrl: string; timeoutMs?: number };
  discordApiBaseUrl?: string;
  requestsPerSecond?: number;
  nonceTrustMs?: number;
}): ActivityDeps {
  const vrchat = options.vrchat ?? {
    statusBaseUrl: 'http://127.0.0.1:9/api/v2',
    metricsBaseUrl: 'http://127.0.0.1:9',
  };
  return {
    orm: options.orm,
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' }),
    vrchat: createVrchatClient({ timeoutMs: 2_000, ...vrchat }),
    discord: options.discordApiBaseUrl
      ? createDiscordRest({
          token: TEST_BOT_TOKEN,
          apiBaseUrl: options.discordApiBaseUrl,
          requestsPerSecond: options.requestsPerSecond,
        })
      : null,
    temporal: { client: options.client, taskQueue: options.taskQueue },
    pageUrl: 'https://status.example.test',
    ...(options.nonceTrustMs === undefined ? {} : { nonceTrustMs: options.nonceTrustMs }),
  };
}

/** Every activity of a worker on `taskQueue` that delivers alerts to the fake Discord at `discordApiBaseUrl`. */
export function deliveringActivities(options: {
  orm: MikroORM;
  client: Client;
  taskQueue: string;
  discordApiBaseUrl: string;
  nonceTrustMs?: number;
}) {
  return createActivities(testActivityDeps(options));
}
