/**
 * How a catalogue in one language is typed against the English one (types only). English is the
 * source: its templates type the `{placeholders}` of every call of `t` and `plural`.
 *
 * Plural messages are keyed by CLDR plural category, `<key>.one` and `<key>.other`, and `plural`
 * picks the form with `Intl.PluralRules` (src/i18n/messages.ts). Every language has `other`; the
 * other categories exist only where the language uses them (Korean has only `other`, English `one`
 * and `other`), so in a translation they are optional, and test/i18n checks that each language has
 * exactly the forms its plural rules select.
 */

/** CLDR plural categories other than `other`, which every language has. */
export type PluralCategory = Exclude<Intl.LDMLPluralRule, 'other'>;

/** The keys `<base>.<category>` of catalogue `E` whose `<base>.other` exists too: optional plural forms. */
export type OptionalPluralForm<E> = {
  [K in keyof E]: K extends `${infer B}.${PluralCategory}`
    ? `${B}.other` extends keyof E
      ? K
      : never
    : never;
}[keyof E];

/** A catalogue with every key of the English one `E`, except the plural forms a language may leave out. */
export type Translation<E> = { readonly [K in Exclude<keyof E, OptionalPluralForm<E>>]: string } & {
  readonly [K in OptionalPluralForm<E>]?: string;
};
