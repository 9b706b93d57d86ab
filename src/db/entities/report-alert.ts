import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn } from './columns';

/**
 * `report_alerts`: each crowd-report alert VRCPulse decided to broadcast (one row per threshold
 * reference id). Written in the same transaction as the report that reached the threshold, so the
 * broadcast limits (one per type per interval, a few an hour in all) hold under concurrent reports,
 * and read back to tell an incident alert that players reported the problem first.
 */
export const ReportAlertSchema = defineEntity({
  name: 'ReportAlert',
  tableName: 'report_alerts',
  properties: {
    id: p.integer().primary(),
    reportType: p.string(),
    referenceId: p.string().unique(),
    // distinct players counted, and the places they reported from, when it was decided
    reporters: p.integer(),
    sources: p.integer(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ name: 'idx_report_alerts_created', properties: ['createdAt'] }],
});

export class ReportAlert extends ReportAlertSchema.class {}
ReportAlertSchema.setClass(ReportAlert);
