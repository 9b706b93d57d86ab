import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, updatedAtColumn } from './columns';
import { Maintenance } from './maintenance';

/**
 * `maintenance_updates`: what VRChat posted on a maintenance (announced, started, completed…),
 * shaped like `incident_updates`; FK maintenance_id -> maintenances.id. Immutable once stored.
 */
export const MaintenanceUpdateSchema = defineEntity({
  name: 'MaintenanceUpdate',
  tableName: 'maintenance_updates',
  properties: {
    id: p.string().primary(),
    maintenance: () => p.manyToOne(Maintenance).ref().fieldName('maintenance_id'),
    body: p.text(),
    status: p.string(),
    publishedAt: p.datetime(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class MaintenanceUpdate extends MaintenanceUpdateSchema.class {}
MaintenanceUpdateSchema.setClass(MaintenanceUpdate);
