/**
 * The message catalogue: every surface's messages merged into one per language, and `t` / `plural`
 * to read them (pure; no I/O). The surfaces (alerts.ts, replies.ts, commands.ts, settings.ts) keep
 * their keys apart (test/i18n checks that no key is defined twice), so consumers see one MessageKey.
 */
import { ALERT_MESSAGES } from './alerts';
import { COMMAND_MESSAGES } from './commands';
import { INTL_LOCALES, type Language, LANGUAGES } from './languages';
import { REPLY_MESSAGES } from './replies';
import { SETTING_MESSAGES } from './settings';
import type { OptionalPluralForm, PluralCategory, Translation } from './translation';

/** The surfaces, in the order they are merged. */
export const SURFACES = {
  alerts: ALERT_MESSAGES,
  replies: REPLY_MESSAGES,
  commands: COMMAND_MESSAGES,
  settings: SETTING_MESSAGES,
} as const;

/** English, the source: its templates type the placeholders of every call of `t` and `plural`. */
const EN = {
  ...ALERT_MESSAGES.en,
  ...REPLY_MESSAGES.en,
  ...COMMAND_MESSAGES.en,
  ...SETTING_MESSAGES.en,
};
type English = typeof EN;

/** Every key of the catalogue, plural forms (`<key>.one`, `<key>.other`) included. */
export type CatalogueKey = keyof English;
/** One language's catalogue: every key, except plural forms the language does not use. */
export type Catalogue = Translation<English>;
/** The plural messages, by base key (`value.users` for `value.users.one` and `value.users.other`). */
export type PluralKey = OptionalPluralForm<English> extends `${infer B}.${PluralCategory}` ? B : never;
/** The keys that `t` reads: every message that is not a plural form. */
export type MessageKey = Exclude<CatalogueKey, `${PluralKey}.${Intl.LDMLPluralRule}`>;

export const MESSAGES: Readonly<Record<Language, Catalogue>> = {
  en: EN,
  ko: { ...ALERT_MESSAGES.ko, ...REPLY_MESSAGES.ko, ...COMMAND_MESSAGES.ko, ...SETTING_MESSAGES.ko },
};

/** The `{name}` placeholders of a template string type. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
export type MessageVars<K extends CatalogueKey> = Record<Placeholders<English[K]>, string | number>;
/** The placeholders of a plural message: those of all its forms. */
export type PluralVars<K extends PluralKey> = MessageVars<
  Extract<CatalogueKey, `${K}.${Intl.LDMLPluralRule}`>
>;

/** Fills `{name}` placeholders; an unknown placeholder is left as it is. */
export function format(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** The message `key` in `language`, with its placeholders (checked against the English template). */
export function t<K extends MessageKey>(
  language: Language,
  key: K,
  ...vars: [Placeholders<English[K]>] extends [never] ? [] : [MessageVars<K>]
): string {
  return format(MESSAGES[language][key], vars[0]);
}

const PLURAL_RULES = Object.fromEntries(
  LANGUAGES.map((language) => [language, new Intl.PluralRules(INTL_LOCALES[language])]),
) as Record<Language, Intl.PluralRules>;

/** The CLDR plural category of `n` in `language` (English: 1 is `one`, the rest `other`; Korean: always `other`). */
export const pluralCategory = (language: Language, n: number): Intl.LDMLPluralRule =>
  PLURAL_RULES[language].select(n);

/**
 * The form of plural message `key` that `n` takes in `language` (`<key>.<category>`, chosen by
 * `Intl.PluralRules`), with its placeholders. `n` only chooses the form: a `{count}` is filled from
 * `vars`, so the caller formats the number (src/discord/presentation/format.ts).
 */
export function plural<K extends PluralKey>(
  language: Language,
  key: K,
  n: number,
  vars: PluralVars<K>,
): string {
  const forms: Readonly<Partial<Record<string, string>>> = MESSAGES[language];
  const template = forms[`${key}.${pluralCategory(language, n)}`] ?? forms[`${key}.other`] ?? '';
  return format(template, vars);
}
