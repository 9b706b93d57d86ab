import { p } from '@mikro-orm/core';

/**
 * Shared column builders. The sqlite platform stores `Date` props as INTEGER epoch milliseconds, so raw SQL
 * against these columns must compare with ms numbers, never with `datetime('now')` strings.
 *
 * Timestamps are stamped by the ORM (onCreate/onUpdate) instead of a DB default: SQLite's
 * `strftime('%s','now') * 1000` would only have second precision.
 */
export const createdAtColumn = () => p.datetime().onCreate(() => new Date());

export const updatedAtColumn = () =>
  p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date());

/** Languages the bot can answer in. NULL in a `language` column means "follow Discord's locale". */
export const SUPPORTED_LANGUAGES = ['en', 'ko'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/**
 * Plain nullable text on purpose (no enum CHECK): adding a language later must not force SQLite to rebuild the
 * table; the application validates the value against SUPPORTED_LANGUAGES.
 */
export const languageColumn = () => p.string().$type<SupportedLanguage>().nullable();
