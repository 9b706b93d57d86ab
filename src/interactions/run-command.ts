/** Applies one command's action and logs the command, in the caller's transaction. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { CommandAnswer, CommandRequest } from '../contracts/commands';
import { insertCommandLog } from './command-log';
import { readRecipient } from '../alerts/recipients';
import { resetSettings, setSetting } from './global-settings';
import {
  clearDeletedMention,
  register,
  setAlertFilter,
  setLanguage,
  setMention,
  setStyle,
  unregister,
  updateLocale,
} from './registrations';

export async function runCommand(em: EntityManager, request: CommandRequest): Promise<CommandAnswer> {
  if (request.log) await insertCommandLog(em, request.log);
  const action = request.action;
  switch (action.kind) {
    case 'register':
      return register(em, action.recipient, action.channelId, action.locale, action.announcement);
    case 'unregister':
      return unregister(em, action.recipient);
    case 'setLanguage':
      return setLanguage(em, action.recipient, action.language, action.locale, action.orCreate === true);
    case 'updateLocale':
      return updateLocale(em, action.recipient, action.locale);
    case 'setStyle':
      return setStyle(em, action.recipient, action.style);
    case 'setAlertFilter':
      return setAlertFilter(em, action.recipient, action.kinds, action.minImpact);
    case 'setMention':
      return setMention(em, action.recipient, action.roleId, action.minImpact, action.maintenance);
    case 'clearDeletedMention':
      return clearDeletedMention(em, action.recipient, action.roleId);
    case 'sendTestAlert': {
      const recipient = await readRecipient(em, action.recipient);
      return recipient ? { status: 'test_ready', recipient } : { status: 'not_registered' };
    }
    case 'setSetting':
      return setSetting(em, action.key, action.value);
    case 'resetSettings':
      return resetSettings(em, action.key);
  }
}
