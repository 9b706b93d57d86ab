/** The bot's pure parts: setting validation, the unregister buttons' ids, the /status embed. */
import { embedProblems } from '../discord/presentation/embed-problems';
import { buildStatusEmbed, formatRate, groupComponents } from '../../src/bot/status-embed';
import {
  isExpired,
  parseUnregisterCustomId,
  UNREGISTER_BUTTONS_TTL_MS,
  unregisterCustomId,
} from '../../src/bot/buttons/unregister-buttons';
import { summarizeMetrics } from '../../src/bot/metric-summary';
import { reportReply } from '../../src/bot/replies';
import type { ComponentView } from '../../src/bot/views';
import { checkSetting, pollSourceOf, SETTING_KEYS, SETTINGS } from '../../src/contracts/settings';
import { validateCommandRequest } from '../../src/contracts/commands';

describe('checkSetting', () => {
  it.each([
    ['polling.status', '60', '60'],
    ['polling.status', ' 3600 ', '3600'],
    ['report_threshold', '10000', '10000'],
    ['report_interval', '1440', '1440'],
    ['alert.metrics.enabled', 'ON', 'true'],
    ['alert.metrics.enabled', 'no', 'false'],
    ['alert.metrics.api_errors', '5%', '0.05'],
    ['alert.metrics.api_errors', '0.5', '0.5'],
    ['alert.metrics.extauth_steam', '100%', '1'],
    ['alert.metrics.api_latency', '1500.5', '1500.5'],
  ])('%s accepts %j as %j', (key, raw, stored) => {
    expect(checkSetting(key, raw)).toEqual({ ok: true, value: stored });
  });

  it.each([
    ['polling.status', '59'],
    ['polling.status', '3601'],
    ['polling.status', '60.5'],
    ['polling.status', ''],
    ['polling.status', '1e3'],
    ['polling.status', '0x3c'],
    ['report_threshold', '0'],
    ['report_interval', '-5'],
    ['alert.metrics.enabled', 'maybe'],
    ['alert.metrics.api_errors', '1.01'],
    ['alert.metrics.api_errors', '101%'],
    ['alert.metrics.api_latency', 'Infinity'],
  ])('%s refuses %j and names the rule', (key, raw) => {
    expect(checkSetting(key, raw)).toEqual({
      ok: false,
      reason: 'invalid_value',
      rule: SETTINGS[key as 'polling.status'].rule,
    });
  });

  it('refuses unknown keys and non-string values', () => {
    expect(checkSetting('polling.nope', '60')).toEqual({ ok: false, reason: 'unknown_key' });
    expect(checkSetting('polling.status', 60)).toMatchObject({ ok: false, reason: 'invalid_value' });
  });

  it('every default passes its own rule; poll keys name their loop', () => {
    for (const key of SETTING_KEYS)
      expect(checkSetting(key, SETTINGS[key].defaultValue)).toMatchObject({ ok: true });
    expect(pollSourceOf('polling.incident')).toBe('incident');
    expect(pollSourceOf('report_interval')).toBeNull();
  });

  it('the workflow validator applies the same rules', () => {
    const request = (value: string) => ({
      interactionId: '123456789012345678',
      log: null,
      action: { kind: 'setSetting' as const, key: 'polling.status' as const, value },
    });
    expect(() => validateCommandRequest(request('120'))).not.toThrow();
    expect(() => validateCommandRequest(request('30'))).toThrow(/invalid value for polling.status/);
  });
});

describe('unregister buttons', () => {
  const button = {
    action: 'confirm' as const,
    invokerId: '123456789012345678',
    issuedAtMs: 1_800_000_000_000,
  };

  it('round-trip through the custom id, which fits Discord’s 100 characters', () => {
    const id = unregisterCustomId(button);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseUnregisterCustomId(id)).toEqual(button);
    // with the registration they unregister: a server, or the invoker's DMs
    for (const guildId of ['12345678901234567890', null]) {
      const targeted = unregisterCustomId({ ...button, guildId });
      expect(targeted.length).toBeLessThanOrEqual(100);
      expect(parseUnregisterCustomId(targeted)).toEqual({ ...button, guildId });
    }
    expect(parseUnregisterCustomId('unregister:delete:123456789012345678:1')).toBeNull();
    expect(parseUnregisterCustomId('something-else')).toBeNull();
  });

  it('expire after 15 minutes (and do not trust a time from the future)', () => {
    expect(isExpired(button, button.issuedAtMs + UNREGISTER_BUTTONS_TTL_MS - 1)).toBe(false);
    expect(isExpired(button, button.issuedAtMs + UNREGISTER_BUTTONS_TTL_MS)).toBe(true);
    expect(isExpired(button, button.issuedAtMs - 3_600_000)).toBe(true);
  });
});

describe('/status embed', () => {
  const metrics = { onlineUsers: null, apiErrorRate: 0.000003, steamAuthSuccess: 1, metaAuthSuccess: null };
  const c = (
    id: string,
    name: string,
    status: string,
    groupId: string | null,
    isGroup = false,
  ): ComponentView => ({
    id,
    name,
    status,
    groupId,
    isGroup,
  });

  it('groups children under their group, in payload order, even when a child comes first', () => {
    const sections = groupComponents([
      c('child1', 'USA, West', 'operational', 'net'),
      c('net', 'Realtime Networking', 'operational', null, true),
      c('api', 'API / Website', 'partial_outage', null, true),
      c('orphan', 'Orphan', 'operational', 'missing-group'),
      c('loose', 'Loose', 'operational', null),
    ]);
    expect(sections.map((s) => [s.name, s.members.map((m) => m.id)])).toEqual([
      ['Realtime Networking', ['child1']],
      // A group without children shows itself.
      ['API / Website', ['api']],
      [null, ['orphan', 'loose']],
    ]);
  });

  it('formats tiny error rates and full auth success readably', () => {
    expect(formatRate('en', 0.000003)).toBe('<0.01%');
    expect(formatRate('en', 0)).toBe('0%');
    expect(formatRate('ko', 0.98765)).toBe('98.77%');
  });

  it('stays within Discord’s limits with hundreds of components and long names', () => {
    const many = Array.from({ length: 40 }, (_, g) => [
      c(`g${g}`, `Group ${g} ${'x'.repeat(300)}`, 'operational', null, true),
      ...Array.from({ length: 30 }, (_, i) =>
        c(`g${g}c${i}`, `Component ${i} ${'y'.repeat(60)}`, 'major_outage', `g${g}`),
      ),
    ]).flat();
    const embed = buildStatusEmbed(
      'en',
      {
        indicator: 'critical',
        description: 'x',
        updatedAt: new Date('2026-11-25T10:00:00Z'),
        components: many,
      },
      metrics,
      null,
    );
    expect(embedProblems(embed)).toEqual([]);
    expect(embed.fields.length).toBeLessThanOrEqual(25);
    expect(embed.fields.slice(0, 4).map((f) => f.name)).toEqual([
      'Online users (12 h)',
      'API error rate',
      'Steam auth success',
      'Meta auth success',
    ]);
    expect(embed.fields[1]?.value).toBe('<0.01% (last 5 min)');
    expect(embed.fields[3]?.value).toBe('No data');
    // Some component groups are there too, cut to fit.
    expect(embed.fields.length).toBeGreaterThan(4);
  });
});

describe('/report reply', () => {
  const accepted = (othersCount: number, windowMinutes: number) =>
    ({ status: 'accepted', reportId: 1, type: 'login', othersCount, windowMinutes }) as const;

  it.each([
    [
      0,
      15,
      'Nobody else has reported this in the last 15 minutes.',
      '최근 15분 동안 같은 문제를 제보한 사람은 아직 없습니다.',
    ],
    [
      1,
      15,
      '1 other person reported the same problem in the last 15 minutes.',
      '최근 15분 동안 다른 1명도 같은 문제를 제보했습니다.',
    ],
    [
      2,
      60,
      '2 other people reported the same problem in the last 60 minutes.',
      '최근 60분 동안 다른 2명도 같은 문제를 제보했습니다.',
    ],
    [
      1234,
      1440,
      '1,234 other people reported the same problem in the last 1,440 minutes.',
      '최근 1,440분 동안 다른 1,234명도 같은 문제를 제보했습니다.',
    ],
  ])('%d others in %d minutes: plural form and grouped numbers', (others, window, en, ko) => {
    expect(reportReply('en', accepted(others, window))).toBe(`Thanks! Your **Login** report is in.\n${en}`);
    expect(reportReply('ko', accepted(others, window))).toBe(
      `제보 감사합니다! **로그인** 문제 제보가 접수되었습니다.\n${ko}`,
    );
  });

  it('ends a cooldown no earlier than it ends (seconds rounded up)', () => {
    expect(reportReply('en', { status: 'cooldown', retryAt: '2026-11-25T12:00:00.500Z' })).toBe(
      'You reported a problem a moment ago. You can report again <t:1795608001:R>.',
    );
  });
});

describe('summarizeMetrics', () => {
  const empty = {
    visits: [],
    api_latency: [],
    api_requests: [],
    api_errors: [],
    extauth_steam: [],
    extauth_oculus: [],
    extauth_steam_count: [],
    extauth_oculus_count: [],
  };
  const at = (minute: number, value: number) => ({ timestamp: minute * 60_000, value });

  it('averages and peaks online users over the whole window, rates over the newest 5 minutes', () => {
    const summary = summarizeMetrics({
      ...empty,
      visits: [at(0, 40_000), at(1, 60_000), at(2, 50_000)],
      // the old 50 % is more than 5 minutes before the newest point, so it does not count
      api_errors: [at(0, 0.5), at(10, 0.01), at(12, 0.03)],
      extauth_steam: [at(12, 0.98)],
    });
    expect(summary).toEqual({
      onlineUsers: { average: 50_000, peak: 60_000 },
      apiErrorRate: 0.02,
      steamAuthSuccess: 0.98,
      metaAuthSuccess: null,
    });
  });

  it('says there is no data rather than inventing zeros', () => {
    expect(summarizeMetrics(empty)).toEqual({
      onlineUsers: null,
      apiErrorRate: null,
      steamAuthSuccess: null,
      metaAuthSuccess: null,
    });
  });
});
