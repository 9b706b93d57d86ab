/**
 * The fan-out's state transitions, without Temporal: what the `progress` query and the result show,
 * and what continue-as-new carries, as pages and retry rounds come back.
 */
import type { AlertContent } from '../../src/contracts/alert-content';
import type { AlertFact, FanoutFailure, FanoutProgress, Recipient } from '../../src/contracts/alerts';
import { FanoutState } from '../../src/workflows/alert-fanout';

const fact: AlertFact = { type: 'incident', referenceId: 'inc-1', observedAt: '2026-01-10T12:00:00.000Z' };
const content = { type: 'incident', referenceId: 'inc-1' } as AlertContent;
const guild = (id: string): Recipient => ({
  kind: 'guild',
  id,
  channelId: `c${id}`,
  language: null,
  locale: null,
});
const failed = (recipient: string): FanoutFailure => ({
  recipient,
  code: 50013,
  reason: 'Missing Permissions',
  disabled: true,
});
const page = (over: Partial<Parameters<FanoutState['recordPage']>[0]> = {}) => ({
  recipients: 3,
  delivered: 2,
  alreadySent: 1,
  failed: [],
  retryLater: [],
  next: { kind: 'guild' as const, afterId: '3' },
  ...over,
});

const start = (): FanoutProgress => ({
  referenceId: 'inc-1',
  type: 'incident',
  phase: 'loading',
  recipientsSeen: 0,
  delivered: 0,
  alreadySent: 0,
  failedPermanently: 0,
  failures: [],
  pages: 0,
  pending: 0,
});

describe('FanoutState', () => {
  it('starts loading, with no cursor and nobody to retry', () => {
    const fanout = new FanoutState({ fact });
    expect(fanout.snapshot()).toEqual(start());
    expect(fanout.cursor).toBeNull();
    expect(fanout.retriesPending).toBe(0);
    expect(fanout.delivering).toBe(false);
  });

  it('nothing to send ends it', () => {
    const fanout = new FanoutState({ fact });
    fanout.nothingToSend();
    expect(fanout.snapshot()).toEqual({ ...start(), phase: 'nothing-to-send' });
  });

  it('counts pages and moves the cursor; the last page turns it to retrying', () => {
    const fanout = new FanoutState({ fact });
    fanout.startDelivering();
    expect(fanout.delivering).toBe(true);
    fanout.recordPage(page({ failed: [failed('guild:2')], retryLater: [guild('3')] }));
    expect(fanout.cursor).toEqual({ kind: 'guild', afterId: '3' });
    expect(fanout.delivering).toBe(true);
    fanout.recordPage(page({ recipients: 1, delivered: 1, alreadySent: 0, next: null }));
    expect(fanout.delivering).toBe(false);
    expect(fanout.cursor).toBeNull();
    expect(fanout.retriesPending).toBe(1);
    expect(fanout.snapshot()).toEqual({
      ...start(),
      phase: 'retrying',
      pages: 2,
      recipientsSeen: 4,
      delivered: 3,
      alreadySent: 1,
      failedPermanently: 1,
      failures: [failed('guild:2')],
      pending: 1,
    });
  });

  it('waits out an unreachable Discord: notes since when, and counts whoever is unreached at expiry apart from failures', () => {
    const fanout = new FanoutState({ fact });
    fanout.startDelivering();
    fanout.recordPage(page({ next: { kind: 'guild', afterId: '2' }, retryLater: [guild('1')] }));
    fanout.discordUnreachable('2026-11-25T10:00:00.000Z');
    fanout.discordUnreachable('2026-11-25T10:05:00.000Z'); // still the first moment
    expect(fanout.snapshot().waitingForDiscordSince).toBe('2026-11-25T10:00:00.000Z');
    fanout.discordReachable();
    expect(fanout.snapshot().waitingForDiscordSince).toBeNull();

    fanout.discordUnreachable('2026-11-26T09:00:00.000Z');
    expect(fanout.expire(40)).toBe(41); // 40 past the cursor, and the one waiting for a retry
    expect(fanout.snapshot()).toMatchObject({
      phase: 'done',
      expired: 41,
      pending: 0,
      failedPermanently: 0,
      waitingForDiscordSince: '2026-11-26T09:00:00.000Z',
    });
    expect(fanout.delivering).toBe(false);
    expect(fanout.cursor).toBeNull();
  });

  it('completes once everyone was reached', () => {
    const fanout = new FanoutState({ fact });
    fanout.startDelivering();
    fanout.recordPage(page({ next: null }));
    fanout.complete();
    expect(fanout.snapshot()).toMatchObject({ phase: 'done', pending: 0 });
  });

  it('retry rounds: a failed round keeps its batch; who still fails at the end has failed for good', () => {
    const fanout = new FanoutState({ fact });
    fanout.startDelivering();
    fanout.recordPage(page({ next: null, retryLater: [guild('1'), guild('2'), guild('3')] }));

    // Round 1: the activity itself failed.
    const first = fanout.takeRetries();
    expect(first.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(fanout.retriesPending).toBe(0);
    fanout.retryFailed(first);
    expect(fanout.retriesPending).toBe(3);

    // Round 2: one delivered, one refused for good, one transient again.
    expect(fanout.takeRetries().map((r) => r.id)).toEqual(['1', '2', '3']);
    fanout.recordRetry({
      delivered: 1,
      alreadySent: 0,
      failed: [failed('guild:2')],
      retryLater: [guild('3')],
    });
    expect(fanout.retriesPending).toBe(1);

    // Round 3: still transient.
    expect(fanout.takeRetries().map((r) => r.id)).toEqual(['3']);
    fanout.recordRetry({ delivered: 0, alreadySent: 0, failed: [], retryLater: [guild('3')] });

    fanout.finish();
    expect(fanout.snapshot()).toEqual({
      ...start(),
      phase: 'done',
      pages: 1,
      recipientsSeen: 3,
      delivered: 3,
      alreadySent: 1,
      failedPermanently: 2,
      failures: [
        failed('guild:2'),
        { recipient: 'guild:3', code: null, reason: 'transient errors persisted', disabled: false },
      ],
    });
  });

  it('lists the first 100 failures and counts them all', () => {
    const fanout = new FanoutState({ fact });
    fanout.startDelivering();
    const many = Array.from({ length: 70 }, (_, i) => failed(`guild:${i}`));
    fanout.recordPage(page({ failed: many }));
    fanout.recordPage(page({ failed: many, next: null }));
    const progress = fanout.snapshot();
    expect(progress.failedPermanently).toBe(140);
    expect(progress.failures).toHaveLength(100);
    expect(progress.failures[99]).toEqual(failed('guild:29'));
  });

  it('carries content, cursor, progress and retries, and resumes from them as they were', () => {
    const fanout = new FanoutState({ fact });
    fanout.startDelivering();
    fanout.recordPage(page({ retryLater: [guild('2')] }));
    const carried = fanout.carry(content);
    expect(carried).toEqual({
      fact,
      carried: {
        content,
        cursor: { kind: 'guild', afterId: '3' },
        progress: fanout.snapshot(),
        retry: [guild('2')],
      },
    });

    const resumed = new FanoutState(carried);
    resumed.startDelivering();
    expect(resumed.delivering).toBe(true);
    expect(resumed.cursor).toEqual({ kind: 'guild', afterId: '3' });
    expect(resumed.retriesPending).toBe(1);
    expect(resumed.snapshot()).toEqual(fanout.snapshot());
  });

  it('a carried progress passes through as it is, including fields it does not know', () => {
    const progress = { ...start(), phase: 'retrying', fromAnOlderVersion: 1 } as FanoutProgress;
    const fanout = new FanoutState({ fact, carried: { content, cursor: null, progress, retry: [] } });
    fanout.startDelivering();
    expect(fanout.delivering).toBe(false);
    expect(JSON.stringify(fanout.snapshot())).toBe(JSON.stringify(progress));
  });

  it('snapshots are copies: later pages do not change them', () => {
    const fanout = new FanoutState({ fact });
    fanout.startDelivering();
    const before = fanout.snapshot();
    fanout.recordPage(page({ failed: [failed('guild:1')] }));
    expect(before).toEqual({ ...start(), phase: 'delivering' });
  });
});
