/**
 * The slash command JSON: the whole payload against the reviewed copy in expected-commands.json
 * (which the deploy test also holds the fake Discord's received body to), the properties that carry
 * behaviour spelled out, and Discord's limits checked for every name, description and choice in
 * English and Korean (application-commands.mdx in discord/discord-api-docs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  APIApplicationCommandOption,
  APIApplicationCommandOptionChoice,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { ALERTED_METRICS } from '../../src/contracts/alert-settings';
import { commandDefinitions } from '../../src/bot/commands';
import { LANGUAGE_SETTINGS } from '../../src/contracts/commands';
import { SETTING_KEYS as ADMIN_SETTING_KEYS } from '../../src/contracts/settings';
import { MESSAGES } from '../../src/i18n';
import { POLL_SOURCES, pollIntervalKey } from '../../src/contracts/polling';
import { MAX_REPORT_DETAILS, REPORT_TYPES } from '../../src/contracts/reports';
import { ALERT_STYLES } from '../../src/contracts/alerts';
import { IMPACTS } from '../../src/contracts/preferences';
import { RETENTION_BATCH_SIZE_KEY, RETENTION_TABLES, retentionKey } from '../../src/contracts/retention';

const EXPECTED = JSON.parse(
  readFileSync(join(__dirname, 'expected-commands.json'), 'utf8'),
) as RESTPostAPIChatInputApplicationCommandsJSONBody[];

const commands = commandDefinitions();
const byName = (name: string) => {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`no /${name}`);
  return command;
};
/** The option at `path` (names), e.g. ['config', 'setup', 'channel']. */
function option(path: string[]): APIApplicationCommandOption {
  const [top, ...rest] = path;
  let options = byName(top!).options ?? [];
  let found: APIApplicationCommandOption | undefined;
  for (const name of rest) {
    found = options.find((o) => o.name === name);
    if (!found) throw new Error(`no option ${path.join(' ')}`);
    options = 'options' in found ? (found.options ?? []) : [];
  }
  return found!;
}
const choicesOf = (path: string[]) =>
  (option(path) as { choices?: APIApplicationCommandOptionChoice[] }).choices ?? [];

// Discord's naming rule (unicode flag), plus "lowercase where a lowercase variant exists".
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const HANGUL = /[\uac00-\ud7a3]/;
const length = (text: string) => [...text].length;

interface Localised {
  name: string;
  name_localizations?: Record<string, string | null> | null;
  description?: string;
  description_localizations?: Record<string, string | null> | null;
}

/** Every command, group, subcommand and option, with its path, depth-first. */
function walk(): { path: string; node: Localised & { options?: APIApplicationCommandOption[] } }[] {
  const out: { path: string; node: Localised & { options?: APIApplicationCommandOption[] } }[] = [];
  const visit = (node: Localised & { options?: APIApplicationCommandOption[] }, path: string) => {
    out.push({ path, node });
    for (const child of node.options ?? []) visit(child as never, `${path} ${child.name}`);
  };
  for (const command of commands) visit(command as never, `/${command.name}`);
  return out;
}
const allChoices = () =>
  walk().flatMap(({ path, node }) =>
    ((node as { choices?: APIApplicationCommandOptionChoice[] }).choices ?? []).map((choice) => ({
      path,
      choice,
    })),
  );

describe('the command payload', () => {
  it('is exactly the reviewed JSON', () => {
    expect(commands).toStrictEqual(EXPECTED);
  });

  it('is built fresh and the same on every call', () => {
    const again = commandDefinitions();
    expect(again).toStrictEqual(commands);
    expect(again[0]).not.toBe(commands[0]);
  });

  it('has /status, /report, /config and /admin with their subcommands', () => {
    const tree = commands.map((command) => ({
      name: command.name,
      sub: (command.options ?? [])
        .filter((o) => o.type === 1 || o.type === 2)
        .map((o) => (o.type === 2 ? { [o.name]: (o.options ?? []).map((s) => s.name) } : o.name)),
    }));
    expect(tree).toEqual([
      { name: 'status', sub: [] },
      { name: 'report', sub: [] },
      {
        name: 'config',
        sub: ['setup', 'show', 'unregister', 'language', 'style', 'alerts', 'mention', 'test'],
      },
      { name: 'admin', sub: ['show', { config: ['show', 'set', 'reset'] }] },
    ]);
    expect(commands.every((c) => c.type === 1)).toBe(true);
  });

  it('/config alerts and /config mention: every option optional, as documented for scripts', () => {
    const shape = (path: string[]) =>
      ((option(path) as { options?: APIApplicationCommandOption[] }).options ?? []).map((o) => ({
        name: o.name,
        type: o.type,
        required: o.required ?? false,
        choices: 'choices' in o ? (o.choices ?? []).map((c) => c.value) : undefined,
      }));
    const impacts = ['none', 'minor', 'major', 'critical'];
    expect(shape(['config', 'alerts'])).toEqual([
      ...['incidents', 'maintenances', 'status', 'metrics', 'reports'].map((name) => ({
        name,
        type: 5, // BOOLEAN
        required: false,
        choices: undefined,
      })),
      { name: 'min_impact', type: 3, required: false, choices: impacts },
    ]);
    expect(shape(['config', 'mention'])).toEqual([
      { name: 'role', type: 8, required: false, choices: undefined }, // ROLE
      { name: 'min_impact', type: 3, required: false, choices: impacts },
      { name: 'maintenance', type: 5, required: false, choices: undefined },
    ]);
    expect(shape(['config', 'test'])).toEqual([]);
    expect(shape(['admin', 'show'])).toEqual([]);
  });

  it('installs /status, /report and /config for servers and users, usable everywhere, by everyone', () => {
    for (const name of ['status', 'report', 'config']) {
      expect({ name, ...pick(byName(name)) }).toEqual({
        name,
        integration_types: [0, 1], // GUILD_INSTALL, USER_INSTALL
        contexts: [0, 1, 2], // GUILD, BOT_DM, PRIVATE_CHANNEL
        default_member_permissions: null,
      });
    }
  });

  it('shows /admin to server Administrators and in the bot DM only (owners are checked at run time)', () => {
    expect(pick(byName('admin'))).toEqual({
      integration_types: [0, 1],
      contexts: [0, 1],
      default_member_permissions: '8', // Administrator
    });
  });

  it('uses no deprecated permission fields', () => {
    for (const command of commands) {
      expect(command).not.toHaveProperty('dm_permission');
      expect(command).not.toHaveProperty('default_permission');
    }
  });

  it('/report: type is one of the six report types, details at most 500 characters', () => {
    expect(option(['report', 'type'])).toMatchObject({ type: 3, required: true });
    expect(choicesOf(['report', 'type']).map((c) => c.value)).toEqual([...REPORT_TYPES]);
    expect(choicesOf(['report', 'type']).map((c) => [c.name, c.name_localizations?.ko])).toEqual(
      REPORT_TYPES.map((type) => [MESSAGES.en[`reportType.${type}`], MESSAGES.ko[`reportType.${type}`]]),
    );
    expect(option(['report', 'details'])).toMatchObject({
      type: 3,
      required: false,
      max_length: MAX_REPORT_DETAILS,
    });
    expect(MAX_REPORT_DETAILS).toBe(500);
  });

  it('/config setup: an optional channel, limited to text and announcement channels', () => {
    expect(option(['config', 'setup', 'channel'])).toMatchObject({
      type: 7,
      required: false,
      channel_types: [0, 5], // GUILD_TEXT, GUILD_ANNOUNCEMENT
    });
  });

  it('/config language: en, ko or auto', () => {
    expect(option(['config', 'language', 'language'])).toMatchObject({ type: 3, required: true });
    expect(choicesOf(['config', 'language', 'language']).map((c) => c.value)).toEqual(['en', 'ko', 'auto']);
    expect([...LANGUAGE_SETTINGS]).toEqual(['en', 'ko', 'auto']);
  });

  it('/admin config set|reset: the settable keys as choices, a string value', () => {
    const keys = [
      'polling.status',
      'polling.incident',
      'polling.maintenance',
      'polling.metrics',
      'report_threshold',
      'report_interval',
      'report_min_sources',
      'report_alert_interval',
      'report_alerts_per_hour',
      'alert.metrics.enabled',
      'alert.metrics.api_latency',
      'alert.metrics.api_errors',
      'alert.metrics.extauth_steam',
      'alert.metrics.extauth_oculus',
      'alert.metrics.recovery_minutes',
      'retention.metric_logs',
      'retention.status_logs',
      'retention.component_logs',
      'retention.user_reports',
      'retention.sent_alerts',
      'retention.alert_messages',
      'retention.delivery_failures',
      'retention.batch_size',
      'digest.max_alerts',
      'digest.window_minutes',
    ];
    expect([...ADMIN_SETTING_KEYS]).toEqual(keys);
    // The same keys the poll loops and alert settings read.
    for (const source of POLL_SOURCES) expect(keys).toContain(pollIntervalKey(source));
    for (const metric of ALERTED_METRICS) expect(keys).toContain(`alert.metrics.${metric}`);
    for (const table of RETENTION_TABLES) expect(keys).toContain(retentionKey(table));
    expect(keys).toContain(RETENTION_BATCH_SIZE_KEY);

    expect(option(['admin', 'config', 'set', 'key'])).toMatchObject({ type: 3, required: true });
    expect(choicesOf(['admin', 'config', 'set', 'key']).map((c) => c.value)).toEqual(keys);
    expect(option(['admin', 'config', 'set', 'value'])).toMatchObject({ type: 3, required: true });
    expect(option(['admin', 'config', 'set', 'value'])).not.toHaveProperty('choices');
    expect(option(['admin', 'config', 'reset', 'key'])).toMatchObject({ type: 3, required: false });
    expect(choicesOf(['admin', 'config', 'reset', 'key']).map((c) => c.value)).toEqual(keys);
    expect(choicesOf(['admin', 'config', 'set', 'key'])[0]).toEqual({
      name: 'polling.status · Status poll interval (seconds)',
      name_localizations: { ko: 'polling.status · 상태 조회 간격 (초)' },
      value: 'polling.status',
    });
  });
});

function pick(command: RESTPostAPIChatInputApplicationCommandsJSONBody) {
  return {
    integration_types: command.integration_types,
    contexts: command.contexts,
    default_member_permissions: command.default_member_permissions,
  };
}

describe("Discord's limits", () => {
  it('every name matches the naming rule, is lowercase and 1-32 characters, in English and Korean', () => {
    for (const { path, node } of walk()) {
      for (const name of [node.name, node.name_localizations?.ko ?? '']) {
        expect({ path, name, ok: NAME.test(name) && name === name.toLowerCase() }).toEqual({
          path,
          name,
          ok: true,
        });
      }
    }
  });

  it('every description has 1-100 characters and no unfilled placeholder, in English and Korean', () => {
    for (const { path, node } of walk()) {
      for (const text of [node.description ?? '', node.description_localizations?.ko ?? '']) {
        const n = length(text);
        expect({ path, text, ok: n >= 1 && n <= 100 && !/[{}]/.test(text) }).toEqual({
          path,
          text,
          ok: true,
        });
      }
    }
  });

  it('every choice has a 1-100 character name in both languages and a value of at most 100', () => {
    const all = allChoices();
    expect(all.length).toBe(
      REPORT_TYPES.length +
        LANGUAGE_SETTINGS.length +
        ALERT_STYLES.length +
        2 * ADMIN_SETTING_KEYS.length +
        2 * IMPACTS.length, // min_impact of /config alerts and /config mention
    );
    for (const { path, choice } of all) {
      for (const name of [choice.name, choice.name_localizations?.ko ?? '']) {
        expect({ path, name, ok: length(name) >= 1 && length(name) <= 100 }).toEqual({
          path,
          name,
          ok: true,
        });
      }
      expect(typeof choice.value === 'string' && choice.value.length <= 100).toBe(true);
    }
  });

  it('at most 25 options per level and 25 choices per option; required options come first', () => {
    expect(commands.length).toBeLessThanOrEqual(100);
    for (const { path, node } of walk()) {
      const options = node.options ?? [];
      expect({ path, options: options.length <= 25 }).toEqual({ path, options: true });
      const choices = (node as { choices?: unknown[] }).choices ?? [];
      expect({ path, choices: choices.length <= 25 }).toEqual({ path, choices: true });
      const required = options.map((o) => ('required' in o && o.required === true ? 1 : 0));
      expect({ path, required }).toEqual({ path, required: [...required].sort((a, b) => b - a) });
    }
  });

  it('names are unique on every level, in English and in Korean', () => {
    const levels = [
      commands as Localised[],
      ...walk().map(({ node }) => (node.options ?? []) as Localised[]),
    ];
    for (const level of levels) {
      for (const names of [level.map((n) => n.name), level.map((n) => n.name_localizations?.ko)]) {
        expect(new Set(names).size).toBe(names.length);
      }
    }
  });

  it('subcommands nest at most one group deep', () => {
    for (const command of commands) {
      for (const o of command.options ?? []) {
        if (o.type !== 2) continue;
        expect((o.options ?? []).every((s) => s.type === 1)).toBe(true);
      }
    }
  });

  it('each command stays under 8,000 characters of names, descriptions and values', () => {
    // The longest of the default and its localisations counts for each field.
    const longest = (text: string, localised?: Record<string, string | null> | null) =>
      Math.max(length(text), ...Object.values(localised ?? {}).map((v) => length(v ?? '')));
    for (const command of commands) {
      let total = 0;
      const add = (node: Localised & { options?: APIApplicationCommandOption[] }) => {
        total += longest(node.name, node.name_localizations);
        total += longest(node.description ?? '', node.description_localizations);
        for (const choice of (node as { choices?: APIApplicationCommandOptionChoice[] }).choices ?? []) {
          total += longest(choice.name, choice.name_localizations) + length(String(choice.value));
        }
        for (const child of node.options ?? []) add(child as never);
      };
      add(command as never);
      expect({ command: command.name, ok: total <= 8000 }).toEqual({ command: command.name, ok: true });
    }
  });
});

describe('Korean localisation', () => {
  it('every command, group, subcommand, option and choice has a Korean name (and description), in Hangul', () => {
    const localised = [
      ...walk().flatMap(({ path, node }) => [
        { path: `${path} name`, map: node.name_localizations },
        { path: `${path} description`, map: node.description_localizations },
      ]),
      ...allChoices().map(({ path, choice }) => ({
        path: `${path} choice ${String(choice.value)}`,
        map: choice.name_localizations,
      })),
    ];
    for (const { path, map } of localised) {
      // `ko` is the locale key Discord uses for Korean (not ko-KR), and the only one we send.
      expect({ path, keys: Object.keys(map ?? {}) }).toEqual({ path, keys: ['ko'] });
      expect({ path, hangul: HANGUL.test(map?.ko ?? '') }).toEqual({ path, hangul: true });
    }
  });

  it('Korean names differ from English ones (they are translated, not copied)', () => {
    for (const { path, node } of walk()) {
      expect({ path, same: node.name_localizations?.ko === node.name }).toEqual({ path, same: false });
    }
  });
});
