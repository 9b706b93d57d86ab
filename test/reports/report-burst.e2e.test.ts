/**
 * A /report burst through the gateway: 200 interactions from 200 players in 10 seconds. Every one
 * must be acknowledged inside Discord's 3 s window (the bot defers before it does anything else) and
 * answered, with one report and one command log each. Measured numbers live in the benchmarks
 * (`npm run bench:bot`, `npm run bench:reports`); here the bounds are Discord's own rules, which the
 * fake enforces (a callback after 3 s gets 10062).
 */
import { rows } from '../harness/db-rows';
import { registerRecipients } from '../harness/registrations';
import { type BotStack, fakeSnowflake, startBotStack } from '../harness/bot-stack';

const GUILD_ID = fakeSnowflake();
const BURST = 200;
const OVER_MS = 10_000;

let stack: BotStack;

beforeAll(async () => {
  stack = await startBotStack({ guilds: [{ id: GUILD_ID, systemChannelId: null }] });
  await registerRecipients(stack.db.orm, { guilds: [{ guildId: GUILD_ID, channelId: fakeSnowflake() }] });
});
afterAll(async () => {
  await stack?.close();
});

it('acknowledges all 200 /report interactions within 3 s and answers every one', async () => {
  const types = ['login', 'instance', 'api', 'auth', 'download', 'other'];
  const ids: string[] = [];
  const started = Date.now();
  for (let i = 0; i < BURST; i++) {
    const due = started + (i * OVER_MS) / BURST;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    ids.push(
      stack.discord.gateway.dispatchInteraction({
        commandName: 'report',
        place: { kind: 'guild', guildId: GUILD_ID },
        user: { id: fakeSnowflake() },
        options: { type: types[i % types.length]! },
      }).id,
    );
  }

  const answers = await Promise.all(ids.map((id) => stack.answer(id, (r) => r.edits.length > 0, 120_000)));
  for (const answer of answers) {
    // Accepted: the fake refuses callbacks after 3 s with 10062.
    expect(answer.callback).toMatchObject({ callbackType: 5, status: 204 });
    expect(answer.callback!.afterMs).toBeLessThan(3000);
    expect(answer.all.filter((call) => call.status >= 400)).toEqual([]);
    expect(answer.original?.content).toMatch(/^Thanks! Your \*\*.+\*\* report is in\.\n/);
  }
  const [reports] = await rows<{ n: number }>(
    stack.db.orm,
    'select count(*) as n from user_reports where guild_id = ?',
    [GUILD_ID],
  );
  expect(reports!.n).toBe(BURST);
  const [logs] = await rows<{ n: number }>(
    stack.db.orm,
    "select count(*) as n from command_logs where guild_id = ? and command_name = 'report'",
    [GUILD_ID],
  );
  expect(logs!.n).toBe(BURST);
}, 180_000);
