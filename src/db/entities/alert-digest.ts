import { defineEntity, p } from '@mikro-orm/core';

/**
 * `alert_digests`: each recipient's digest message of the current (or last) storm, which the alerts
 * folded into it edit (see contracts/digest.ts). Written in the transaction that records the folded
 * alert as sent; a digest not updated for a whole window is over, and the next storm posts a new one.
 */
export const AlertDigestSchema = defineEntity({
  name: 'AlertDigest',
  tableName: 'alert_digests',
  properties: {
    /** `guild:<id>` or `user:<id>`. */
    recipient: p.string().primary(),
    channelId: p.string(),
    messageId: p.string(),
    /** The folded alerts, oldest first: JSON of DigestItem[]. */
    items: p.text(),
    startedAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class AlertDigest extends AlertDigestSchema.class {}
AlertDigestSchema.setClass(AlertDigest);
