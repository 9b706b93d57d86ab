/**
 * The worker's Discord REST client against the fake Discord enforcing the global 50 requests per
 * rolling second: every request is paced where it really goes out, so requests that
 * @discordjs/rest held back during a global 429 do not leave together as a burst afterwards.
 */
import { Routes } from 'discord-api-types/v10';
import { createDiscordRest } from '../../src/discord/rest';
import { fakeSnowflake, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { TEST_BOT_TOKEN } from '../harness/deps';
import { busiestSecond } from '../harness/rolling-window';

let discord: FakeDiscord;
beforeEach(async () => {
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
});
afterEach(async () => {
  await discord.close();
});

it('after a global 429, the requests it held back go out paced: no second 429, never over 50/s', async () => {
  const client = createDiscordRest({ token: TEST_BOT_TOKEN, apiBaseUrl: discord.apiBaseUrl })!;
  const channels = Array.from({ length: 150 }, () => fakeSnowflake());
  discord.force429(`/channels/${channels[0]}/messages`, { retryAfterSeconds: 1.5, global: true });
  await Promise.all(
    channels.map((channelId, i) =>
      client.rest.post(Routes.channelMessages(channelId), { body: { content: `message ${i}` } }),
    ),
  );
  expect(discord.messages).toHaveLength(150);
  expect(discord.count429Global).toBe(1); // the forced one
  const sends = discord.requests.filter((r) => r.method === 'POST').map((r) => r.at);
  expect(busiestSecond(sends)).toBeLessThanOrEqual(50);
}, 30_000);
