/** `/admin config set|reset`: the global settings in bot_config. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { BotConfig } from '../db/entities/index';
import type { CommandAnswer, SettingChange } from '../contracts/commands';
import { checkSetting, SETTING_KEYS, SETTINGS, type SettingKey } from '../contracts/settings';

/** Stores one setting, normalised (the caller has validated it; a bad value still throws here). */
export async function setSetting(em: EntityManager, key: SettingKey, raw: string): Promise<CommandAnswer> {
  const check = checkSetting(key, raw);
  if (!check.ok) throw new RangeError(`invalid value for ${key}: ${raw}`);
  const row = await em.findOne(BotConfig, { key });
  const previous = row?.value ?? null;
  if (row) row.value = check.value;
  else em.create(BotConfig, { key, value: check.value });
  await em.flush();
  return { status: 'settings_changed', changes: [{ key, previous, value: check.value }] };
}

/**
 * Puts settings back to their defaults: a key the initial migration inserts (`seeded`) gets that
 * default back, any other key is removed so the built-in default applies (and a later change of that
 * default reaches it).
 */
export async function resetSettings(em: EntityManager, key: SettingKey | null): Promise<CommandAnswer> {
  const keys = key ? [key] : [...SETTING_KEYS];
  const rows = new Map((await em.find(BotConfig, { key: { $in: keys } })).map((row) => [row.key, row]));
  const changes: SettingChange[] = [];
  for (const k of keys) {
    const spec = SETTINGS[k];
    const row = rows.get(k);
    const previous = row?.value ?? null;
    const value = spec.seeded ? spec.defaultValue : null;
    if (previous === value) continue;
    if (value === null) em.remove(row!);
    else if (row) row.value = value;
    else em.create(BotConfig, { key: k, value });
    changes.push({ key: k, previous, value });
  }
  await em.flush();
  return { status: 'settings_changed', changes };
}
