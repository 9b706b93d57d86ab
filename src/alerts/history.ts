/**
 * A recipient's delivery history for `/config show`: its last alerts, delivered (`sent_alerts`) or
 * refused for good (`delivery_failures`, with Discord's reason), newest first, each with the
 * incident's or maintenance's title where there is one.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { AlertType } from '../contracts/alerts';
import type { RegistrationTarget } from '../contracts/commands';
import { parseReminderReferenceId } from '../contracts/reminders';

export interface HistoryEntry {
  at: string;
  type: AlertType;
  referenceId: string;
  /** The incident's or maintenance's title; null for other alerts. */
  title: string | null;
  delivered: boolean;
  /** Discord's error code when it was refused. */
  code: number | null;
}

export const HISTORY_LENGTH = 10;

export async function readDeliveryHistory(
  em: EntityManager,
  target: RegistrationTarget,
  limit = HISTORY_LENGTH,
): Promise<HistoryEntry[]> {
  const connection = em.getConnection();
  // the lookup index is on coalesce(guild_id, ''), coalesce(user_id, ''): the same expressions here
  const [guildId, userId] = target.kind === 'guild' ? [target.guildId, ''] : ['', target.userId];
  const sent = await connection.execute<{ alert_type: AlertType; reference_id: string; at: number }[]>(
    `select alert_type, reference_id, notified_at as at from sent_alerts
     where coalesce(guild_id, '') = ? and coalesce(user_id, '') = ? order by notified_at desc limit ?`,
    [guildId, userId, limit],
  );
  const recipient = target.kind === 'guild' ? `guild:${target.guildId}` : `user:${target.userId}`;
  const failed = await connection.execute<
    { alert_type: AlertType; reference_id: string; at: number; code: number }[]
  >(
    `select alert_type, reference_id, failed_at as at, code from delivery_failures
     where recipient = ? order by failed_at desc limit ?`,
    [recipient, limit],
  );
  const deliveredKeys = new Set(sent.map((row) => `${row.alert_type}:${row.reference_id}`));
  const entries = [
    ...sent.map((row) => ({ ...row, delivered: true, code: null })),
    // refused once, delivered on a later try: shown as delivered
    ...failed
      .filter((row) => !deliveredKeys.has(`${row.alert_type}:${row.reference_id}`))
      .map((row) => ({ ...row, delivered: false })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
  const titles = await subjectTitles(em, entries);
  return entries.map((row) => ({
    at: new Date(row.at).toISOString(),
    type: row.alert_type,
    referenceId: row.reference_id,
    title: titles.get(`${row.alert_type}:${row.reference_id}`) ?? null,
    delivered: row.delivered,
    code: row.code,
  }));
}

/** When the recipient's last `/config test` went out or was refused (epoch ms), or null. */
export async function lastTestAt(em: EntityManager, target: RegistrationTarget): Promise<number | null> {
  const connection = em.getConnection();
  const [guildId, userId] = target.kind === 'guild' ? [target.guildId, ''] : ['', target.userId];
  const recipient = target.kind === 'guild' ? `guild:${target.guildId}` : `user:${target.userId}`;
  const [row] = await connection.execute<{ at: number | null }[]>(
    `select max(at) as at from (
       select max(notified_at) as at from sent_alerts
         where coalesce(guild_id, '') = ? and coalesce(user_id, '') = ? and alert_type = 'test'
       union all
       select max(failed_at) from delivery_failures where recipient = ? and alert_type = 'test')`,
    [guildId, userId, recipient],
  );
  return row?.at ?? null;
}

/** `type:referenceId` -> the title of the incident or maintenance the alert is about. */
async function subjectTitles(
  em: EntityManager,
  entries: { alert_type: AlertType; reference_id: string }[],
): Promise<Map<string, string>> {
  const connection = em.getConnection();
  const titles = new Map<string, string>();
  for (const { alert_type: type, reference_id: referenceId } of entries) {
    let rows: { title: string }[] = [];
    if (type === 'incident' || type === 'incident_resolved')
      rows = await connection.execute('select title from incidents where id = ?', [referenceId]);
    else if (type === 'incident_update')
      rows = await connection.execute(
        'select i.title from incident_updates u join incidents i on i.id = u.incident_id where u.id = ?',
        [referenceId],
      );
    else if (type.startsWith('maintenance')) {
      const id =
        type === 'maintenance_reminder' ? parseReminderReferenceId(referenceId)?.maintenanceId : referenceId;
      if (id) rows = await connection.execute('select title from maintenances where id = ?', [id]);
    }
    if (rows[0]) titles.set(`${type}:${referenceId}`, rows[0].title);
  }
  return titles;
}
