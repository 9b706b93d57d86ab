/**
 * The fake Discord REST server, driven by the real @discordjs/rest client (and by plain fetch where
 * the wire format itself is the point). These tests pin both sides: that the fake answers like
 * Discord, and how @discordjs/rest 2.6.3 reacts to those answers, which the delivery code relies on.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DiscordAPIError, HTTPError, REST, type RESTOptions } from '@discordjs/rest';
import {
  MessageFlags,
  RESTJSONErrorCodes,
  Routes,
  type APIApplication,
  type APIDMChannel,
  type APIEmbed,
  type APIMessage,
  type RESTGetAPIGatewayBotResult,
} from 'discord-api-types/v10';
import {
  fakeSnowflake,
  FAKE_DISCORD_TOKEN,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from './discord-server';

const execFileAsync = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const open: FakeDiscord[] = [];

async function fake(options?: FakeDiscordOptions): Promise<FakeDiscord> {
  const server = await startFakeDiscord(options);
  open.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

function rest(server: FakeDiscord, options: Partial<RESTOptions> = {}): REST {
  return new REST({ api: server.apiBaseUrl, version: '10', ...options }).setToken(FAKE_DISCORD_TOKEN);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function post(client: REST, channelId: string, body: Record<string, unknown>): Promise<APIMessage> {
  return client.post(Routes.channelMessages(channelId), { body }) as Promise<APIMessage>;
}

function raw(server: FakeDiscord, route: string, init: { body?: unknown; auth?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.auth !== null) headers.authorization = init.auth ?? `Bot ${FAKE_DISCORD_TOKEN}`;
  return fetch(`${server.apiBaseUrl}/v10${route}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('messages', () => {
  test('a created message is answered like Discord and recorded', async () => {
    const server = await fake();
    const channel = fakeSnowflake();
    const embed: APIEmbed = {
      title: 'API latency',
      description: 'p95 above 2 s',
      fields: [{ name: 'p95', value: '2.4 s' }],
    };

    const message = await post(rest(server), channel, { content: 'VRChat degraded', embeds: [embed] });

    expect(message).toMatchObject({
      channel_id: channel,
      content: 'VRChat degraded',
      embeds: [embed],
      author: { id: server.applicationId, bot: true },
    });
    expect(message.id).toMatch(/^\d{17,19}$/);
    expect(Date.parse(message.timestamp)).toBeGreaterThan(Date.now() - 5000);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]).toMatchObject({
      id: message.id,
      channelId: channel,
      content: 'VRChat degraded',
    });
    expect(server.messages[0]?.userId).toBeUndefined();
    expect(server.messagesTo(channel)).toEqual(server.messages);
    expect(server.messagesTo(fakeSnowflake())).toEqual([]);
    expect(server.requests).toEqual([
      { method: 'POST', path: `/api/v10/channels/${channel}/messages`, at: expect.any(Number), status: 200 },
    ]);
  });

  test('route-limit headers on every answer of the message route, one bucket hash for all channels', async () => {
    const server = await fake();
    const [a, b] = [fakeSnowflake(), fakeSnowflake()];

    const first = await raw(server, Routes.channelMessages(a), { body: { content: 'one' } });
    const second = await raw(server, Routes.channelMessages(a), { body: { content: 'two' } });
    const other = await raw(server, Routes.channelMessages(b), { body: { content: 'x'.repeat(2001) } });

    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('3');
    const resetAfter = Number(second.headers.get('x-ratelimit-reset-after'));
    expect(resetAfter).toBeGreaterThan(4);
    expect(resetAfter).toBeLessThanOrEqual(5);
    const reset = Number(second.headers.get('x-ratelimit-reset'));
    expect(Math.abs(reset - (Date.now() / 1000 + resetAfter))).toBeLessThan(0.5);
    expect(other.status).toBe(400);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(other.headers.get('x-ratelimit-bucket')).toBe(first.headers.get('x-ratelimit-bucket'));
    expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('wire format', () => {
  test('auth, unknown routes, gateway discovery and the application', async () => {
    const server = await fake({ applicationId: '1234567890123456789', ownerId: '2234567890123456789' });

    const noAuth = await raw(server, Routes.channelMessages(fakeSnowflake()), {
      body: { content: 'x' },
      auth: null,
    });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({ message: '401: Unauthorized', code: 0 });

    const wrong = new REST({ api: server.apiBaseUrl, version: '10' }).setToken('not-the-token');
    const unauthorized = await rejection(wrong.get(Routes.gatewayBot()));
    expect(unauthorized).toBeInstanceOf(DiscordAPIError);
    expect(unauthorized).toMatchObject({ status: 401, code: 0, message: '401: Unauthorized' });
    // @discordjs/rest drops its token after a 401: later calls fail before reaching the network.
    await expect(wrong.get(Routes.gatewayBot())).rejects.toThrow('Expected token to be set');

    const client = rest(server);
    const notFound = await rejection(client.get('/channels/123/pins/nope'));
    expect(notFound).toMatchObject({ status: 404, code: 0, message: '404: Not Found' });
    expect((await fetch(`${server.origin}/elsewhere`)).status).toBe(404);

    const gateway = (await client.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    expect(gateway).toEqual({
      url: `ws://127.0.0.1:${new URL(server.origin).port}`,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
    });
    const application = (await client.get(Routes.currentApplication())) as APIApplication;
    expect(application.id).toBe('1234567890123456789');
    expect(application.owner?.id).toBe('2234567890123456789');

    expect(server.countInvalid).toBe(2); // the two 401s; 404s are not "invalid requests"
  });

  test('global and route 429s look like Discord', async () => {
    const server = await fake({ globalPerSecond: 50 });
    const responses = await Promise.all(
      Array.from({ length: 60 }, () =>
        raw(server, Routes.channelMessages(fakeSnowflake()), { body: { content: 'x' } }),
      ),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(10);
    expect(server.count429Global).toBe(10);
    const global = limited[0];
    expect(global?.headers.get('x-ratelimit-global')).toBe('true');
    expect(global?.headers.get('x-ratelimit-scope')).toBe('global');
    expect(global?.headers.get('retry-after')).toBe('1');
    const globalBody = (await global?.json()) as { message: string; retry_after: number; global: boolean };
    expect(globalBody).toEqual({
      message: 'You are being rate limited.',
      retry_after: expect.any(Number),
      global: true,
    });
    expect(globalBody.retry_after).toBeGreaterThan(0);
    expect(globalBody.retry_after).toBeLessThanOrEqual(1);

    const route = await fake({ globalPerSecond: 0 });
    const channel = fakeSnowflake();
    const six = await Promise.all(
      Array.from({ length: 6 }, () =>
        raw(route, Routes.channelMessages(channel), { body: { content: 'x' } }),
      ),
    );
    const routeLimited = six.filter((r) => r.status === 429);
    expect(routeLimited).toHaveLength(1);
    expect(routeLimited[0]?.headers.get('x-ratelimit-scope')).toBe('user');
    expect(routeLimited[0]?.headers.get('x-ratelimit-global')).toBeNull();
    expect(routeLimited[0]?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await routeLimited[0]?.json()).toMatchObject({
      global: false,
      message: 'You are being rate limited.',
    });
    expect(route.count429Route).toBe(1);
    expect(route.count429Global).toBe(0);
    expect(route.countInvalid).toBe(1);
    expect(route.messages).toHaveLength(5);
  });
});

describe('validation (50035 Invalid Form Body)', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, Record<string, unknown>, string][] = [
    ['content over 2000', { content: long(2001) }, 'content[BASE_TYPE_MAX_LENGTH]'],
    [
      'more than 10 embeds',
      { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
      'embeds[BASE_TYPE',
    ],
    ['title over 256', { embeds: [{ title: long(257) }] }, 'embeds[0].title[BASE_TYPE_MAX_LENGTH]'],
    ['description over 4096', { embeds: [{ description: long(4097) }] }, 'embeds[0].description[BASE_TYPE'],
    [
      'more than 25 fields',
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      'embeds[0].fields[BASE_TYPE_MAX_LENGTH]',
    ],
    ['field name over 256', { embeds: [{ fields: [{ name: long(257), value: 'v' }] }] }, 'fields[0].name'],
    [
      'field value over 1024',
      { embeds: [{ fields: [{ name: 'n', value: long(1025) }] }] },
      'fields[0].value',
    ],
    ['field without value', { embeds: [{ fields: [{ name: 'n' }] }] }, 'fields[0].value[BASE_TYPE_REQUIRED]'],
    ['footer over 2048', { embeds: [{ footer: { text: long(2049) } }] }, 'embeds[0].footer.text'],
    ['author over 256', { embeds: [{ author: { name: long(257) } }] }, 'embeds[0].author.name'],
    [
      'over 6000 across embeds',
      { embeds: [{ description: long(3500) }, { description: long(2600) }] },
      'embeds[MAX_EMBED_SIZE_EXCEEDED]',
    ],
    ['nonce over 25', { content: 'x', nonce: long(26) }, 'nonce[BASE_TYPE_MAX_LENGTH]'],
    ['nonce of the wrong type', { content: 'x', nonce: 1.5 }, 'nonce['],
  ];

  test.each(cases)('%s', async (_name, body, flattened) => {
    const server = await fake();
    const error = await rejection(post(rest(server), fakeSnowflake(), body));
    expect(error).toBeInstanceOf(DiscordAPIError);
    const apiError = error as DiscordAPIError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe(RESTJSONErrorCodes.InvalidFormBodyOrContentType);
    expect(apiError.message.startsWith('Invalid Form Body\n')).toBe(true);
    expect(apiError.message).toContain(flattened);
    expect(server.messages).toHaveLength(0);
    expect(server.requests).toHaveLength(1); // 4xx is not retried
  });

  test('limits count code points; exactly at the limit passes; an empty message is 50006', async () => {
    const server = await fake({ routeLimit: 0 });
    const client = rest(server);
    const channel = fakeSnowflake();
    await post(client, channel, { content: '🙂'.repeat(2000) }); // 4000 UTF-16 units, 2000 code points
    await post(client, channel, {
      embeds: [{ title: 'x'.repeat(256), description: 'x'.repeat(4096), footer: { text: 'x'.repeat(1648) } }],
    });
    const empty = await rejection(post(client, channel, { content: '' }));
    expect(empty).toMatchObject({ status: 400, code: RESTJSONErrorCodes.CannotSendAnEmptyMessage });
    expect(server.messages).toHaveLength(2);
  });
});

describe('nonce', () => {
  test('enforce_nonce returns the existing message within the window and creates nothing', async () => {
    const server = await fake({ routeLimit: 0, nonceWindowMs: 300 });
    const client = rest(server);
    const [a, b] = [fakeSnowflake(), fakeSnowflake()];
    const send = (channel: string, extra: Record<string, unknown>) =>
      post(client, channel, { content: 'Outage', nonce: 'wf-1:act-7', ...extra });

    const first = await send(a, { enforce_nonce: true });
    const again = await send(a, { enforce_nonce: true, content: 'different text, same nonce' });
    expect(again.id).toBe(first.id);
    expect(again.content).toBe('Outage');
    expect(again.nonce).toBe('wf-1:act-7');
    expect(server.messages).toHaveLength(1);

    const otherChannel = await send(b, { enforce_nonce: true });
    expect(otherChannel.id).not.toBe(first.id);
    const notEnforced = await send(a, {});
    expect(notEnforced.id).not.toBe(first.id);
    expect(server.messages).toHaveLength(3);

    const numeric = await post(client, a, { content: 'n', nonce: 42, enforce_nonce: true });
    expect((await post(client, a, { content: 'n', nonce: 42, enforce_nonce: true })).id).toBe(numeric.id);
    expect(server.messages).toHaveLength(4);

    await sleep(350);
    const afterWindow = await send(a, { enforce_nonce: true });
    expect(afterWindow.id).not.toBe(first.id);
    expect(server.messages).toHaveLength(5);
  });
});

describe('DM channels', () => {
  test('the same user always gets the same DM channel; DMs are recorded with the user id', async () => {
    const server = await fake();
    const client = rest(server);
    const user = fakeSnowflake();

    const dm = (await client.post(Routes.userChannels(), { body: { recipient_id: user } })) as APIDMChannel;
    const again = (await client.post(Routes.userChannels(), {
      body: { recipient_id: user },
    })) as APIDMChannel;
    expect(dm.type).toBe(1);
    expect(dm.recipients?.map((r) => r.id)).toEqual([user]);
    expect(again.id).toBe(dm.id);
    expect(server.dmChannelOf(user)).toBe(dm.id);
    expect(server.dmChannelCount).toBe(1);
    expect(server.dmChannelCreates).toBe(2);

    await post(client, dm.id, { content: 'Your watched world is down' });
    expect(server.messagesTo(user)).toEqual([expect.objectContaining({ channelId: dm.id, userId: user })]);
    expect(server.messagesTo(dm.id)).toEqual(server.messagesTo(user));

    const bad = await rejection(client.post(Routes.userChannels(), { body: { recipient_id: 'someone' } }));
    expect(bad).toMatchObject({ status: 400, code: 50035 });
  });
});

describe('injected errors', () => {
  type Setup = (server: FakeDiscord, channel: string, user: string) => void;
  const cases: [string, Setup, 'send' | 'dm-create', number, number, string][] = [
    [
      'Unknown Channel',
      (s, c) => s.failChannel(c, { status: 404, code: 10003 }),
      'send',
      404,
      10003,
      'Unknown Channel',
    ],
    [
      'Missing Access',
      (s, c) => s.failChannel(c, { status: 403, code: 50001 }),
      'send',
      403,
      50001,
      'Missing Access',
    ],
    [
      'Missing Permissions',
      (s, c) => s.failChannel(c, { status: 403, code: 50013 }),
      'send',
      403,
      50013,
      'Missing Permissions',
    ],
    [
      'DMs closed',
      (s, _c, u) => s.failUser(u, { status: 403, code: 50007 }),
      'send',
      403,
      50007,
      'Cannot send messages to this user',
    ],
    [
      'no mutual guilds',
      (s, _c, u) => s.failUser(u, { status: 403, code: 50278, on: 'send' }),
      'send',
      403,
      50278,
      'Cannot send messages to this user due to having no mutual guilds',
    ],
    [
      'Unknown User on Create DM',
      (s, _c, u) => s.failUser(u, { status: 404, code: 10013, on: 'dm-create' }),
      'dm-create',
      404,
      10013,
      'Unknown User',
    ],
  ];

  test.each(cases)('%s', async (_name, setup, step, status, code, message) => {
    const server = await fake();
    const client = rest(server);
    const user = fakeSnowflake();
    const channel = fakeSnowflake();
    let dmChannel: string | undefined;
    if (step === 'send' && code !== 10003 && code !== 50001 && code !== 50013) {
      dmChannel = (
        (await client.post(Routes.userChannels(), { body: { recipient_id: user } })) as APIDMChannel
      ).id;
    }
    setup(server, channel, user);
    const before = server.requests.length;

    const attempt =
      step === 'dm-create'
        ? client.post(Routes.userChannels(), { body: { recipient_id: user } })
        : post(client, dmChannel ?? channel, { content: 'alert' });
    const error = await rejection(attempt);

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status, code, message });
    expect(server.requests.length - before).toBe(1);
    expect(server.messages).toHaveLength(0);
    expect(server.countInvalid).toBe(status === 403 ? 1 : 0);
    if (step === 'send') {
      // A 4xx from Discord still carries the route's rate-limit headers and uses the bucket.
      const probe = await raw(server, Routes.channelMessages(dmChannel ?? channel), {
        body: { content: 'x' },
      });
      expect(probe.headers.get('x-ratelimit-remaining')).toBe('3');
    }
  });

  test('`times` makes a 4xx transient, and clearFaults() forgets permanent ones', async () => {
    const server = await fake();
    const client = rest(server);
    const [a, b] = [fakeSnowflake(), fakeSnowflake()];
    server.failChannel(a, { status: 403, code: 50013, times: 1 });
    server.failChannel(b, { status: 404, code: 10003 });

    await expect(post(client, a, { content: '1' })).rejects.toMatchObject({ code: 50013 });
    await expect(post(client, a, { content: '2' })).resolves.toMatchObject({ content: '2' });
    await expect(post(client, b, { content: '3' })).rejects.toMatchObject({ code: 10003 });
    await expect(post(client, b, { content: '4' })).rejects.toMatchObject({ code: 10003 });
    server.clearFaults();
    await expect(post(client, b, { content: '5' })).resolves.toMatchObject({ content: '5' });
  });

  test('a 503 twice is retried by @discordjs/rest and then succeeds', async () => {
    const server = await fake();
    const channel = fakeSnowflake();
    server.failChannel(channel, { status: 503, times: 2, body: 'json' });

    const message = await post(rest(server), channel, { content: 'after two 503s' });

    expect(message.content).toBe('after two 503s');
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(server.messages).toHaveLength(1);
    // The 5xx came "from the edge": no bucket used, so the success leaves 4 of 5.
    const probe = await raw(server, Routes.channelMessages(channel), { body: { content: 'x' } });
    expect(probe.headers.get('x-ratelimit-remaining')).toBe('3');
  });

  test('a lasting 5xx ends in HTTPError (not DiscordAPIError) after 1 + `retries` attempts', async () => {
    const server = await fake();
    const client = rest(server);
    const [html, json] = [fakeSnowflake(), fakeSnowflake()];
    server.failChannel(html, { status: 502 }); // Cloudflare-style HTML page
    server.failChannel(json, { status: 500, body: 'json' });

    const error = await rejection(post(client, html, { content: 'x' }));
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).not.toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ name: 'HTTPError', status: 502, message: 'Bad Gateway', method: 'POST' });
    expect(server.requests.map((r) => r.status)).toEqual([502, 502, 502, 502]);

    const once = rest(server, { retries: 1 });
    await expect(post(once, json, { content: 'x' })).rejects.toMatchObject({
      name: 'HTTPError',
      status: 500,
      message: 'Internal Server Error',
    });
    expect(server.requests.filter((r) => r.path.includes(json))).toHaveLength(2);
    expect(server.messages).toHaveLength(0);
  });

  test('a slow channel: the POST lands although the client timed out; enforce_nonce dedups the retry', async () => {
    const server = await fake({ routeLimit: 0 });
    const client = rest(server, { timeout: 150, retries: 1 });
    const [withNonce, withoutNonce, lost] = [fakeSnowflake(), fakeSnowflake(), fakeSnowflake()];
    server.delayChannel(withNonce, 400);
    server.delayChannel(withoutNonce, 400);
    server.delayChannel(lost, 400, { commit: 'after' });
    // Under Jest, @discordjs/rest does NOT retry its own timeout: the AbortError is a DOMException from
    // Node's realm, fails `error instanceof Error` inside Jest's VM context and is rethrown at once.
    // Plain Node retries it (next test). So each call below is one attempt, and we retry by hand.
    expect(new DOMException('x', 'AbortError') instanceof Error).toBe(false);

    const body = { content: 'x', nonce: 'n-1', enforce_nonce: true };
    await expect(post(client, withNonce, body)).rejects.toMatchObject({ name: 'AbortError' });
    await expect(post(client, withNonce, body)).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests.filter((r) => r.path.includes(withNonce))).toHaveLength(2);
    expect(server.messagesTo(withNonce)).toHaveLength(1); // landed once, the retry was deduplicated

    await expect(post(client, withoutNonce, { content: 'x' })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(post(client, withoutNonce, { content: 'x' })).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.messagesTo(withoutNonce)).toHaveLength(2); // a duplicate alert

    await expect(post(client, lost, { content: 'x' })).rejects.toMatchObject({ name: 'AbortError' });
    await sleep(500);
    expect(server.messagesTo(lost)).toHaveLength(0); // handled only after the delay, and the client had gone
    expect(server.requests.filter((r) => r.path.includes(lost)).map((r) => r.status)).toEqual([0]);

    server.delayChannel(lost, 50, { times: 1 });
    await expect(post(client, lost, { content: 'in time' })).resolves.toMatchObject({ content: 'in time' });
  });

  test('in plain Node (outside Jest) @discordjs/rest retries a timeout `retries` times', async () => {
    const server = await fake({ routeLimit: 0 });
    const channel = fakeSnowflake();
    server.delayChannel(channel, 400);
    const script = [
      "const { REST } = require('@discordjs/rest');",
      'const [api, channel] = process.argv.slice(1);',
      "const rest = new REST({ api, timeout: 150, retries: 2 }).setToken('t');",
      "rest.post('/channels/' + channel + '/messages', { body: { content: 'x', nonce: 'n-2', enforce_nonce: true } })",
      '  .then(() => console.log("resolved"), (e) => console.log(e.name));',
    ].join('\n');

    const { stdout } = await execFileAsync(process.execPath, ['-e', script, server.apiBaseUrl, channel], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
    });

    expect(stdout.trim()).toBe('AbortError');
    expect(server.requests.filter((r) => r.path.includes(channel))).toHaveLength(3); // 1 + 2 retries
    expect(server.messagesTo(channel)).toHaveLength(1);
  });
});

describe('rate limits through @discordjs/rest', () => {
  test('route headers make @discordjs/rest wait proactively: 12 messages to one channel, no route 429', async () => {
    const server = await fake({ routeLimit: 5, routeWindowMs: 1000 });
    const client = rest(server);
    const channel = fakeSnowflake();

    const started = Date.now();
    const sent = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(client, channel, { content: `message ${i}` })),
    );
    const elapsed = Date.now() - started;

    expect(server.count429Route).toBe(0);
    expect(server.count429Global).toBe(0);
    expect(sent.map((m) => m.content)).toEqual(Array.from({ length: 12 }, (_, i) => `message ${i}`));
    expect(server.messagesTo(channel)).toHaveLength(12);
    expect(elapsed).toBeGreaterThanOrEqual(2000); // three windows of 5, 5 and 2
  });

  test('a forced 429 is waited out, by the Retry-After header rather than the body', async () => {
    const ceil = await fake();
    const channel = fakeSnowflake();
    ceil.force429(Routes.channelMessages(channel), { retryAfterSeconds: 0.2, times: 1 });
    let started = Date.now();
    await post(rest(ceil), channel, { content: 'after a 429' });
    // The header says 1 (whole seconds, as Discord documents), and @discordjs/rest trusts the header.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(ceil.count429Route).toBe(1);
    expect(ceil.countInvalid).toBe(1);
    expect(ceil.messages).toHaveLength(1);

    // With a fractional header the wait is 0.2 s, not the whole second. A busy machine only adds
    // time, so the quickest of three tries shows what the client itself waited.
    const waits: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const exact = await fake({ retryAfterHeader: 'float' });
      exact.force429(`/api/v10${Routes.channelMessages(channel)}`, { retryAfterSeconds: 0.2, times: 1 });
      started = Date.now();
      await post(rest(exact), channel, { content: 'after a 0.2 s 429' });
      waits.push(Date.now() - started);
      expect(exact.requests.map((r) => r.status)).toEqual([429, 200]);
    }
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(200);
    expect(Math.min(...waits)).toBeLessThan(900);

    const global = await fake({ retryAfterHeader: 'float' });
    global.force429(Routes.gatewayBot(), { retryAfterSeconds: 0.3, global: true, times: 1 });
    global.force429(Routes.channelMessages(channel), { retryAfterSeconds: 0.1, scope: 'shared', times: 1 });
    started = Date.now();
    await rest(global).get(Routes.gatewayBot());
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await post(rest(global), channel, { content: 'x' });
    expect(global.count429Global).toBe(1);
    expect(global.count429Route).toBe(1);
    expect(global.countInvalid).toBe(1); // the shared-scope 429 is not held against the bot
  });

  test('120 messages to 120 channels at globalRequestsPerSecond 50: no global 429, at least ~2 s', async () => {
    const server = await fake({ globalPerSecond: 50 });
    // @discordjs/rest counts a fixed 1 s window from when it *sends* the first request and then waits
    // only `offset` (default 50 ms) past it; the server counts arrivals in a rolling second. A cold burst
    // opens ~50 connections, so window 1 arrives spread over 10-40 ms: the default leaves 17-43 ms to
    // spare here and gave a global 429 in 1 of 8 full-suite runs. 250 ms makes it dependable.
    const client = rest(server, { globalRequestsPerSecond: 50, offset: 250 });
    const channels = Array.from({ length: 120 }, () => fakeSnowflake());

    const started = Date.now();
    await Promise.all(channels.map((channel) => post(client, channel, { content: 'burst' })));
    const elapsed = Date.now() - started;

    expect(server.count429Global).toBe(0);
    expect(server.count429Route).toBe(0);
    expect(server.messages).toHaveLength(120);
    expect(new Set(server.messages.map((m) => m.channelId)).size).toBe(120);
    expect(elapsed).toBeGreaterThanOrEqual(2000); // 50 now, 50 after ~1.25 s, 20 after ~2.5 s
  });
});

describe('scale and housekeeping', () => {
  test('1,000 users: one DM channel each, one message each, a bounded request log', async () => {
    const server = await fake({ globalPerSecond: 0, maxRequestLog: 500 });
    const client = rest(server, { globalRequestsPerSecond: 100_000 });
    const users = Array.from({ length: 1000 }, () => fakeSnowflake());

    await Promise.all(
      users.map(async (user) => {
        const dm = (await client.post(Routes.userChannels(), {
          body: { recipient_id: user },
        })) as APIDMChannel;
        await post(client, dm.id, { content: `hello ${user}` });
      }),
    );

    expect(server.dmChannelCount).toBe(1000);
    expect(server.messages).toHaveLength(1000);
    for (const user of users)
      expect(server.messagesTo(user).map((m) => m.content)).toEqual([`hello ${user}`]);
    expect(server.requests.length).toBeLessThanOrEqual(500);
    expect(server.requests.at(-1)?.path).toMatch(/\/messages$/);
  });

  test('reset() forgets everything', async () => {
    const server = await fake();
    const client = rest(server);
    const user = fakeSnowflake();
    const dm = (await client.post(Routes.userChannels(), { body: { recipient_id: user } })) as APIDMChannel;
    await post(client, dm.id, { content: 'x' });
    server.failChannel(dm.id, { status: 403, code: 50007 });

    server.reset();

    expect(server.messages).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
    expect(server.dmChannelCount).toBe(0);
    expect(server.dmChannelCreates).toBe(0);
    expect(server.dmChannelOf(user)).toBeUndefined();
    await expect(post(client, dm.id, { content: 'y' })).resolves.toMatchObject({ content: 'y' });
    expect(server.messagesTo(dm.id)[0]?.userId).toBeUndefined(); // no longer known as a DM
  });
});

function call(server: FakeDiscord, method: string, route: string, body?: unknown) {
  return fetch(`${server.apiBaseUrl}/v10${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bot ${FAKE_DISCORD_TOKEN}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function edit(client: REST, channelId: string, messageId: string, body: Record<string, unknown>) {
  return client.patch(Routes.channelMessage(channelId, messageId), { body }) as Promise<APIMessage>;
}

function list(client: REST, channelId: string): Promise<APIMessage[]> {
  return client.get(Routes.channelMessages(channelId)) as Promise<APIMessage[]>;
}

describe('edits', () => {
  test('an edit changes the message in place: GET lists the new text, edited_timestamp is set, versions are kept', async () => {
    const server = await fake();
    const client = rest(server);
    const channel = fakeSnowflake();
    const embed: APIEmbed = { title: 'Incident', description: 'Investigating' };
    const created = await post(client, channel, {
      content: 'VRChat degraded',
      embeds: [embed],
      nonce: 'n-1',
    });
    expect(created.edited_timestamp).toBeNull();

    const resolved: APIEmbed = { title: 'Incident', description: 'Resolved' };
    const edited = await edit(client, channel, created.id, { embeds: [resolved] });

    expect(edited).toMatchObject({
      id: created.id,
      type: 0,
      channel_id: channel,
      content: 'VRChat degraded', // absent fields stay as they were
      embeds: [resolved],
      timestamp: created.timestamp,
    });
    expect(edited).not.toHaveProperty('nonce'); // only the answer to the creation has it
    expect(Date.parse(edited.edited_timestamp ?? '')).toBeGreaterThanOrEqual(Date.parse(created.timestamp));
    const listed = await list(client, channel);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: created.id, embeds: [resolved] });
    expect(listed[0]?.edited_timestamp).toBe(edited.edited_timestamp);

    await edit(client, channel, created.id, { content: 'VRChat recovered', embeds: [] });
    const stored = server.messagesTo(channel)[0];
    expect(stored).toBe(server.messages[0]);
    expect(stored).toMatchObject({ id: created.id, content: 'VRChat recovered', embeds: [], edits: 2 });
    expect(stored?.editedAt).toBeGreaterThanOrEqual(stored?.at ?? Infinity);
    expect(stored?.history).toEqual([
      { content: 'VRChat degraded', embeds: [embed], at: stored?.at },
      { content: 'VRChat degraded', embeds: [resolved], at: expect.any(Number) },
    ]);
    const single = (await client.get(Routes.channelMessage(channel, created.id))) as APIMessage;
    expect(single).toMatchObject({ content: 'VRChat recovered', embeds: [] });

    // No field at all: accepted, nothing changes (but it counts as an edit).
    await expect(edit(client, channel, created.id, {})).resolves.toMatchObject({
      content: 'VRChat recovered',
    });
    expect(server.messages[0]?.edits).toBe(3);
  });

  test('edits are validated like creations; an edit that would empty the message is 50006', async () => {
    const server = await fake({ routeLimit: 0 });
    const client = rest(server);
    const channel = fakeSnowflake();
    const message = await post(client, channel, { content: 'text', embeds: [{ title: 't' }] });

    const tooLong = await rejection(edit(client, channel, message.id, { content: 'x'.repeat(2001) }));
    expect(tooLong).toMatchObject({ status: 400, code: RESTJSONErrorCodes.InvalidFormBodyOrContentType });
    expect((tooLong as DiscordAPIError).message).toContain('content[BASE_TYPE_MAX_LENGTH]');
    const badEmbed = await rejection(
      edit(client, channel, message.id, { embeds: [{ title: 'x'.repeat(257) }] }),
    );
    expect((badEmbed as DiscordAPIError).message).toContain('embeds[0].title[BASE_TYPE_MAX_LENGTH]');

    // Clearing one of the two is fine, clearing both is not.
    await edit(client, channel, message.id, { content: '' });
    const empty = await rejection(edit(client, channel, message.id, { embeds: [] }));
    expect(empty).toMatchObject({ status: 400, code: RESTJSONErrorCodes.CannotSendAnEmptyMessage });
    expect(server.messages[0]).toMatchObject({ content: '', embeds: [{ title: 't' }], edits: 1 });
    expect(server.messages[0]?.history).toHaveLength(1);
  });

  test('unknown, deleted and other-channel messages are 10008 Unknown Message (DiscordAPIError)', async () => {
    const server = await fake();
    const client = rest(server);
    const [channel, other] = [fakeSnowflake(), fakeSnowflake()];
    const message = await post(client, channel, { content: 'incident' });

    expect(server.deleteMessage(channel, message.id)).toBe(true);
    expect(server.deleteMessage(channel, message.id)).toBe(false);

    const error = await rejection(edit(client, channel, message.id, { content: 'resolved' }));
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({
      status: 404,
      code: RESTJSONErrorCodes.UnknownMessage,
      message: 'Unknown Message',
      method: 'PATCH',
    });
    await expect(edit(client, channel, fakeSnowflake(), { content: 'x' })).rejects.toMatchObject({
      code: RESTJSONErrorCodes.UnknownMessage,
    });
    const kept = await post(client, channel, { content: 'kept' });
    await expect(edit(client, other, kept.id, { content: 'x' })).rejects.toMatchObject({
      code: RESTJSONErrorCodes.UnknownMessage,
    });
    expect(server.messages.map((m) => m.content)).toEqual(['kept']);
    expect(server.deletedMessages).toEqual([
      expect.objectContaining({
        id: message.id,
        content: 'incident',
        edits: 0,
        deletedAt: expect.any(Number),
      }),
    ]);
    expect(server.countInvalid).toBe(0); // a 404 is not an invalid request
  });

  test('edits have their own route bucket per channel and take channel faults like creations', async () => {
    const server = await fake();
    const client = rest(server);
    const channel = fakeSnowflake();
    const message = await post(client, channel, { content: 'one' });
    const route = Routes.channelMessage(channel, message.id);

    const first = await call(server, 'PATCH', route, { content: 'two' });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4'); // not shared with creation (4 left there)
    expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    const created = await raw(server, Routes.channelMessages(channel), { body: { content: 'x' } });
    expect(created.headers.get('x-ratelimit-remaining')).toBe('3');
    expect(first.headers.get('x-ratelimit-bucket')).not.toBe(created.headers.get('x-ratelimit-bucket'));

    server.failChannel(channel, { status: 403, code: 50001, times: 1 });
    await expect(edit(client, channel, message.id, { content: 'three' })).rejects.toMatchObject({
      status: 403,
      code: 50001,
    });
    server.failChannel(channel, { status: 503, times: 1, body: 'json' });
    await expect(edit(client, channel, message.id, { content: 'four' })).resolves.toMatchObject({
      content: 'four', // @discordjs/rest retried the 503
    });
    const last = await call(server, 'PATCH', route, { content: 'five' });
    // two, 403, four and five used the bucket; the 503 came from the edge
    expect(last.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(server.messages[0]).toMatchObject({ content: 'five', edits: 3 });

    await call(server, 'PATCH', route, { content: 'six' });
    const limited = await call(server, 'PATCH', route, { content: 'seven' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(server.messages[0]?.content).toBe('six');
  });
});

describe('allowed_mentions', () => {
  test('notifies only the mentions the object allows; without it, every mention in the content', async () => {
    const server = await fake();
    const client = rest(server);
    const channel = fakeSnowflake();
    const role = fakeSnowflake();
    const other = fakeSnowflake();
    const user = fakeSnowflake();
    const content = `<@&${role}> <@&${other}> <@${user}> @everyone`;
    await post(client, channel, { content, allowed_mentions: { parse: [], roles: [role] } });
    await post(client, channel, { content, allowed_mentions: { parse: [] } });
    await post(client, channel, { content });
    expect(server.messages.map((m) => m.pinged)).toEqual([
      { everyone: false, roles: [role], users: [] },
      { everyone: false, roles: [], users: [] },
      { everyone: true, roles: [role, other], users: [user] },
    ]);
  });

  test('refuses a type both parsed and listed, and a parse value Discord does not know', async () => {
    const server = await fake();
    const client = rest(server);
    const channel = fakeSnowflake();
    for (const allowed of [{ parse: ['roles'], roles: [fakeSnowflake()] }, { parse: ['channels'] }]) {
      const refused = await post(client, channel, { content: 'x', allowed_mentions: allowed }).catch(
        (err: unknown) => err,
      );
      expect(refused).toBeInstanceOf(DiscordAPIError);
      expect((refused as DiscordAPIError).code).toBe(50035);
    }
    expect(server.messages).toHaveLength(0);
  });
});

describe('replies', () => {
  test('a reply to an existing message carries message_reference, referenced_message and type 19', async () => {
    const server = await fake();
    const client = rest(server);
    const channel = fakeSnowflake();
    const incident = await post(client, channel, { content: 'VRChat degraded' });

    const reply = await post(client, channel, {
      content: 'Update: recovering',
      message_reference: { message_id: incident.id },
    });

    expect(reply.type).toBe(19);
    expect(reply.message_reference).toEqual({ type: 0, message_id: incident.id, channel_id: channel });
    expect(reply.referenced_message).toMatchObject({ id: incident.id, content: 'VRChat degraded', type: 0 });
    expect(server.messages[1]).toMatchObject({ id: reply.id, referencedMessageId: incident.id });
    expect(server.messages[0]?.referencedMessageId).toBeUndefined();

    // With channel_id and guild_id, as discord.js sends them; the reply shows the target's edits.
    await edit(client, channel, incident.id, { content: 'VRChat degraded (edited)' });
    const second = await post(client, channel, {
      content: 'Resolved',
      message_reference: { message_id: incident.id, channel_id: channel, guild_id: fakeSnowflake() },
    });
    expect(second.referenced_message?.content).toBe('VRChat degraded (edited)');
    const [newest] = await list(client, channel);
    expect(newest).toMatchObject({ id: second.id, type: 19, message_reference: { message_id: incident.id } });

    server.deleteMessage(channel, incident.id);
    const [afterDelete] = await list(client, channel);
    expect(afterDelete?.referenced_message).toBeNull(); // Discord: null once the target is deleted
  });

  test('a reply to a deleted message: plain message with fail_if_not_exists false, else 400 50035', async () => {
    const server = await fake({ routeLimit: 0 });
    const client = rest(server);
    const channel = fakeSnowflake();
    const incident = await post(client, channel, { content: 'incident' });
    server.deleteMessage(channel, incident.id);

    const plain = await post(client, channel, {
      content: 'update',
      message_reference: { message_id: incident.id, fail_if_not_exists: false },
    });
    expect(plain.type).toBe(0);
    expect(plain).not.toHaveProperty('message_reference');
    expect(plain).not.toHaveProperty('referenced_message');
    expect(server.messages.at(-1)).toMatchObject({ id: plain.id, content: 'update' });
    expect(server.messages.at(-1)?.referencedMessageId).toBeUndefined();

    const error = await rejection(
      post(client, channel, { content: 'update', message_reference: { message_id: incident.id } }),
    );
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: RESTJSONErrorCodes.InvalidFormBodyOrContentType });
    expect((error as DiscordAPIError).message).toContain(
      'message_reference[MESSAGE_REFERENCE_UNKNOWN_MESSAGE]',
    );
    const explicit = await raw(server, Routes.channelMessages(channel), {
      body: { content: 'update', message_reference: { message_id: incident.id, fail_if_not_exists: true } },
    });
    expect(explicit.status).toBe(400);
    expect(await explicit.json()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        message_reference: {
          _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }],
        },
      },
    });
    // A message of another channel is not a reply target either.
    const elsewhere = await post(client, fakeSnowflake(), { content: 'elsewhere' });
    await expect(
      post(client, channel, { content: 'x', message_reference: { message_id: elsewhere.id } }),
    ).rejects.toMatchObject({ code: 50035 });
    expect(server.messagesTo(channel).map((m) => m.content)).toEqual(['update']);
  });

  test('message_reference is validated; an enforced nonce returns the first reply', async () => {
    const server = await fake({ routeLimit: 0 });
    const client = rest(server);
    const channel = fakeSnowflake();
    const cases: [unknown, string][] = [
      ['123', 'message_reference[DICT_TYPE_CONVERT]'],
      [{}, 'message_reference.message_id[BASE_TYPE_REQUIRED]'],
      [{ message_id: 'abc' }, 'message_reference.message_id[NUMBER_TYPE_COERCE]'],
      [{ message_id: 12 }, 'message_reference.message_id[NUMBER_TYPE_COERCE]'],
      [
        { message_id: fakeSnowflake(), fail_if_not_exists: 'no' },
        'message_reference.fail_if_not_exists[BASE_TYPE_BOOLEAN]',
      ],
    ];
    for (const [reference, flattened] of cases) {
      const error = await rejection(post(client, channel, { content: 'x', message_reference: reference }));
      expect(error).toMatchObject({ status: 400, code: 50035 });
      expect((error as DiscordAPIError).message).toContain(flattened);
    }
    expect(server.messages).toHaveLength(0);

    const incident = await post(client, channel, { content: 'incident' });
    const body = {
      content: 'update',
      nonce: 'reply-1',
      enforce_nonce: true,
      message_reference: { message_id: incident.id },
    };
    const first = await post(client, channel, body);
    server.deleteMessage(channel, incident.id);
    const again = await post(client, channel, body);
    expect(again.id).toBe(first.id); // the nonce is checked before the (now deleted) target
    expect(again.type).toBe(19);
    expect(server.messagesTo(channel)).toHaveLength(1);
  });
});

describe('deleting', () => {
  test('DELETE answers 204 without a body, then 404 10008; the message leaves GET and `messages`', async () => {
    const server = await fake();
    const client = rest(server);
    const user = fakeSnowflake();
    const dm = (await client.post(Routes.userChannels(), { body: { recipient_id: user } })) as APIDMChannel;
    const [a, b] = [await post(client, dm.id, { content: 'a' }), await post(client, dm.id, { content: 'b' })];

    const deleted = await call(server, 'DELETE', Routes.channelMessage(dm.id, a.id));
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    const again = await call(server, 'DELETE', Routes.channelMessage(dm.id, a.id));
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ message: 'Unknown Message', code: 10008 });
    await expect(client.delete(Routes.channelMessage(dm.id, b.id))).resolves.toBeDefined();
    await expect(client.get(Routes.channelMessage(dm.id, b.id))).rejects.toMatchObject({ code: 10008 });

    expect(await list(client, dm.id)).toEqual([]);
    expect(server.messages).toEqual([]);
    expect(server.messagesTo(user)).toEqual([]);
    expect(server.deletedMessages.map((m) => [m.id, m.userId])).toEqual([
      [a.id, user],
      [b.id, user],
    ]);
    expect((await call(server, 'PUT', Routes.channelMessage(dm.id, b.id), {})).status).toBe(405);
  });
});

describe('crossposts', () => {
  test('in an announcement channel: published once (flag 1), then 40033', async () => {
    const server = await fake();
    const client = rest(server);
    const channel = fakeSnowflake();
    server.setChannelType(channel, 5);
    const message = await post(client, channel, { content: 'Incident' });

    const published = (await client.post(Routes.channelMessageCrosspost(channel, message.id))) as APIMessage;
    expect(published).toMatchObject({ id: message.id, content: 'Incident' });
    expect(published.flags).toBe(MessageFlags.Crossposted);
    expect(server.messages[0]?.crossposted).toBe(true);
    expect(server.crossposts).toEqual([
      { channelId: channel, messageId: message.id, at: expect.any(Number) },
    ]);
    const [listed] = await list(client, channel);
    expect(listed?.flags).toBe(MessageFlags.Crossposted);

    const twice = await rejection(client.post(Routes.channelMessageCrosspost(channel, message.id)));
    expect(twice).toBeInstanceOf(DiscordAPIError);
    expect(twice).toMatchObject({
      status: 400,
      code: RESTJSONErrorCodes.ThisMessageWasAlreadyCrossposted,
      message: 'This message has already been crossposted.',
    });
    // Still crossposted after an edit; a deleted message is unknown.
    await edit(client, channel, message.id, { content: 'Incident (resolved)' });
    expect(server.messages[0]).toMatchObject({ crossposted: true, edits: 1 });
    server.deleteMessage(channel, message.id);
    await expect(client.post(Routes.channelMessageCrosspost(channel, message.id))).rejects.toMatchObject({
      status: 404,
      code: RESTJSONErrorCodes.UnknownMessage,
    });
    expect(server.crossposts).toHaveLength(1);
  });

  test('outside an announcement channel it is refused', async () => {
    const server = await fake();
    const client = rest(server);
    const [text, back] = [fakeSnowflake(), fakeSnowflake()];
    const message = await post(client, text, { content: 'Incident' });

    const refused = await rejection(client.post(Routes.channelMessageCrosspost(text, message.id)));
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({
      status: 403,
      code: RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
    });
    server.setChannelType(back, 5);
    server.setChannelType(back, 0);
    const other = await post(client, back, { content: 'x' });
    await expect(client.post(Routes.channelMessageCrosspost(back, other.id))).rejects.toMatchObject({
      code: 50024,
    });
    expect(server.messages.every((m) => m.crossposted === undefined)).toBe(true);
    expect(server.crossposts).toEqual([]);
  });

  test('crosspostLimitPerHour crossposts per channel, then a route 429 with an hour to wait', async () => {
    const server = await fake({ crosspostLimitPerHour: 2, routeLimit: 0 });
    const client = rest(server);
    const [channel, other] = [fakeSnowflake(), fakeSnowflake()];
    server.setChannelType(channel, 5);
    server.setChannelType(other, 5);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await post(client, channel, { content: `m${i}` })).id);
    const otherMessage = await post(client, other, { content: 'o' });

    const crosspost = (c: string, id: string) => call(server, 'POST', Routes.channelMessageCrosspost(c, id));
    const first = await crosspost(channel, ids[0]!);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await crosspost(channel, ids[0]!)).headers.get('x-ratelimit-remaining')).toBe('1'); // 40033 uses none
    expect((await crosspost(channel, ids[1]!)).status).toBe(200);
    const limited = await crosspost(channel, ids[2]!);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect(await limited.json()).toMatchObject({ global: false, message: 'You are being rate limited.' });
    expect((await crosspost(other, otherMessage.id)).status).toBe(200); // per channel
    expect(server.count429Route).toBe(1);
    expect(server.crossposts.map((c) => c.messageId)).toEqual([ids[0], ids[1], otherMessage.id]);
  });
});

describe('reset and clearFaults with edits, deletes and crossposts', () => {
  test('clearFaults() keeps messages; reset() forgets deleted messages, crossposts and channel types', async () => {
    const server = await fake();
    const client = rest(server);
    const channel = fakeSnowflake();
    server.setChannelType(channel, 5);
    const [a, b] = [
      await post(client, channel, { content: 'a' }),
      await post(client, channel, { content: 'b' }),
    ];
    await edit(client, channel, a.id, { content: 'a2' });
    await client.post(Routes.channelMessageCrosspost(channel, a.id));
    server.deleteMessage(channel, b.id);
    server.failChannel(channel, { status: 403, code: 50013 });

    server.clearFaults();
    expect(server.messages).toEqual([
      expect.objectContaining({ content: 'a2', edits: 1, crossposted: true }),
    ]);
    expect(server.deletedMessages).toHaveLength(1);
    expect(server.crossposts).toHaveLength(1);

    server.reset();
    expect(server.messages).toEqual([]);
    expect(server.deletedMessages).toEqual([]);
    expect(server.crossposts).toEqual([]);
    await expect(edit(client, channel, a.id, { content: 'a3' })).rejects.toMatchObject({ code: 10008 });
    const c = await post(client, channel, { content: 'c' });
    await expect(client.post(Routes.channelMessageCrosspost(channel, c.id))).rejects.toMatchObject({
      code: 50024, // a text channel again
    });
  });
});

describe('command bulk overwrite', () => {
  const command = { name: 'status', description: 'Status', type: 1 };

  test('records each PUT and answers with the commands plus ids, stable per scope and name', async () => {
    const server = await fake();
    const client = rest(server);
    const guildId = fakeSnowflake();

    const global1 = (await client.put(Routes.applicationCommands(server.applicationId), {
      body: [command],
    })) as { id: string; application_id: string; name: string; guild_id?: string }[];
    const global2 = (await client.put(Routes.applicationCommands(server.applicationId), {
      body: [command, { ...command, name: 'report' }],
    })) as typeof global1;
    const guild = (await client.put(Routes.applicationGuildCommands(server.applicationId, guildId), {
      body: [command],
    })) as typeof global1;

    expect(global1).toEqual([
      expect.objectContaining({
        ...command,
        application_id: server.applicationId,
        default_member_permissions: null,
      }),
    ]);
    expect(global1[0]).not.toHaveProperty('guild_id');
    expect(global2.map((c) => c.name)).toEqual(['status', 'report']);
    expect(global2[0]?.id).toBe(global1[0]?.id);
    expect(global2[1]?.id).not.toBe(global1[0]?.id);
    expect(guild[0]).toMatchObject({ guild_id: guildId, name: 'status' });
    expect(guild[0]?.id).not.toBe(global1[0]?.id);
    expect(server.commandRegistrations.map((r) => [r.applicationId, r.guildId, r.body])).toEqual([
      [server.applicationId, null, [command]],
      [server.applicationId, null, [command, { ...command, name: 'report' }]],
      [server.applicationId, guildId, [command]],
    ]);

    server.reset();
    expect(server.commandRegistrations).toEqual([]);
  });

  test('refuses a body that is not a list, other methods, and missing auth, recording nothing', async () => {
    const server = await fake();
    const route = Routes.applicationCommands(server.applicationId);
    const put = (body: unknown, auth?: string) =>
      fetch(`${server.apiBaseUrl}/v10${route}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...(auth === undefined ? {} : { authorization: auth }),
        },
        body: JSON.stringify(body),
      });

    const notList = await put(command, `Bot ${FAKE_DISCORD_TOKEN}`);
    expect(notList.status).toBe(400);
    expect(await notList.json()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        _errors: [{ code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' }],
      },
    });
    expect((await put([command])).status).toBe(401);
    expect((await raw(server, route, { body: [command] })).status).toBe(405); // POST
    expect(server.commandRegistrations).toEqual([]);
  });
});
