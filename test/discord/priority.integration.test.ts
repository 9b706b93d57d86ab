/**
 * Request priority end to end: official alerts are urgent, crowd-report and metric alerts normal,
 * and the priority set around a send reaches the rate gate inside @discordjs/rest (through its
 * queues, by async context), so an urgent message overtakes normal ones already waiting.
 */
import { Routes } from 'discord-api-types/v10';
import { ALERT_TYPES } from '../../src/contracts/alerts';
import {
  alertPriority,
  asUrgentDelivery,
  waitForUrgentDeliveries,
  withRequestPriority,
} from '../../src/discord/priority';
import { createDiscordRest } from '../../src/discord/rest';
import { fakeSnowflake, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server';
import { TEST_BOT_TOKEN } from '../harness/deps';

let discord: FakeDiscord;
beforeEach(async () => {
  discord = await startFakeDiscord({ token: TEST_BOT_TOKEN });
});
afterEach(async () => {
  await discord.close();
});

it('official alerts and a /config test someone waits for are urgent; what VRCPulse infers, and reminders, are not', () => {
  const urgent = ALERT_TYPES.filter((type) => alertPriority(type) === 'urgent');
  expect(urgent.sort()).toEqual(
    [
      'status',
      'incident',
      'incident_update',
      'incident_resolved',
      'maintenance',
      'maintenance_started',
      'maintenance_completed',
      'test',
    ].sort(),
  );
  expect(alertPriority('maintenance_reminder')).toBe('normal');
  expect(alertPriority('threshold')).toBe('normal');
  expect(alertPriority('metric')).toBe('normal');
  expect(alertPriority('metric_recovered')).toBe('normal');
});

it('an urgent message overtakes normal ones already waiting for the rate', async () => {
  // 10 a second, so the queue is long enough to see who goes first
  const client = createDiscordRest({
    token: TEST_BOT_TOKEN,
    apiBaseUrl: discord.apiBaseUrl,
    requestsPerSecond: 10,
  })!;
  const post = (content: string) =>
    client.rest.post(Routes.channelMessages(fakeSnowflake()), { body: { content } });
  const normal = Array.from({ length: 20 }, (_, i) =>
    withRequestPriority('normal', () => post(`crowd ${i}`)),
  );
  await new Promise((r) => setTimeout(r, 250));
  await withRequestPriority('urgent', () => post('incident'));
  await Promise.all(normal);
  const order = discord.messages.map((m) => m.content);
  // through at its next slot: only the normal ones that had already started came before it
  expect(order.indexOf('incident')).toBeLessThanOrEqual(5);
  expect(order).toHaveLength(21);
}, 30_000);

it('holds normal deliveries back while an official one is delivered, and a moment after', async () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let release: () => void = () => undefined;
  const urgent = asUrgentDelivery(() => new Promise<void>((resolve) => (release = resolve)));
  let resumed = false;
  void waitForUrgentDeliveries().then(() => (resumed = true));
  await sleep(100);
  expect(resumed).toBe(false);
  release();
  await urgent;
  await sleep(100);
  expect(resumed).toBe(false); // the moment between two pages of the official alert
  await sleep(700);
  expect(resumed).toBe(true);
  await expect(waitForUrgentDeliveries()).resolves.toBeUndefined();
});
