/**
 * Which language a recipient gets, and the Intl locale each language formats with. The list itself is
 * LANGUAGES in src/contracts/languages.ts, the one place it is spelled (the contracts carry it across
 * the workflow sandbox and may import nothing from here).
 */
import { isLanguage, type Language } from '../contracts/languages';

export { isLanguage, type Language, LANGUAGES } from '../contracts/languages';

/** The Intl locale of each language: plural rules (src/i18n/messages.ts) and number formats. */
export const INTL_LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', ko: 'ko-KR' };

/**
 * The recipient's language: an explicit setting wins; `null` (the "auto" setting) follows the
 * Discord locale, where `ko` means Korean and anything else, or no locale at all, means English.
 * Discord sends exactly `ko`; a region-tagged `ko-KR` is accepted too, and a setting that is not a
 * known language (e.g. a stale database value) counts as "auto".
 */
export function resolveLanguage(
  setting: Language | null,
  discordLocale: string | null | undefined,
): Language {
  if (isLanguage(setting)) return setting;
  const primary = (discordLocale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : 'en';
}
