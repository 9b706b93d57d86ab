import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, updatedAtColumn } from './columns';

/** `maintenances`: scheduled maintenances. */
export const MaintenanceSchema = defineEntity({
  name: 'Maintenance',
  tableName: 'maintenances',
  properties: {
    id: p.string().primary(),
    title: p.string(),
    status: p.string(),
    scheduledFor: p.datetime(),
    scheduledUntil: p.datetime(),
    // When VRCPulse first saw the current status. Title and schedule edits move updated_at but not
    // this, so an edit is never mistaken for a status change (see polling/persist-maintenances.ts).
    statusChangedAt: p.datetime().nullable(),
    // How many successful polls in a row have not listed it while it was not completed.
    missingPolls: p.integer().default(0),
    // Set when VRChat stopped listing it before its window ended (cancelled): it alerts nothing more.
    removedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class Maintenance extends MaintenanceSchema.class {}
MaintenanceSchema.setClass(Maintenance);
