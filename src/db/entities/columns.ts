import { p } from '@mikro-orm/core';
import type { Language } from '../../contracts/languages';

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

/**
 * A language the bot answers in (LANGUAGES, src/contracts/languages.ts); NULL means "follow Discord's locale".
 * Plain nullable text on purpose (no enum CHECK): adding a language later must not force SQLite to rebuild the
 * table; the application validates the value against LANGUAGES.
 */
export const languageColumn = () => p.string().$type<Language>().nullable();
