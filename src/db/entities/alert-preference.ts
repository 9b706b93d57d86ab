import { defineEntity, p } from '@mikro-orm/core';
import { updatedAtColumn } from './columns';

/**
 * `alert_preferences`: how a server or DM user wants its alerts, beside its registration (which the
 * data contract fixes). A recipient without a row has the defaults.
 */
export const AlertPreferenceSchema = defineEntity({
  name: 'AlertPreference',
  tableName: 'alert_preferences',
  properties: {
    /** `guild:<id>` or `user:<id>`. */
    recipient: p.string().primary(),
    /** `lifecycle`: one message per incident or maintenance, edited, updates as replies; `separate`: one message per alert. */
    style: p.string().default('lifecycle'),
    updatedAt: updatedAtColumn(),
  },
});

export class AlertPreference extends AlertPreferenceSchema.class {}
AlertPreferenceSchema.setClass(AlertPreference);
