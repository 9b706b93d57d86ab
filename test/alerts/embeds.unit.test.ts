import { embedProblems } from '../discord/presentation/embed-problems';
import { type AlertContent } from '../../src/contracts/alert-content';
import { buildAlertEmbed, formatMetricPair } from '../../src/alerts/embeds';
import {
  type DiscordEmbed,
  EMBED_COLORS,
  EMBED_LIMITS,
  embedLength,
  hasLoneSurrogate,
} from '../../src/discord/presentation';
import { type Language } from '../../src/i18n';
import {
  at,
  incidentContent,
  maintenanceContent,
  metricContent,
  prng,
  statusContent,
  T0,
  thresholdContent,
  unix,
} from './fixtures';

const GREEN = EMBED_COLORS.operational;
const YELLOW = EMBED_COLORS.minor;
const ORANGE = EMBED_COLORS.major;
const RED = EMBED_COLORS.critical;
const BLUE = EMBED_COLORS.maintenance;
const INFO = EMBED_COLORS.info;

/** Builds and asserts the embed is valid by every Discord rule. */
function build(content: AlertContent, language: Language): DiscordEmbed {
  const embed = buildAlertEmbed(content, language);
  expect(embedProblems(embed)).toEqual([]);
  return embed;
}
const names = (embed: DiscordEmbed) => embed.fields.map((f) => f.name);
const field = (embed: DiscordEmbed, name: string) => {
  const found = embed.fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field "${name}" in ${JSON.stringify(names(embed))}`);
  return found.value;
};
const when = (iso: string) => `<t:${unix(iso)}:f> (<t:${unix(iso)}:R>)`;

describe('status alerts', () => {
  it('en: indicator change with grouped component list', () => {
    const embed = build(statusContent(), 'en');
    expect(embed.title).toBe('🟡 VRChat status: Minor service outage');
    expect(embed.color).toBe(YELLOW);
    expect(embed.description).toBe(
      'Status changed: **All systems operational** → **Minor service outage**\n> Minor Service Outage',
    );
    expect(names(embed)).toEqual([
      'Status',
      'Changed',
      'API / Website',
      'Realtime Networking',
      'Affected components',
    ]);
    expect(field(embed, 'Status')).toBe('🟡 Minor service outage');
    expect(field(embed, 'Changed')).toBe(when(T0));
    expect(field(embed, 'API / Website')).toBe(
      '🟠 Login — Partial outage\n🟡 Website — Degraded performance',
    );
    expect(field(embed, 'Realtime Networking')).toBe('🔴 Realtime Networking (USW) — Major outage');
    expect(field(embed, 'Affected components')).toBe('🔵 Third-Party Auth — Under maintenance');
    expect(embed.footer.text).toBe('VRChat Status');
    expect(embed.timestamp).toBe(T0);
    expect(embed.url).toBeUndefined();
  });

  it('ko: same alert in Korean', () => {
    const embed = build(statusContent(), 'ko');
    expect(embed.title).toBe('🟡 VRChat 상태: 일부 서비스 장애');
    expect(embed.color).toBe(YELLOW);
    expect(embed.description).toBe(
      '상태 변경: **모든 시스템 정상** → **일부 서비스 장애**\n> Minor Service Outage',
    );
    expect(names(embed)).toEqual([
      '상태',
      '변경 시각',
      'API / Website',
      'Realtime Networking',
      '영향받는 서비스',
    ]);
    expect(field(embed, 'API / Website')).toBe('🟠 Login — 부분 장애\n🟡 Website — 성능 저하');
    expect(field(embed, 'Realtime Networking')).toBe('🔴 Realtime Networking (USW) — 대규모 장애');
    expect(field(embed, '영향받는 서비스')).toBe('🔵 Third-Party Auth — 점검 중');
    expect(embed.footer.text).toBe('VRChat 공식 상태 페이지');
  });

  it.each([
    ['none', GREEN, '🟢'],
    ['minor', YELLOW, '🟡'],
    ['major', ORANGE, '🟠'],
    ['critical', RED, '🔴'],
    ['maintenance', BLUE, '🔵'],
    ['something_new', INFO, '⚪'],
  ])('indicator %s is coloured %d', (indicator, color, emoji) => {
    for (const language of ['en', 'ko'] as const) {
      const embed = build(statusContent({ indicator, components: [] }), language);
      expect(embed.color).toBe(color);
      expect(embed.title.startsWith(`${emoji} `)).toBe(true);
      expect(names(embed)).toHaveLength(2);
    }
  });

  it('recovery to none is green; no previous indicator says "current status"', () => {
    const recovered = build(
      statusContent({ indicator: 'none', previousIndicator: 'major', components: [] }),
      'en',
    );
    expect(recovered.color).toBe(GREEN);
    expect(recovered.description.split('\n')[0]).toBe(
      'Status changed: **Partial system outage** → **All systems operational**',
    );
    const first = build(statusContent({ previousIndicator: null }), 'ko');
    expect(first.description.split('\n')[0]).toBe('현재 상태: **일부 서비스 장애**');
  });

  it('unknown values fall back to the raw value, title-cased, in both languages', () => {
    for (const language of ['en', 'ko'] as const) {
      const embed = build(
        statusContent({
          indicator: 'partial_brownout',
          components: [{ name: 'API', status: 'slow_ish', group: null }],
        }),
        language,
      );
      expect(embed.title).toContain('Partial Brownout');
      expect(embed.fields.at(-1)?.value).toBe('⚪ API — Slow Ish');
    }
  });

  it('escapes markdown in component names', () => {
    const embed = build(
      statusContent({ components: [{ name: '*Login*_EU_', status: 'major_outage', group: null }] }),
      'en',
    );
    expect(field(embed, 'Affected components')).toBe('🔴 \\*Login\\*\\_EU\\_ — Major outage');
  });
});

describe('incident alerts', () => {
  it('en: new incident', () => {
    const embed = build(incidentContent(), 'en');
    expect(embed.title).toBe('New incident: Login issues');
    expect(embed.url).toBe('https://stspg.io/abc123');
    expect(embed.color).toBe(ORANGE);
    expect(embed.description).toBe('We are investigating reports of **login failures**.\n\nMore soon.');
    expect(names(embed)).toEqual(['Status', 'Impact', 'Started', 'Latest update']);
    expect(field(embed, 'Status')).toBe('Investigating');
    expect(field(embed, 'Impact')).toBe('Major');
    expect(field(embed, 'Started')).toBe(when('2026-11-25T12:00:00.000Z'));
    expect(field(embed, 'Latest update')).toBe(`Investigating · ${when('2026-11-25T12:05:00.000Z')}`);
    expect(embed.fields.slice(0, 3).every((f) => f.inline === true)).toBe(true);
    expect(embed.footer.text).toBe('VRChat Status');
    // The -08:00 offset is normalised to UTC.
    expect(embed.timestamp).toBe('2026-11-25T12:00:00.000Z');
  });

  it('ko: new incident', () => {
    const embed = build(incidentContent(), 'ko');
    expect(embed.title).toBe('장애 발생: Login issues');
    expect(embed.color).toBe(ORANGE);
    expect(names(embed)).toEqual(['상태', '영향도', '발생 시각', '최근 업데이트']);
    expect(field(embed, '상태')).toBe('원인 조사 중');
    expect(field(embed, '영향도')).toBe('중대');
    expect(field(embed, '최근 업데이트')).toMatch(/^원인 조사 중 · <t:\d+:f> \(<t:\d+:R>\)$/);
    expect(embed.footer.text).toBe('VRChat 공식 상태 페이지');
  });

  it.each([
    ['en', 'Incident update: Login issues', 'Monitoring', 'Minor'],
    ['ko', '장애 업데이트: Login issues', '모니터링 중', '경미'],
  ] as const)('%s: incident update', (language, title, status, impact) => {
    const content = incidentContent({
      type: 'incident_update',
      referenceId: 'upd2',
      status: 'monitoring',
      impact: 'minor',
      latestUpdate: { status: 'monitoring', body: 'A fix has been deployed.', publishedAt: at(30) },
    });
    const embed = build(content, language);
    expect(embed.title).toBe(title);
    expect(embed.color).toBe(YELLOW);
    expect(embed.description).toBe('A fix has been deployed.');
    expect(embed.fields[0]?.value).toBe(status);
    expect(embed.fields[1]?.value).toBe(impact);
    expect(embed.fields.at(-1)?.value).toBe(`${status} · ${when(at(30))}`);
    expect(embed.timestamp).toBe(at(30));
  });

  it.each([
    [
      'en',
      'Resolved: Login issues',
      ['Status', 'Impact', 'Started', 'Resolved', 'Latest update'],
      'Resolved',
    ],
    [
      'ko',
      '장애 해결: Login issues',
      ['상태', '영향도', '발생 시각', '해결 시각', '최근 업데이트'],
      '해결됨',
    ],
  ] as const)('%s: incident resolved is green', (language, title, fieldNames, status) => {
    const content = incidentContent({
      type: 'incident_resolved',
      status: 'resolved',
      impact: 'critical',
      resolvedAt: at(90),
      latestUpdate: { status: 'resolved', body: 'This incident has been resolved.', publishedAt: at(90) },
    });
    const embed = build(content, language);
    expect(embed.title).toBe(title);
    expect(embed.color).toBe(GREEN);
    expect(names(embed)).toEqual(fieldNames);
    expect(embed.fields[0]?.value).toBe(status);
    expect(embed.fields[3]?.value).toBe(when(at(90)));
    expect(embed.timestamp).toBe(at(90));
  });

  it.each([
    ['none', INFO],
    ['minor', YELLOW],
    ['major', ORANGE],
    ['critical', RED],
    ['maintenance', BLUE],
    ['weird', INFO],
  ])('open incident with impact %s is coloured %d', (impact, color) => {
    expect(build(incidentContent({ impact }), 'en').color).toBe(color);
  });

  it('a postmortem counts as resolved', () => {
    const embed = build(incidentContent({ type: 'incident_update', status: 'postmortem' }), 'ko');
    expect(embed.color).toBe(GREEN);
    expect(embed.fields[0]?.value).toBe('사후 분석');
  });

  it.each([
    ['incident', 'en', 'VRChat has reported an incident.'],
    ['incident_update', 'en', 'VRChat has posted an update on this incident.'],
    ['incident_resolved', 'en', 'This incident has been resolved.'],
    ['incident', 'ko', 'VRChat에서 장애를 공지했습니다.'],
    ['incident_resolved', 'ko', '장애가 해결되었습니다.'],
  ] as const)('%s without an update body (%s) has a default description', (type, language, text) => {
    const none = build(incidentContent({ type, latestUpdate: null }), language);
    expect(none.description).toBe(text);
    expect(none.fields).toHaveLength(3);
    const blank = build(
      incidentContent({
        type,
        latestUpdate: { status: 'identified', body: ' <br /> \r\n ', publishedAt: T0 },
      }),
      language,
    );
    expect(blank.description).toBe(text);
  });

  it('drops a URL that is not http(s) and keeps a valid embed', () => {
    for (const url of ['javascript:alert(1)', 'not a url', `https://x.example/${'a'.repeat(3000)}`, '']) {
      expect(build(incidentContent({ url }), 'en').url).toBeUndefined();
    }
  });

  it('shows an unknown time instead of an invalid token', () => {
    const embed = build(incidentContent({ startedAt: 'garbage' }), 'en');
    expect(field(embed, 'Started')).toBe('unknown time');
    expect(build(incidentContent({ startedAt: 'garbage' }), 'ko').fields[2]?.value).toBe('시각 정보 없음');
    const noTime = build(incidentContent({ startedAt: 'garbage', latestUpdate: null }), 'en');
    expect(noTime.timestamp).toBeUndefined();
  });
});

describe('maintenance alerts', () => {
  const from = at(24 * 60);
  const until = at(24 * 60 + 120);
  const window = `<t:${unix(from)}:f> – <t:${unix(until)}:f>`;

  it('en: announced', () => {
    const embed = build(maintenanceContent(), 'en');
    expect(embed.title).toBe('Scheduled maintenance: Database upgrade');
    expect(embed.color).toBe(BLUE);
    expect(embed.url).toBe('https://stspg.io/mnt1');
    expect(embed.description).toBe('We will be upgrading our database.\nExpect short interruptions.');
    expect(names(embed)).toEqual(['Status', 'Scheduled window', 'Latest update']);
    expect(field(embed, 'Status')).toBe('Scheduled');
    expect(field(embed, 'Scheduled window')).toBe(`${window}\nStarts <t:${unix(from)}:R>`);
    expect(embed.footer.text).toBe('VRChat Status');
    expect(embed.timestamp).toBe(T0);
  });

  it('ko: announced', () => {
    const embed = build(maintenanceContent(), 'ko');
    expect(embed.title).toBe('점검 예정: Database upgrade');
    expect(names(embed)).toEqual(['상태', '점검 일정', '최근 업데이트']);
    expect(field(embed, '상태')).toBe('예정');
    expect(field(embed, '점검 일정')).toBe(`${window}\n시작: <t:${unix(from)}:R>`);
  });

  it.each([
    ['en', 'Maintenance started: Database upgrade', 'In progress', 'Ends'],
    ['ko', '점검 시작: Database upgrade', '진행 중', '종료:'],
  ] as const)('%s: started', (language, title, status, ends) => {
    const embed = build(maintenanceContent({ type: 'maintenance_started', status: 'in_progress' }), language);
    expect(embed.title).toBe(title);
    expect(embed.color).toBe(BLUE);
    expect(embed.fields[0]?.value).toBe(status);
    expect(embed.fields[1]?.value).toBe(`${window}\n${ends} <t:${unix(until)}:R>`);
  });

  it.each([
    ['en', 'Maintenance completed: Database upgrade', 'Completed', 'Maintenance has been completed.'],
    ['ko', '점검 완료: Database upgrade', '완료', '서버 점검이 끝났습니다.'],
  ] as const)('%s: completed is green', (language, title, status, description) => {
    const embed = build(
      maintenanceContent({ type: 'maintenance_completed', status: 'completed', latestUpdate: null }),
      language,
    );
    expect(embed.title).toBe(title);
    expect(embed.color).toBe(GREEN);
    expect(embed.description).toBe(description);
    expect(embed.fields[0]?.value).toBe(status);
    expect(embed.fields[1]?.value).toBe(window);
    expect(embed.timestamp).toBe(until);
  });

  it('verifying reads as such', () => {
    expect(build(maintenanceContent({ status: 'verifying' }), 'en').fields[0]?.value).toBe('Verifying');
    expect(build(maintenanceContent({ status: 'verifying' }), 'ko').fields[0]?.value).toBe('마무리 확인 중');
  });
});

describe('threshold alerts', () => {
  it('en: at the threshold is yellow, with anonymised recent report times', () => {
    const embed = build(thresholdContent(), 'en');
    expect(embed.title).toBe('Many users report problems: Login');
    expect(embed.color).toBe(YELLOW);
    expect(embed.description).toBe('**5** users reported problems with **Login** in the last 15 minutes.');
    expect(names(embed)).toEqual(['Reports', 'Alert threshold', 'Window', 'Recent reports']);
    expect(field(embed, 'Reports')).toBe('5 users');
    expect(field(embed, 'Alert threshold')).toBe('5 users');
    expect(field(embed, 'Window')).toBe('15 minutes');
    expect(field(embed, 'Recent reports')).toBe([9, 7, 5, 2, 1].map((m) => `- ${when(at(m))}`).join('\n'));
    expect(embed.footer.text).toBe('VRCPulse user reports');
    expect(embed.timestamp).toBe(at(9));
  });

  it('ko: at twice the threshold is orange', () => {
    const embed = build(thresholdContent({ reportType: 'instance', count: 10 }), 'ko');
    expect(embed.title).toBe('유저 제보 급증: 인스턴스 입장');
    expect(embed.color).toBe(ORANGE);
    expect(embed.description).toBe('최근 15분 동안 유저 **10명**이 **인스턴스 입장** 문제를 제보했습니다.');
    expect(names(embed)).toEqual(['제보 수', '알림 기준', '집계 기간', '최근 제보 시각']);
    expect(field(embed, '제보 수')).toBe('10명');
    expect(field(embed, '집계 기간')).toBe('15분');
    expect(embed.footer.text).toBe('VRCPulse 유저 제보');
  });

  it('colour switches to orange exactly at 2x', () => {
    expect(build(thresholdContent({ count: 9 }), 'en').color).toBe(YELLOW);
    expect(build(thresholdContent({ count: 10 }), 'en').color).toBe(ORANGE);
  });

  it('singular forms, at most five times, and a timestamp from the block when no time is given', () => {
    const one = build(
      thresholdContent({
        count: 1,
        threshold: 1,
        windowMinutes: 1,
        recentReportTimes: [at(6), at(5), at(4), at(3), at(2), at(1), at(0)],
      }),
      'en',
    );
    expect(field(one, 'Reports')).toBe('1 user');
    expect(field(one, 'Window')).toBe('1 minute');
    expect(field(one, 'Recent reports').split('\n')).toHaveLength(5);
    const none = build(thresholdContent({ recentReportTimes: [] }), 'en');
    expect(names(none)).toEqual(['Reports', 'Alert threshold', 'Window']);
    expect(none.timestamp).toBe('2026-11-25T12:00:00.000Z');
  });

  it.each([
    ['login', 'Login', '로그인'],
    ['instance', 'Joining instances', '인스턴스 입장'],
    ['api', 'API / website', 'API·웹사이트'],
    ['auth', 'Authentication', '계정 인증'],
    ['download', 'Downloads', '다운로드'],
    ['other', 'Other', '기타'],
  ])('report type %s', (reportType, en, ko) => {
    expect(build(thresholdContent({ reportType }), 'en').title).toBe(`Many users report problems: ${en}`);
    expect(build(thresholdContent({ reportType }), 'ko').title).toBe(`유저 제보 급증: ${ko}`);
  });
});

describe('threshold alerts meet the official signals', () => {
  it('en: names the open incident (linked) and a related metric in breach', () => {
    const embed = build(
      thresholdContent({
        officialIncident: {
          title: 'Login failures',
          status: 'investigating',
          url: 'https://status.example.test/incidents/x1',
        },
        metricBreach: {
          metric: 'extauth_steam',
          value: 0.6,
          threshold: 0.85,
          direction: 'below',
          unit: 'ratio',
        },
      }),
      'en',
    );
    expect(embed.description).toContain(
      'VRChat is already investigating: [Login failures](https://status.example.test/incidents/x1)',
    );
    expect(embed.description).toContain(
      'Steam auth success rate is below its alert threshold too: **60%** (threshold 85%).',
    );
  });

  it('ko: names the open incident', () => {
    const embed = build(
      thresholdContent({ officialIncident: { title: '로그인 장애', status: 'investigating', url: null } }),
      'ko',
    );
    expect(embed.description).toContain('VRChat이 이미 조사 중입니다: **로그인 장애**');
  });

  it('says when the official signals show nothing yet, and says nothing of them in older content', () => {
    expect(
      build(thresholdContent({ officialIncident: null, metricBreach: null }), 'en').description,
    ).toContain("VRChat's status page and metrics show nothing yet.");
    expect(build(thresholdContent(), 'en').description).not.toContain('status page');
  });
});

describe('incident alerts carry the players’ lead', () => {
  it.each([
    ['en', 'Reported by players', '23 minutes before the status page: VRCPulse players reported it first'],
    ['ko', '유저 제보', '상태 페이지보다 23분 먼저 VRCPulse 유저들이 제보했습니다'],
  ] as const)('%s', (language, name, value) => {
    const embed = build(
      incidentContent({
        startedAt: '2026-11-25T12:23:00.000Z',
        playersReportedAt: '2026-11-25T12:00:00.000Z',
      }),
      language,
    );
    expect(field(embed, name)).toBe(value);
  });

  it('shows no lead without one', () => {
    expect(names(build(incidentContent({ playersReportedAt: null }), 'en'))).not.toContain(
      'Reported by players',
    );
  });
});

describe('metric alerts', () => {
  // Content without `episode` is what earlier releases fanned out; it still renders.
  it('en: latency above threshold, in ms', () => {
    const embed = build(metricContent(), 'en');
    expect(embed.title).toBe('API latency above threshold');
    expect(embed.color).toBe(ORANGE);
    expect(embed.description).toBe(
      'The 5-minute average of API latency is **1,234 ms**, above the alert threshold of 800 ms.',
    );
    expect(names(embed)).toEqual(['Current (5-min average)', 'Alert threshold', 'Observed']);
    expect(field(embed, 'Current (5-min average)')).toBe('1,234 ms');
    expect(field(embed, 'Alert threshold')).toBe('above 800 ms');
    expect(field(embed, 'Observed')).toBe(when(T0));
    expect(embed.footer.text).toBe('VRChat CloudFront metrics');
    expect(embed.timestamp).toBe(T0);
  });

  it('ko: Steam auth below threshold, as percent', () => {
    const embed = build(
      metricContent({
        metric: 'extauth_steam',
        value: 0.9496,
        threshold: 0.95,
        direction: 'below',
        unit: 'ratio',
      }),
      'ko',
    );
    expect(embed.title).toBe('Steam 인증 성공률 기준치 미달');
    expect(embed.color).toBe(ORANGE);
    expect(embed.description).toBe('최근 5분 평균 Steam 인증 성공률: **94.96%** (알림 기준 95% 미만)');
    expect(names(embed)).toEqual(['현재 값 (5분 평균)', '알림 기준', '측정 시각']);
    expect(embed.fields[1]?.value).toBe('95% 미만');
    expect(embed.footer.text).toBe('VRChat CloudFront 지표');
  });

  it.each([
    ['en', 'API error rate back to normal', 'API error rate is back to normal'],
    ['ko', 'API 오류율 정상 회복', 'API 오류율 수치가 정상으로 돌아왔습니다.'],
  ] as const)('%s: recovered is green', (language, title, description) => {
    const embed = build(
      metricContent({
        type: 'metric_recovered',
        metric: 'api_errors',
        value: 0.0042,
        threshold: 0.05,
        direction: 'above',
        unit: 'ratio',
      }),
      language,
    );
    expect(embed.title).toBe(title);
    expect(embed.color).toBe(GREEN);
    expect(embed.description.startsWith(description)).toBe(true);
    expect(embed.fields[0]?.value).toBe('0.42%');
  });

  const episode = {
    startedAt: '2026-11-25T10:12:00.000Z',
    startValue: 1360,
    worstValue: 3600,
    endedAt: null,
  };

  it('en: a breach shows when the episode began, its value then and the worst so far', () => {
    const embed = build(
      metricContent({ value: 1360, threshold: 1000, observedAt: episode.startedAt, episode }),
      'en',
    );
    expect(embed.title).toBe('API latency above threshold');
    expect(embed.description).toBe(
      'The 5-minute average of API latency went above the alert threshold of 1,000 ms: **1,360 ms** when it began.',
    );
    expect(names(embed)).toEqual([
      'Started',
      'When it began (5-min average)',
      'Worst so far',
      'Alert threshold',
    ]);
    expect(field(embed, 'Started')).toBe(when(episode.startedAt));
    expect(field(embed, 'Worst so far')).toBe('3,600 ms');
  });

  it.each([
    [
      'en',
      'API latency is back to normal after **2 h 5 min**',
      ['Lasted', '2 h 5 min'],
      ['Worst', '3,600 ms'],
    ],
    ['ko', 'API 응답 시간 수치가 **2시간 5분** 만에', ['지속 시간', '2시간 5분'], ['최악 값', '3,600 ms']],
  ] as const)(
    '%s: a recovery shows how long the episode lasted and its worst value',
    (language, start, lasted, worst) => {
      const embed = build(
        metricContent({
          type: 'metric_recovered',
          value: 150,
          threshold: 1000,
          observedAt: '2026-11-25T12:17:00.000Z',
          episode: { ...episode, endedAt: '2026-11-25T12:17:00.000Z' },
        }),
        language,
      );
      expect(embed.color).toBe(GREEN);
      expect(embed.description.startsWith(start)).toBe(true);
      expect(field(embed, lasted[0])).toBe(lasted[1]);
      expect(field(embed, worst[0])).toBe(worst[1]);
    },
  );

  it('a recovery of a short episode counts minutes', () => {
    const embed = build(
      metricContent({
        type: 'metric_recovered',
        value: 150,
        threshold: 1000,
        episode: { ...episode, endedAt: '2026-11-25T10:13:00.000Z' },
      }),
      'en',
    );
    expect(field(embed, 'Lasted')).toBe('1 minute');
  });

  it('Meta auth is named Meta', () => {
    const content = metricContent({
      metric: 'extauth_oculus',
      value: 0.5,
      threshold: 0.9,
      direction: 'below',
      unit: 'ratio',
    });
    expect(build(content, 'en').title).toBe('Meta auth success rate below threshold');
    expect(build(content, 'ko').title).toBe('Meta 인증 성공률 기준치 미달');
  });

  it.each([
    [1234.4, 800, 'ms', '1,234 ms', '800 ms'],
    [800.4, 800, 'ms', '800.4 ms', '800 ms'],
    [0.9876, 0.95, 'ratio', '98.8%', '95%'],
    [0.9496, 0.95, 'ratio', '94.96%', '95%'],
    [0.94999, 0.95, 'ratio', '94.999%', '95%'],
    [0.0042, 0.05, 'ratio', '0.42%', '5%'],
    [0, 0.05, 'ratio', '0%', '5%'],
    [1, 0.95, 'ratio', '100%', '95%'],
    [Number.NaN, 0.95, 'ratio', '—', '95%'],
  ] as const)('formats %d against %d (%s)', (value, threshold, unit, shownValue, shownThreshold) => {
    for (const language of ['en', 'ko'] as const) {
      expect(formatMetricPair(language, value, threshold, unit)).toEqual({
        value: shownValue,
        threshold: shownThreshold,
      });
    }
  });
});

describe('limits: every embed is valid whatever the content', () => {
  const languages = ['en', 'ko'] as const;
  const longBody = 'VRChat is experiencing login issues. '.repeat(300).slice(0, 10_000);
  const emojiBody = '😀🎉👨‍👩‍👧🇰🇷'.repeat(1200);
  const tokenBody = 'Next update <t:1767225600:R> from <@123456789012345678>. '.repeat(200);

  it.each(languages)('%s: a 10,000-character incident body is cut to the description limit', (language) => {
    expect(longBody).toHaveLength(10_000);
    for (const type of ['incident', 'incident_update', 'incident_resolved'] as const) {
      const embed = build(
        incidentContent({ type, latestUpdate: { status: 'identified', body: longBody, publishedAt: T0 } }),
        language,
      );
      expect(embed.description.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
      expect(embed.description.length).toBeGreaterThan(3500);
      expect(embed.description.endsWith('…')).toBe(true);
      // Nothing else is lost to make room for the body.
      expect(embed.fields).toHaveLength(4);
    }
    const maintenance = build(
      maintenanceContent({ latestUpdate: { status: 'scheduled', body: longBody, publishedAt: T0 } }),
      language,
    );
    expect(maintenance.description.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
  });

  it.each(languages)('%s: a 300-character title is cut to 256', (language) => {
    const title = 'Very long incident title '.repeat(12).slice(0, 300);
    const embed = build(incidentContent({ title }), language);
    expect(embed.title.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(embed.title.endsWith('…')).toBe(true);
    const m = build(maintenanceContent({ title: '🛠️'.repeat(300) }), language);
    expect(hasLoneSurrogate(m.title)).toBe(false);
  });

  it.each(languages)('%s: 60 non-operational components are all listed', (language) => {
    const statuses = ['degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];
    const components = Array.from({ length: 60 }, (_, i) => ({
      name: `Component ${i}`,
      status: statuses[i % 4] ?? 'unknown',
      group: ['API / Website', 'Realtime Networking', null][i % 3] ?? null,
    }));
    const embed = build(statusContent({ indicator: 'critical', components }), language);
    const text = embed.fields.map((f) => f.value).join('\n');
    for (const component of components) expect(text).toContain(`${component.name} —`);
    expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  });

  it.each(languages)('%s: 60 components with 300-character names and groups still fit', (language) => {
    const components = Array.from({ length: 60 }, (_, i) => ({
      name: `${'N'.repeat(295)}${i}`.padEnd(300, 'x'),
      status: 'major_outage',
      group: `${'G'.repeat(295)}${i}`.padEnd(300, 'y'),
    }));
    const embed = build(statusContent({ description: 'D'.repeat(3000), components }), language);
    expect(embed.fields.length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    expect(names(embed).slice(0, 2)).toEqual(
      language === 'en' ? ['Status', 'Changed'] : ['상태', '변경 시각'],
    );
    // Too many to show: the lists say that some are left out.
    expect(embed.fields.map((f) => f.value).join('\n')).toMatch(/…(and \d+ more|외 \d+개)/);
  });

  it.each(languages)('%s: many groups share the fields, the last one lists the rest', (language) => {
    const components = Array.from({ length: 40 }, (_, i) => ({
      name: `C${i}`,
      status: 'partial_outage',
      group: `G${i}`,
    }));
    const embed = build(statusContent({ components }), language);
    expect(embed.fields).toHaveLength(EMBED_LIMITS.fields);
    const last = embed.fields.at(-1);
    expect(last?.name).toBe(language === 'en' ? 'More components' : '그 밖의 서비스');
    expect(last?.value.split('\n')[0]).toBe(
      `🟠 G22 › C22 — ${language === 'en' ? 'Partial outage' : '부분 장애'}`,
    );
    expect(last?.value).toContain('G39 › C39');
  });

  it.each(languages)('%s: a body full of astral emoji or Discord tokens is never split', (language) => {
    for (const body of [emojiBody, tokenBody]) {
      const embed = build(
        incidentContent({ latestUpdate: { status: 'monitoring', body, publishedAt: T0 } }),
        language,
      );
      expect(embed.description.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
      expect(embed.description.length).toBeGreaterThan(3900);
    }
  });

  it('seeded fuzz: 400 random contents in both languages are all valid', () => {
    const random = prng(20261125);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const pieces = [
      'a',
      ' ',
      '\n',
      '\r\n',
      '😀',
      '👨‍👩‍👧',
      '<br />',
      '<b>',
      '</b>',
      '<a href="https://x.example/(y)">',
      '</a>',
      '&amp;',
      '<t:1767225600:R>',
      '<@1234567890123456>',
      '*',
      '`',
      '한글',
      'word ',
      '<',
      '>',
      '<!--',
      '\u200d',
      '[x](https://y.example/)',
    ];
    const text = (max: number) => {
      const length = Math.floor(random() * random() * max);
      let s = '';
      while (s.length < length) s += pick(pieces);
      return s;
    };
    const time = () => pick([T0, at(Math.floor(random() * 1e5)), 'bad', '2026-11-25T04:00:00.000-08:00']);
    const make = (): AlertContent => {
      switch (Math.floor(random() * 5)) {
        case 0:
          return statusContent({
            indicator: pick(['none', 'minor', 'major', 'critical', 'maintenance', text(80)]),
            description: text(400),
            previousIndicator: pick([null, 'none', text(40)]),
            changedAt: time(),
            components: Array.from({ length: Math.floor(random() * 80) }, () => ({
              name: text(400),
              status: pick(['degraded_performance', 'partial_outage', 'major_outage', text(30)]),
              group: pick([null, 'API / Website', text(300)]),
            })),
          });
        case 1:
          return incidentContent({
            type: pick(['incident', 'incident_update', 'incident_resolved'] as const),
            title: text(600),
            status: pick(['investigating', 'resolved', text(100)]),
            impact: pick(['none', 'major', text(100)]),
            startedAt: time(),
            resolvedAt: pick([null, time()]),
            url: pick([null, 'https://stspg.io/x', text(100)]),
            latestUpdate: pick([null, { status: text(50), body: text(12_000), publishedAt: time() }]),
          });
        case 2:
          return maintenanceContent({
            type: pick(['maintenance', 'maintenance_started', 'maintenance_completed'] as const),
            title: text(600),
            status: text(60),
            scheduledFor: time(),
            scheduledUntil: time(),
            latestUpdate: pick([null, { status: 'scheduled', body: text(12_000), publishedAt: time() }]),
          });
        case 3:
          return thresholdContent({
            reportType: pick(['login', text(300)]),
            count: Math.floor(random() * 1e6),
            threshold: Math.floor(random() * 10),
            windowMinutes: Math.floor(random() * 100),
            recentReportTimes: Array.from({ length: Math.floor(random() * 8) }, time),
          });
        default:
          return metricContent({
            type: pick(['metric', 'metric_recovered'] as const),
            value: pick([random() * 1e7, random(), -random(), Number.NaN, Number.POSITIVE_INFINITY]),
            threshold: random(),
            unit: pick(['ms', 'ratio'] as const),
            direction: pick(['above', 'below'] as const),
            observedAt: time(),
          });
      }
    };
    for (let i = 0; i < 400; i++) {
      const content = make();
      for (const language of languages) {
        const embed = buildAlertEmbed(content, language);
        const problems = embedProblems(embed);
        if (problems.length > 0) throw new Error(`case ${i} (${language}): ${problems.join('; ')}`);
        // No tag of an update body survives (other free text is shown as plain Discord text).
        if (content.type.startsWith('incident') || content.type.startsWith('maintenance')) {
          for (const tag of ['<br />', '<b>', '</b>', '<a href=', '</a>'])
            expect(embed.description).not.toContain(tag);
        }
      }
    }
  });
});

describe('determinism', () => {
  it('the same content gives the same embed, also after a JSON round trip (Temporal history)', () => {
    const contents: AlertContent[] = [
      statusContent(),
      incidentContent(),
      maintenanceContent(),
      thresholdContent(),
      metricContent(),
    ];
    for (const content of contents) {
      for (const language of ['en', 'ko'] as const) {
        const roundTripped = JSON.parse(JSON.stringify(content)) as AlertContent;
        expect(buildAlertEmbed(roundTripped, language)).toEqual(buildAlertEmbed(content, language));
        // The embed itself is plain JSON as well.
        const embed = buildAlertEmbed(content, language);
        expect(JSON.parse(JSON.stringify(embed))).toEqual(embed);
      }
    }
  });
});
