import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn } from './columns';

/** `component_logs`: per-component status history. */
export const ComponentLogSchema = defineEntity({
  name: 'ComponentLog',
  tableName: 'component_logs',
  properties: {
    id: p.integer().primary(),
    componentId: p.string(),
    name: p.string(),
    status: p.string(),
    // The Statuspage group the component belongs to (`group_id`), and whether the
    // row is a group itself, so /status can show components by group. NULL/false on older rows.
    groupId: p.string().nullable(),
    isGroup: p.boolean().default(false),
    sourceTimestamp: p.datetime(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ name: 'idx_component_logs_component_time', properties: ['componentId', 'sourceTimestamp'] }],
  // One row per component per snapshot: a payload listing a component twice is refused before it
  // gets here, and the database makes sure of it.
  uniques: [{ name: 'uq_component_logs_snapshot_component', properties: ['sourceTimestamp', 'componentId'] }],
});

export class ComponentLog extends ComponentLogSchema.class {}
ComponentLogSchema.setClass(ComponentLog);
