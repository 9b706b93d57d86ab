/**
 * The sending boundary every sender shares: nonces that stay the same across deploys (a send
 * repeated after an upgrade must carry the nonce of the first attempt) and which Discord errors
 * are final.
 */
import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import {
  DISABLING_ERROR_CODES,
  FINAL_ERROR_CODES,
  finalRefusal,
  messageNonce,
  STRIKE_ERROR_CODES,
} from '../../src/discord/send';
import { deliveryNonce } from '../../src/alerts/deliver';

const apiError = (code: number, status = 403) =>
  new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', '/channels/1/messages', {});

describe('messageNonce', () => {
  it('is the 25-character prefix of the parts hash that every earlier release sent', () => {
    // Recorded values: a change here would let a send retried across a deploy post twice.
    expect(messageNonce('incident', '9cn3s26glx4d', 'guild:100000000000000001')).toBe(
      'xWRU9I2U6-5WBOpWzwmBhZSx5',
    );
    expect(messageNonce('welcome', '100000000000000001', '100000000000000002')).toBe(
      'UU6-i8X90i-Ouc1yOvSgzqIXG',
    );
  });

  it('gives each alert and recipient its own nonce, within Discord’s 25 characters', () => {
    const guild = {
      kind: 'guild',
      id: '100000000000000001',
      channelId: '2',
      language: null,
      locale: null,
    } as const;
    const user = {
      kind: 'user',
      id: '100000000000000001',
      dmChannelId: null,
      language: null,
      locale: null,
    } as const;
    const incident = { type: 'incident', referenceId: '9cn3s26glx4d' } as const;
    expect(deliveryNonce(incident, guild)).toBe('xWRU9I2U6-5WBOpWzwmBhZSx5');
    const nonces = new Set([
      deliveryNonce(incident, guild),
      deliveryNonce(incident, user),
      deliveryNonce({ ...incident, type: 'incident_resolved' }, guild),
      deliveryNonce({ ...incident, referenceId: '9cn3s26glx4e' }, guild),
    ]);
    expect(nonces.size).toBe(4);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{25}$/);
  });

  it('keeps the parts apart: ("ab", "c") and ("a", "bc") differ', () => {
    expect(messageNonce('ab', 'c')).not.toBe(messageNonce('a', 'bc'));
  });
});

describe('finalRefusal', () => {
  it.each(Object.entries(FINAL_ERROR_CODES))('treats %s (%s) as final', (code, reason) => {
    expect(finalRefusal(apiError(Number(code)))).toEqual({
      code: Number(code),
      reason,
      disablesRecipient: DISABLING_ERROR_CODES.has(Number(code)),
      strikes: STRIKE_ERROR_CODES.has(Number(code)),
    });
  });

  it('switches a registration off at once only for what cannot heal: unknown channel, no mutual guild', () => {
    expect([...DISABLING_ERROR_CODES].sort()).toEqual([10003, 50278]);
  });

  it('counts missing access and missing permissions toward switching a server off', () => {
    expect([...STRIKE_ERROR_CODES].sort()).toEqual([50001, 50013]);
  });

  it.each([
    ['a rate limit or other API error', apiError(40003, 429)],
    ['a 5xx from the edge', new HTTPError(502, 'Bad Gateway', 'POST', '/channels/1/messages', {})],
    ['a timeout', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })],
    ['anything else', 'boom'],
  ])('leaves %s to the caller’s retry', (_what, err) => {
    expect(finalRefusal(err)).toBeNull();
  });
});
