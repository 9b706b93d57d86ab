/**
 * The languages VRCPulse speaks: the one list. A registration's `language` is one of these or null
 * ("follow the Discord locale"). It lives in the contracts because alert recipients and command
 * answers carry it across the workflow sandbox; src/i18n, the database columns and the dashboard
 * take it from here. Adding a language means adding it here and giving every catalogue in src/i18n
 * (and src/dashboard/labels.ts) its words; the compiler lists what is missing.
 */
export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language =>
  (LANGUAGES as readonly unknown[]).includes(value);
