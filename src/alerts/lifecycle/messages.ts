/** The recorded subject messages (lifecycle style) of a page of recipients: one read per page. */
import type { MikroORM } from '@mikro-orm/sqlite';
import { type Recipient, recipientKey } from '../../contracts/alerts';
import { AlertMessage } from '../../db/entities';
import type { SubjectMessage } from './subject';

export async function readSubjectMessages(
  orm: MikroORM,
  subject: string,
  recipients: readonly Recipient[],
): Promise<Map<string, SubjectMessage>> {
  if (recipients.length === 0) return new Map();
  const rows = await orm.em
    .fork()
    .find(
      AlertMessage,
      { subject, recipient: { $in: recipients.map(recipientKey) } },
      { fields: ['recipient', 'channelId', 'messageId'] },
    );
  return new Map(rows.map((row) => [row.recipient, { channelId: row.channelId, messageId: row.messageId }]));
}
