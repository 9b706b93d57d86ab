import {
  type CatalogueKey,
  format,
  INTL_LOCALES,
  label,
  labelKey,
  LANGUAGES,
  type LabelKind,
  type Language,
  MESSAGES,
  plural,
  pluralCategory,
  SURFACES,
  t,
  titleCase,
  resolveLanguage,
} from '../../src/i18n';

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

/** `value.users` for `value.users.one`: the base of every plural form in the English catalogue. */
const PLURAL_FORM = /^(.+)\.(zero|one|two|few|many|other)$/;
const pluralBases = (keys: string[]) =>
  new Set(
    keys.flatMap((key) => {
      const base = PLURAL_FORM.exec(key)?.[1];
      return base !== undefined && keys.includes(`${base}.one`) && keys.includes(`${base}.other`)
        ? [base]
        : [];
    }),
  );

describe('message catalogue', () => {
  const enKeys = Object.keys(MESSAGES.en).sort();
  const bases = pluralBases(enKeys);
  const isPluralForm = (key: string) => bases.has(PLURAL_FORM.exec(key)?.[1] ?? '');

  it('merges the surfaces, none of which defines a key another one does', () => {
    for (const language of LANGUAGES) {
      const keys = Object.values(SURFACES).flatMap((surface) => Object.keys(surface[language]));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.sort()).toEqual(Object.keys(MESSAGES[language]).sort());
    }
    expect([...bases].sort()).toEqual([
      'reply.report.others',
      'value.minutes',
      'value.places',
      'value.players',
      'value.users',
    ]);
  });

  it('has the same keys in every language, plural forms as the language’s plural rules select', () => {
    for (const language of LANGUAGES) {
      const keys = Object.keys(MESSAGES[language]);
      expect(keys.filter((key) => !isPluralForm(key)).sort()).toEqual(
        enKeys.filter((key) => !isPluralForm(key)),
      );
      const categories = new Intl.PluralRules(INTL_LOCALES[language]).resolvedOptions().pluralCategories;
      for (const base of bases) {
        const forms = keys
          .filter((key) => PLURAL_FORM.exec(key)?.[1] === base)
          .map((key) => key.slice(base.length + 1));
        expect({ language, base, forms: forms.sort() }).toEqual({
          language,
          base,
          forms: [...categories].sort(),
        });
      }
    }
  });

  it('has no empty message and the same placeholders in every language', () => {
    for (const language of LANGUAGES) {
      for (const key of Object.keys(MESSAGES[language]) as CatalogueKey[]) {
        const message = MESSAGES[language][key] ?? '';
        expect({ language, key, empty: message.trim().length === 0 }).toEqual({
          language,
          key,
          empty: false,
        });
        expect({ language, key, placeholders: placeholders(message) }).toEqual({
          language,
          key,
          placeholders: placeholders(MESSAGES.en[key] ?? ''),
        });
        // Braces only ever appear as placeholders.
        expect(message.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
      }
    }
  });

  it('is really translated: every Korean message contains Hangul', () => {
    for (const key of Object.keys(MESSAGES.ko) as CatalogueKey[]) {
      expect({ key, hangul: /[\uac00-\ud7a3]/.test(MESSAGES.ko[key] ?? '') }).toEqual({ key, hangul: true });
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
    expect(t('ko', 'value.more', { count: 3 })).toBe('…외 3개');
    expect(t('en', 'footer.reports')).toBe('VRCPulse user reports');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    // Placeholders are checked at compile time (npx tsc --noEmit covers this file).
    // @ts-expect-error title.incident needs { title }
    expect(t('en', 'title.incident')).toBe('New incident: {title}');
    // @ts-expect-error wrong placeholder name
    t('en', 'value.more', { users: 1 });
    // @ts-expect-error plural forms are read with `plural`
    t('en', 'value.users.one', { count: 1 });
  });

  it('title-cases raw status values', () => {
    expect(titleCase('degraded_performance')).toBe('Degraded Performance');
    expect(titleCase('  partial-outage now ')).toBe('Partial Outage Now');
    expect(titleCase('')).toBe('');
  });
});

describe('plural', () => {
  it('chooses the form with Intl.PluralRules: English one and other, Korean only other', () => {
    expect([0, 1, 2, 21].map((n) => pluralCategory('en', n))).toEqual(['other', 'one', 'other', 'other']);
    expect([0, 1, 2, 21].map((n) => pluralCategory('ko', n))).toEqual(['other', 'other', 'other', 'other']);
    expect([0, 1, 2].map((n) => plural('en', 'value.users', n, { count: n }))).toEqual([
      '0 users',
      '1 user',
      '2 users',
    ]);
    expect(plural('en', 'value.minutes', 1, { count: '1' })).toBe('1 minute');
    expect([1, 2].map((n) => plural('ko', 'value.users', n, { count: n }))).toEqual(['1명', '2명']);
    expect(plural('en', 'reply.report.others', 1, { count: 1, window: 15 })).toBe(
      '1 other person reported the same problem in the last 15 minutes.',
    );
    expect(plural('ko', 'reply.report.others', 1, { count: 1, window: 15 })).toBe(
      '최근 15분 동안 다른 1명도 같은 문제를 제보했습니다.',
    );
    // @ts-expect-error plural messages need their placeholders
    plural('en', 'value.users', 2, {});
  });
});
