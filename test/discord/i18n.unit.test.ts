import {
  format,
  label,
  labelKey,
  LANGUAGES,
  type LabelKind,
  type Language,
  MESSAGES,
  type MessageKey,
  resolveLanguage,
  t,
} from '../../src/discord/i18n';

describe('resolveLanguage', () => {
  it.each([
    // An explicit setting wins over the Discord locale.
    ['en', 'ko', 'en'],
    ['ko', 'en-US', 'ko'],
    ['ko', null, 'ko'],
    ['en', undefined, 'en'],
    // null = follow Discord: only Korean locales give Korean.
    [null, 'ko', 'ko'],
    [null, 'ko-KR', 'ko'],
    [null, 'KO', 'ko'],
    [null, 'en-US', 'en'],
    [null, 'en-GB', 'en'],
    [null, 'ja', 'en'],
    [null, 'zh-TW', 'en'],
    [null, 'kok', 'en'],
    [null, '', 'en'],
    [null, null, 'en'],
    [null, undefined, 'en'],
  ] as const)('setting %p with locale %p -> %s', (setting, locale, expected) => {
    expect(resolveLanguage(setting, locale)).toBe(expected);
  });

  it('treats an unknown stored setting as "follow Discord"', () => {
    expect(resolveLanguage('auto' as unknown as null, 'ko')).toBe('ko');
    expect(resolveLanguage('fr' as unknown as null, 'en-US')).toBe('en');
  });
});

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  const enKeys = Object.keys(MESSAGES.en).sort();

  it('has the same keys in every language', () => {
    for (const language of LANGUAGES) expect(Object.keys(MESSAGES[language]).sort()).toEqual(enKeys);
  });

  it('has no empty message and the same placeholders in every language', () => {
    for (const language of LANGUAGES) {
      for (const key of enKeys as MessageKey[]) {
        const message = MESSAGES[language][key];
        expect({ language, key, empty: message.trim().length === 0 }).toEqual({
          language,
          key,
          empty: false,
        });
        expect({ language, key, placeholders: placeholders(message) }).toEqual({
          language,
          key,
          placeholders: placeholders(MESSAGES.en[key]),
        });
        // Braces only ever appear as placeholders.
        expect(message.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
      }
    }
  });

  it('is really translated: every Korean message contains Hangul', () => {
    for (const key of enKeys as MessageKey[]) {
      expect({ key, hangul: /[\uac00-\ud7a3]/.test(MESSAGES.ko[key]) }).toEqual({ key, hangul: true });
    }
  });

  const VALUES: Record<LabelKind, string[]> = {
    indicator: ['none', 'minor', 'major', 'critical', 'maintenance'],
    componentStatus: [
      'operational',
      'degraded_performance',
      'partial_outage',
      'major_outage',
      'under_maintenance',
      'unknown',
    ],
    incidentStatus: ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'],
    maintenanceStatus: ['scheduled', 'in_progress', 'verifying', 'completed'],
    impact: ['none', 'minor', 'major', 'critical', 'maintenance'],
    reportType: ['login', 'instance', 'api', 'auth', 'download', 'other'],
    metric: ['api_latency', 'api_errors', 'extauth_steam', 'extauth_oculus'],
  };

  it('labels every status word, report type and metric in both languages', () => {
    for (const [kind, values] of Object.entries(VALUES) as [LabelKind, string[]][]) {
      for (const value of values) {
        expect({ kind, value, key: labelKey(kind, value) }).toEqual({ kind, value, key: `${kind}.${value}` });
        const en = label('en', kind, value);
        const ko = label('ko', kind, value);
        expect(en).not.toBe(ko);
        expect(ko).toMatch(/[\uac00-\ud7a3]/);
      }
    }
  });

  it.each([
    ['en', 'indicator', 'none', 'All systems operational'],
    ['ko', 'indicator', 'maintenance', '서비스 점검 중'],
    ['en', 'componentStatus', 'degraded_performance', 'Degraded performance'],
    ['ko', 'componentStatus', 'partial_outage', '부분 장애'],
    ['ko', 'incidentStatus', 'investigating', '원인 조사 중'],
    ['ko', 'maintenanceStatus', 'in_progress', '진행 중'],
    ['en', 'metric', 'extauth_oculus', 'Meta auth success rate'],
    ['ko', 'metric', 'api_latency', 'API 응답 시간'],
    ['en', 'componentStatus', 'PARTIAL_OUTAGE', 'Partial outage'],
  ] as const)('%s %s %s -> %s', (language: Language, kind, value, expected) => {
    expect(label(language, kind, value)).toBe(expected);
  });

  it('falls back to the raw value, title-cased, for unknown values (also prototype names)', () => {
    for (const language of LANGUAGES) {
      expect(label(language, 'componentStatus', 'brown_out')).toBe('Brown Out');
      expect(label(language, 'incidentStatus', 'escalated-to-vendor')).toBe('Escalated To Vendor');
      expect(label(language, 'impact', 'constructor')).toBe('Constructor');
      expect(label(language, 'impact', 'toString')).toBe('ToString');
      expect(label(language, 'impact', '__proto__')).toBe('Proto');
    }
    expect(label('en', 'impact', '  ')).toBe('Unknown');
    expect(label('ko', 'impact', '')).toBe('알 수 없음');
  });

  it('tries label kinds in order', () => {
    expect(label('en', ['maintenanceStatus', 'incidentStatus'], 'identified')).toBe('Identified');
    expect(label('ko', ['maintenanceStatus', 'incidentStatus'], 'completed')).toBe('완료');
  });

  it('fills placeholders', () => {
    expect(t('en', 'title.incident', { title: 'Login issues' })).toBe('New incident: Login issues');
    expect(t('ko', 'value.users', { count: 3 })).toBe('3명');
    expect(t('en', 'footer.reports')).toBe('VRCPulse user reports');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    // Placeholders are checked at compile time (npx tsc --noEmit covers this file).
    // @ts-expect-error title.incident needs { title }
    expect(t('en', 'title.incident')).toBe('New incident: {title}');
    // @ts-expect-error wrong placeholder name
    t('en', 'value.users', { users: 1 });
  });
});
