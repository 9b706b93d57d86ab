import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn } from './columns';

/** `status_logs`: overall status snapshots from the VRChat status API. */
export const StatusLogSchema = defineEntity({
  name: 'StatusLog',
  tableName: 'status_logs',
  properties: {
    id: p.integer().primary(),
    indicator: p.string(),
    description: p.text(),
    // `page.updated_at` from the API; unique so re-polling an unchanged page stores nothing new
    sourceTimestamp: p.datetime().unique(),
    createdAt: createdAtColumn(),
  },
});

export class StatusLog extends StatusLogSchema.class {}
StatusLogSchema.setClass(StatusLog);
