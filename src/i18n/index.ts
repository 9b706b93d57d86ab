/**
 * Internationalisation (pure; no I/O): the languages, the message catalogue and how to read it.
 *
 * The catalogue is split by surface, each file holding its English source and its translations:
 * - alerts.ts    alert embeds, and the words for status values, report types and metrics
 * - replies.ts   slash command and button replies, errors, permissions, /status, the welcome message
 * - commands.ts  command names, descriptions and the language choices
 * - settings.ts  what each global setting means
 * messages.ts merges them into one catalogue per language, so `t(language, key, vars)` reads any
 * surface with one MessageKey type; `plural` picks a plural form with Intl.PluralRules. English is the
 * source: every translation is typed against it, so a missing or extra key is a compile error, and
 * every template's `{placeholders}` are checked at the call sites.
 *
 * The dashboard's words stay in src/dashboard/labels.ts: they are drawn with a bundled font.
 */
export { INTL_LOCALES, isLanguage, type Language, LANGUAGES, resolveLanguage } from './languages';
export {
  type Catalogue,
  type CatalogueKey,
  format,
  MESSAGES,
  type MessageKey,
  type MessageVars,
  type Placeholders,
  plural,
  pluralCategory,
  type PluralKey,
  type PluralVars,
  SURFACES,
  t,
} from './messages';
export { label, labelKey, type LabelKind, titleCase } from './labels';
