import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, updatedAtColumn } from './columns';

/**
 * `alert_messages`: the one message per subject (an incident, a maintenance) and recipient that
 * VRCPulse keeps current by editing it, with each update posted as a reply to it. Written in the
 * transaction that writes the `sent_alerts` row of the alert that posted the message, so a message
 * Discord created is either recorded here or still noted in `pending_sends` (and then found again
 * by its nonce or its marker, never posted twice).
 */
export const AlertMessageSchema = defineEntity({
  name: 'AlertMessage',
  tableName: 'alert_messages',
  properties: {
    id: p.integer().primary(),
    /** `incident:<id>` or `maintenance:<id>`. */
    subject: p.string(),
    /** `guild:<id>` or `user:<id>`. */
    recipient: p.string(),
    channelId: p.string(),
    messageId: p.string(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  uniques: [{ name: 'idx_alert_messages_subject', properties: ['subject', 'recipient'] }],
});

export class AlertMessage extends AlertMessageSchema.class {}
AlertMessageSchema.setClass(AlertMessage);
