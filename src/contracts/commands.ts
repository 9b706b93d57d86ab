/**
 * What the bot sends to Temporal for a slash command, and what it gets back.
 *
 * Every interaction has one workflow, `interaction-<interaction id>`, so a command is idempotent
 * per interaction and every execution can be found in the Temporal UI:
 * - a command that changes something (`/config setup|unregister|language`, `/admin config
 *   set|reset`, the unregister confirm button) sends the `runCommand` Update with Start and waits
 *   for the answer;
 * - a command that only shows something, or that the bot refused (missing permission, invalid
 *   option), sends the `logCommand` Signal with Start: nobody waits, the row lands in command_logs.
 * `/report` has its own workflow (`report-<interaction id>`), which logs the command with the report.
 */
import { ALERT_STYLES, type AlertStyle, type Recipient } from './alerts';
import { isSnowflake } from './discord-ids';
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import { isLanguage, type Language, LANGUAGES } from './languages';
import { checkSetting, isSettingKey, type SettingKey } from './settings';
import { ALERT_KINDS, type AlertKind, type Impact, IMPACTS, isImpact, type RoleMention } from './preferences';

export const INTERACTION_WORKFLOW_TYPE = 'interactionWorkflow';
export const interactionWorkflowId = (interactionId: string): string => `interaction-${interactionId}`;
/** A server's preferred locale changed; `requestId` is a snowflake the bot makes for the change. */
export const localeWorkflowId = (guildId: string, requestId: string): string =>
  `locale-${guildId}-${requestId}`;

/** `/config language` choices; `auto` follows the Discord locale. */
export const LANGUAGE_SETTINGS = [...LANGUAGES, 'auto'] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** One row of command_logs, plus the interaction it came from. */
export interface CommandLogEntry {
  interactionId: string;
  commandName: string;
  /** `setup`, or `config set` for a subcommand in a group; null for a command without one. */
  subcommand: string | null;
  userId: string;
  guildId: string | null;
  channelId: string | null;
  /** ISO time the bot received the interaction. */
  executedAt: string;
}

/** A registration target: a server (alerts in one of its channels) or a user (alerts by DM). */
export type RegistrationTarget = { kind: 'guild'; guildId: string } | { kind: 'user'; userId: string };

export type CommandAction =
  | {
      kind: 'register';
      recipient: RegistrationTarget;
      /** The alert channel (servers only). */
      channelId: string | null;
      /** Whether it is an announcement channel (servers; absent in requests of earlier releases). */
      announcement?: boolean;
      /** The server's preferred locale or the user's locale, for `language = auto`. */
      locale: string | null;
    }
  | { kind: 'unregister'; recipient: RegistrationTarget }
  | {
      kind: 'setLanguage';
      recipient: RegistrationTarget;
      language: Language | null;
      locale: string | null;
      /**
       * A server not set up yet gets a registration holding the language, alerts off until
       * `/config setup` (the welcome message's button); absent: only a registration's language.
       */
      orCreate?: boolean;
    }
  /** The Discord locale changed (a server's preferred locale): alerts on `auto` follow it. */
  | { kind: 'updateLocale'; recipient: RegistrationTarget; locale: string }
  /** How incidents and maintenances are posted (ALERT_STYLES). */
  | { kind: 'setStyle'; recipient: RegistrationTarget; style: AlertStyle }
  /** `/config alerts`: the kinds given are switched on or off, the others kept; `minImpact` likewise. */
  | {
      kind: 'setAlertFilter';
      recipient: RegistrationTarget;
      kinds: Partial<Record<AlertKind, boolean>>;
      minImpact: Impact | null;
    }
  /** `/config mention` (servers): the role to ping, or none (`roleId` null). */
  | {
      kind: 'setMention';
      recipient: RegistrationTarget;
      roleId: string | null;
      minImpact: Impact;
      maintenance: boolean;
    }
  /** The role to ping was deleted in Discord: cleared, and remembered for `/config show` to say so. */
  | { kind: 'clearDeletedMention'; recipient: RegistrationTarget; roleId: string }
  /** `/config test`: a sample alert to the recipient now, through the delivery path alerts take. */
  | { kind: 'sendTestAlert'; recipient: RegistrationTarget }
  | { kind: 'setSetting'; key: SettingKey; value: string }
  /** `key: null` resets every setting. */
  | { kind: 'resetSettings'; key: SettingKey | null };

export interface CommandRequest {
  interactionId: string;
  /** The command_logs row to write with the action; null for a button press. */
  log: CommandLogEntry | null;
  action: CommandAction;
}

/** Why VRCPulse switched a server's alerts off by itself (its channel kept refusing them). */
export type DisabledReason = 'unknown_channel' | 'missing_access' | 'missing_permissions' | 'unreachable';

export interface RegistrationView {
  enabled: boolean;
  channelId: string | null;
  language: Language | null;
  /** Set when VRCPulse switched it off itself (absent in answers of earlier releases). */
  disabledReason?: DisabledReason | null;
  /** How incidents and maintenances are posted (absent in answers of earlier releases: the default). */
  style?: AlertStyle;
  /** Which kinds it gets and from which incident impact (absent in answers of earlier releases). */
  filter?: FilterView;
  /** The role a server pings, if any (absent in answers of earlier releases). */
  mention?: RoleMention | null;
  /** A role to ping that was deleted in Discord and so cleared (absent: none). */
  mentionRoleDeleted?: string | null;
}

export interface FilterView {
  kinds: Record<AlertKind, boolean>;
  minImpact: Impact;
}

export interface SettingChange {
  key: SettingKey;
  /** null when the key was absent (its default applied). */
  previous: string | null;
  /** null when the key is now absent (its default applies). */
  value: string | null;
}

export type CommandAnswer =
  | { status: 'registered'; previous: RegistrationView | null; current: RegistrationView }
  | { status: 'unregistered'; previous: RegistrationView }
  | { status: 'language_set'; current: RegistrationView }
  | { status: 'locale_updated' }
  | { status: 'style_set'; style: AlertStyle }
  | { status: 'filter_set'; filter: FilterView }
  | { status: 'mention_set'; mention: RoleMention | null }
  | { status: 'mention_cleared' }
  /** The recipient as a fan-out lists it: the workflow sends the test to it next (never an answer). */
  | { status: 'test_ready'; recipient: Recipient }
  /** Whether the test arrived; if not, Discord's error code and reason (both null: no answer in time). */
  | { status: 'test_result'; delivered: boolean; code: number | null; reason: string | null }
  | { status: 'not_registered' }
  | { status: 'settings_changed'; changes: SettingChange[] };

export const runCommandUpdate = defineUpdate<CommandAnswer, [CommandRequest]>('runCommand');
export const logCommandSignal = defineSignal<[CommandLogEntry]>('logCommand');

export class InvalidCommandError extends Error {
  override readonly name = 'InvalidCommandError';
}

function checkRecipient(recipient: RegistrationTarget): void {
  const id = recipient.kind === 'guild' ? recipient.guildId : recipient.userId;
  if (!isSnowflake(id)) throw new InvalidCommandError(`${recipient.kind} id must be a Discord id`);
}

export function validateLogEntry(entry: CommandLogEntry): void {
  if (!isSnowflake(entry.interactionId)) throw new InvalidCommandError('interactionId must be a Discord id');
  if (!isSnowflake(entry.userId)) throw new InvalidCommandError('userId must be a Discord id');
  if (typeof entry.commandName !== 'string' || !/^[\w-]{1,32}$/.test(entry.commandName))
    throw new InvalidCommandError('commandName must be a command name');
  if (Number.isNaN(Date.parse(entry.executedAt))) throw new InvalidCommandError('executedAt must be a time');
}

/** The update validator: throws InvalidCommandError with a message an operator can act on. */
export function validateCommandRequest(request: CommandRequest): void {
  if (!isSnowflake(request.interactionId))
    throw new InvalidCommandError('interactionId must be a Discord id');
  if (request.log !== null) validateLogEntry(request.log);
  const action = request.action;
  switch (action.kind) {
    case 'register':
      checkRecipient(action.recipient);
      if (action.recipient.kind === 'guild' && !isSnowflake(action.channelId))
        throw new InvalidCommandError('a server registration needs a channel id');
      return;
    case 'unregister':
      return checkRecipient(action.recipient);
    case 'setLanguage':
      checkRecipient(action.recipient);
      if (action.language !== null && !isLanguage(action.language))
        throw new InvalidCommandError(`language must be ${LANGUAGES.join(', ')} or null (auto)`);
      if (action.orCreate !== undefined && typeof action.orCreate !== 'boolean')
        throw new InvalidCommandError('orCreate must be a boolean');
      return;
    case 'setStyle':
      checkRecipient(action.recipient);
      if (!(ALERT_STYLES as readonly string[]).includes(action.style))
        throw new InvalidCommandError(`style must be ${ALERT_STYLES.join(' or ')}`);
      return;
    case 'setAlertFilter':
      checkRecipient(action.recipient);
      if (
        typeof action.kinds !== 'object' ||
        action.kinds === null ||
        Object.entries(action.kinds).some(
          ([kind, on]) => !(ALERT_KINDS as readonly string[]).includes(kind) || typeof on !== 'boolean',
        )
      )
        throw new InvalidCommandError(`kinds must map ${ALERT_KINDS.join(', ')} to true or false`);
      if (action.minImpact !== null && !isImpact(action.minImpact))
        throw new InvalidCommandError(`minImpact must be ${IMPACTS.join(', ')} or null (keep)`);
      return;
    case 'setMention':
      checkRecipient(action.recipient);
      if (action.recipient.kind !== 'guild') throw new InvalidCommandError('only a server pings a role');
      if (action.roleId !== null && !isSnowflake(action.roleId))
        throw new InvalidCommandError('roleId must be a Discord id or null (no ping)');
      if (action.roleId === action.recipient.guildId)
        throw new InvalidCommandError('the @everyone role cannot be pinged');
      if (!isImpact(action.minImpact))
        throw new InvalidCommandError(`minImpact must be ${IMPACTS.join(', ')}`);
      if (typeof action.maintenance !== 'boolean')
        throw new InvalidCommandError('maintenance must be a boolean');
      return;
    case 'sendTestAlert':
      return checkRecipient(action.recipient);
    case 'clearDeletedMention':
      checkRecipient(action.recipient);
      if (!isSnowflake(action.roleId)) throw new InvalidCommandError('roleId must be a Discord id');
      return;
    case 'updateLocale':
      checkRecipient(action.recipient);
      if (typeof action.locale !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(action.locale))
        throw new InvalidCommandError('locale must be a Discord locale such as en-US or ko');
      return;
    case 'setSetting': {
      const check = checkSetting(action.key, action.value);
      if (!check.ok) throw new InvalidCommandError(`invalid value for ${String(action.key)}`);
      return;
    }
    case 'resetSettings':
      if (action.key !== null && !isSettingKey(action.key))
        throw new InvalidCommandError(`unknown setting ${String(action.key)}`);
      return;
    default:
      throw new InvalidCommandError(`unknown action ${(action as { kind: unknown }).kind as string}`);
  }
}
