import { defineEntity, p } from '@mikro-orm/core';

/**
 * `pending_sends`: an alert message VRCPulse is about to post, written before the request and
 * deleted in the transaction that writes its `sent_alerts` row. A row left over is a send whose
 * outcome is unknown (the answer was lost, or recording it failed): the next try posts again with
 * the same nonce while Discord still remembers it, and later first looks in the channel for the
 * message (by the marker its embed carries), so a lost answer never becomes a second message.
 */
export const PendingSendSchema = defineEntity({
  name: 'PendingSend',
  tableName: 'pending_sends',
  properties: {
    id: p.integer().primary(),
    alertType: p.string(),
    referenceId: p.string(),
    /** `guild:<id>` or `user:<id>`. */
    recipient: p.string(),
    firstAttemptAt: p.datetime(),
    /**
     * What the first try posted: `digest`, `subject`, `reply` or `alone` (null in rows of earlier
     * releases). A try in doubt is repeated as exactly that, so a storm that began or ended in
     * between cannot turn it into a second, different message.
     */
    posting: p.string().nullable(),
  },
  uniques: [{ name: 'idx_pending_sends_alert', properties: ['alertType', 'referenceId', 'recipient'] }],
});

export class PendingSend extends PendingSendSchema.class {}
PendingSendSchema.setClass(PendingSend);
