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
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class Maintenance extends MaintenanceSchema.class {}
MaintenanceSchema.setClass(Maintenance);
