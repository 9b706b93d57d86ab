/**
 * The lifecycle style (pure): alerts about one incident or maintenance go to a recipient as one
 * message, kept current by edits, with each later alert posted as a reply to it. This module says
 * which subject an alert belongs to and what one delivery does about it.
 */
import type { AlertContent } from '../../contracts/alert-content';
import { type AlertStyle, DEFAULT_ALERT_STYLE } from '../../contracts/alerts';

/** `incident:<id>` / `maintenance:<id>`: what the alert is about; null for alerts without a lifecycle. */
export function alertSubject(content: AlertContent): string | null {
  switch (content.type) {
    case 'incident':
    case 'incident_update':
    case 'incident_resolved':
      return `incident:${content.incidentId}`;
    case 'maintenance':
    case 'maintenance_started':
    case 'maintenance_completed':
    case 'maintenance_reminder':
      return `maintenance:${content.maintenanceId}`;
    default:
      return null;
  }
}

/** The recipient's message about the subject, as recorded. */
export interface SubjectMessage {
  channelId: string;
  messageId: string;
}

/**
 * What delivering one alert to one recipient takes:
 * - `post`: a message of its own (the separate style, or an alert without a subject);
 * - `post-subject`: the subject's message, showing its current state (the subject's first alert,
 *   a recipient who registered since, a message deleted or in a channel no longer registered);
 * - `edit-and-reply`: the subject's message edited to the current state, and the alert posted as a
 *   reply to it (an edit notifies nobody; the reply does).
 */
export type LifecycleStep =
  | { kind: 'post' }
  | { kind: 'post-subject'; subject: string }
  | { kind: 'edit-and-reply'; subject: string; message: SubjectMessage };

export function lifecycleStep(
  content: AlertContent,
  style: AlertStyle | undefined,
  channelId: string | null,
  recorded: SubjectMessage | undefined,
): LifecycleStep {
  const subject = alertSubject(content);
  if (subject === null || (style ?? DEFAULT_ALERT_STYLE) === 'separate') return { kind: 'post' };
  // a server that moved its alerts to another channel gets the subject's message there
  if (!recorded || (channelId !== null && recorded.channelId !== channelId))
    return { kind: 'post-subject', subject };
  return { kind: 'edit-and-reply', subject, message: recorded };
}
