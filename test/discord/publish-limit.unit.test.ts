/** The hourly publishing budget per announcement channel, read from Discord's rate-limit headers. */
import { createPublishLimit } from '../../src/discord/publish-limit';

const headers = (entries: Record<string, string>) => ({
  get: (name: string) => entries[name.toLowerCase()] ?? null,
});
const crosspost = (channel: string) =>
  `https://discord.com/api/v10/channels/${channel}/messages/900/crosspost`;

it('marks a channel spent when its answer says none is left, until the reset', () => {
  const limit = createPublishLimit();
  limit.observe(
    crosspost('100'),
    200,
    headers({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset-after': '3000' }),
    0,
  );
  expect(limit.spent('100', 0)).toBe(false);
  limit.observe(
    crosspost('100'),
    200,
    headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '3000' }),
    0,
  );
  expect(limit.spent('100', 2_999_999)).toBe(true);
  expect(limit.spent('200', 1)).toBe(false); // another channel has its own budget
  expect(limit.spent('100', 3_000_000)).toBe(false);
});

it('takes a 429 as spent, and ignores every other route', () => {
  const limit = createPublishLimit();
  limit.observe(crosspost('100'), 429, headers({ 'retry-after': '60' }), 0);
  expect(limit.spent('100', 59_000)).toBe(true);
  limit.observe(
    'https://discord.com/api/v10/channels/300/messages',
    200,
    headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '5' }),
    0,
  );
  expect(limit.spent('300', 0)).toBe(false);
});
