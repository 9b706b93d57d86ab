/**
 * What the fan-out benchmarks deliver to: registered recipients with deterministic ids, an incident
 * to alert about, and DM channels opened beforehand (as a bot that has alerted its users before
 * holds them).
 */
import type { MikroORM, SqliteConnection } from '@mikro-orm/sqlite';
import { Routes } from 'discord-api-types/v10';
import type { Language } from '../../src/contracts/languages';
import { createDiscordRest } from '../../src/discord/rest';
import type { FakeDiscord } from '../../test/fakes/discord-server';
import { registerRecipients, snowflake } from '../../test/harness/registrations';

/** The bot token the benchmarks' fake Discord accepts. */
export const BENCH_TOKEN = 'bench-fanout-token-000000000000000000000000';

/** Guild ids 1e17 + n, their channels 3e17 + n, users 2e17 + n: 18 digits, as @discordjs/rest needs. */
export const guildId = (i: number) => snowflake(i + 1);
export const channelId = (i: number) => String(300000000000000000n + BigInt(i + 1));
export const userId = (i: number) => String(200000000000000000n + BigInt(i + 1));

/** A tenth follow a Korean locale, a tenth chose Korean, the rest English (chosen or by locale). */
function language(i: number): { language: Language | null; locale: string | null } {
  if (i % 10 === 0) return { language: null, locale: 'ko' };
  if (i % 10 === 1) return { language: 'ko', locale: null };
  return i % 2 === 0 ? { language: 'en', locale: null } : { language: null, locale: 'en-US' };
}

export async function seedRecipients(
  orm: MikroORM,
  counts: { guilds: number; users: number },
): Promise<void> {
  const db = await (orm.em.getConnection() as SqliteConnection).getNativeClient();
  // one transaction around registerRecipients' single-row inserts
  db.exec('begin');
  try {
    await registerRecipients(orm, {
      guilds: Array.from({ length: counts.guilds }, (_, i) => ({
        guildId: guildId(i),
        channelId: channelId(i),
        ...language(i),
      })),
      users: Array.from({ length: counts.users }, (_, i) => ({ userId: userId(i), ...language(i) })),
    });
    db.exec('commit');
  } catch (err) {
    db.exec('rollback');
    throw err;
  }
}

const UPDATE_BODY =
  'Some users are unable to join instances or load avatars. The API is returning errors for a ' +
  'portion of requests in the US East region. We have identified the cause and rolled back the ' +
  'deployment responsible; error rates have returned to normal levels and we are monitoring the ' +
  'recovery. Players who are still stuck in the loading screen should restart the client. We will ' +
  'post a full write-up once the investigation is complete.';

/**
 * An incident row with one update, five days old and resolved, so the incidents poll loop (which
 * sees an empty list) derives no fact from it and never starts a fan-out of its own; the alert's
 * content reads the same rows whatever their age.
 */
export async function insertIncident(orm: MikroORM, id: string): Promise<void> {
  const at = Date.now() - 5 * 24 * 3600_000;
  const conn = orm.em.getConnection();
  await conn.execute(
    `insert into incidents (id, title, impact, status, started_at, resolved_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, 'Instance joins and avatar loading failing', 'major', 'resolved', at, at + 3600_000, at, at],
  );
  await conn.execute(
    `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
    [`${id}u1`, id, UPDATE_BODY, 'resolved', at + 3600_000, at, at],
  );
}

/** Opens every user's DM channel at the fake (as the worker would: one Create DM each) and caches it. */
export async function prefillDmChannels(orm: MikroORM, discord: FakeDiscord, users: number): Promise<void> {
  const client = createDiscordRest({ token: BENCH_TOKEN, apiBaseUrl: discord.apiBaseUrl });
  if (!client) throw new Error('no Discord client');
  const ids: [string, string][] = [];
  let next = 0;
  const worker = async () => {
    while (next < users) {
      const user = userId(next++);
      const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: user } })) as {
        id: string;
      };
      ids.push([channel.id, user]);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const db = await (orm.em.getConnection() as SqliteConnection).getNativeClient();
  const update = db.prepare('update user_configs set dm_channel_id = ? where user_id = ?');
  db.transaction(() => ids.forEach(([channel, user]) => update.run(channel, user)))();
}
