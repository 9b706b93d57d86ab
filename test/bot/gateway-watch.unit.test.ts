/** The pure part of the gateway watch: since when each shard is away, and what /healthz says. */
import { closedWhileConnecting, describeGatewayClose, GatewayTracker } from '../../src/bot/gateway-watch';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');
const ready = (id: number, pingMs = 40) => ({ id, ready: true, pingMs });
const away = (id: number) => ({ id, ready: false, pingMs: 40 });
const grace = { stopping: false, graceMs: 60_000 };

describe('GatewayTracker', () => {
  it('is ok while every shard is ready, and reports each one', () => {
    const tracker = new GatewayTracker(T0);
    tracker.observe([ready(0), ready(1, -1)], T0);
    expect(tracker.longestAway(T0 + 5_000)).toBeUndefined();
    expect(tracker.report(T0 + 5_000, grace)).toEqual({
      status: 'ok',
      shards: [
        { id: 0, status: 'ready', since: '2026-12-04T10:00:00.000Z', pingMs: 40 },
        { id: 1, status: 'ready', since: '2026-12-04T10:00:00.000Z', pingMs: null },
      ],
      checkedAt: '2026-12-04T10:00:05.000Z',
    });
  });

  it('counts a shard away from the first observation that saw it away, and forgets it on its return', () => {
    const tracker = new GatewayTracker(T0);
    tracker.observe([ready(0), ready(1)], T0);
    tracker.observe([ready(0), away(1)], T0 + 10_000);
    tracker.observe([ready(0), away(1)], T0 + 15_000);
    expect(tracker.longestAway(T0 + 20_000)).toEqual({ id: 1, ms: 10_000 });
    expect(tracker.report(T0 + 20_000, grace).status).toBe('reconnecting'); // 200: give it a minute
    expect(tracker.report(T0 + 80_001, grace).status).toBe('down'); // 503
    tracker.observe([ready(0), ready(1)], T0 + 90_000);
    expect(tracker.longestAway(T0 + 95_000)).toBeUndefined();
    expect(tracker.report(T0 + 95_000, grace).status).toBe('ok');
  });

  it('counts a shard that never became ready from when the bot started', () => {
    const tracker = new GatewayTracker(T0);
    tracker.observe([ready(0), away(1)], T0 + 30_000);
    expect(tracker.longestAway(T0 + 30_000)).toEqual({ id: 1, ms: 30_000 });
  });

  it('is down while stopping, or before any shard was seen', () => {
    const tracker = new GatewayTracker(T0);
    expect(tracker.report(T0, grace).status).toBe('down');
    tracker.observe([ready(0)], T0);
    expect(tracker.report(T0, { stopping: true, graceMs: 60_000 }).status).toBe('down');
  });
});

it('recognises a login refused by such a close', () => {
  expect(closedWhileConnecting(new Error('Sharding is required'))?.message).toBe(
    'Discord closed the gateway for good: code 4011 (sharding required: the bot is in too many servers for one connection; set DISCORD_SHARDS=auto)',
  );
  expect(closedWhileConnecting(new Error('An invalid token was provided.'))).toBeUndefined();
});

it('names what a fatal close code means', () => {
  expect(describeGatewayClose(4011)).toMatch(/^code 4011 \(sharding required: .*DISCORD_SHARDS=auto\)$/);
  expect(describeGatewayClose(4999)).toBe('code 4999 (not recoverable)');
});
