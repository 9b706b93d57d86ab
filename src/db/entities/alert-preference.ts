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
    /** `/config alerts`: each kind of alert on (true, the default) or off. */
    incidents: p.boolean().default(true),
    maintenances: p.boolean().default(true),
    status: p.boolean().default(true),
    metrics: p.boolean().default(true),
    reports: p.boolean().default(true),
    /** Incidents below this impact (`none`, `minor`, `major`, `critical`) are not sent. */
    minImpact: p.string().default('none'),
    /** `/config mention` (servers): the role pinged for new incidents of at least `mentionMinImpact`. */
    mentionRoleId: p.string().nullable(),
    mentionMinImpact: p.string().default('major'),
    /** Whether a maintenance starting pings the role too. */
    mentionMaintenance: p.boolean().default(false),
    /** A role to ping that was deleted in Discord: cleared, and kept here for `/config show` to say so. */
    mentionRoleDeleted: p.string().nullable(),
    updatedAt: updatedAtColumn(),
  },
});

export class AlertPreference extends AlertPreferenceSchema.class {}
AlertPreferenceSchema.setClass(AlertPreference);
