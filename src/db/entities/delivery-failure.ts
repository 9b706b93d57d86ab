import { defineEntity, p } from '@mikro-orm/core';

/**
 * `delivery_failures`: an alert that Discord refused for good to one recipient (a missing
 * permission, a closed DM, a channel gone), with the reason, for the delivery history
 * `/config show` lists beside the delivered alerts of `sent_alerts`. One row per alert and
 * recipient; an alert delivered on a later try keeps its row, and the history shows it delivered.
 */
export const DeliveryFailureSchema = defineEntity({
  name: 'DeliveryFailure',
  tableName: 'delivery_failures',
  properties: {
    id: p.integer().primary(),
    /** `guild:<id>` or `user:<id>`. */
    recipient: p.string(),
    alertType: p.string(),
    referenceId: p.string(),
    /** Discord's JSON error code. */
    code: p.integer(),
    reason: p.string(),
    failedAt: p.datetime(),
  },
  uniques: [{ name: 'idx_delivery_failures_alert', properties: ['recipient', 'alertType', 'referenceId'] }],
  indexes: [{ name: 'idx_delivery_failures_recent', properties: ['recipient', 'failedAt'] }],
});

export class DeliveryFailure extends DeliveryFailureSchema.class {}
DeliveryFailureSchema.setClass(DeliveryFailure);
