import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn } from './columns';

/** `component_logs`: per-component status history (seed table 5). */
export const ComponentLogSchema = defineEntity({
  name: 'ComponentLog',
  tableName: 'component_logs',
  properties: {
    id: p.integer().primary(),
    componentId: p.string(),
    name: p.string(),
    status: p.string(),
    sourceTimestamp: p.datetime(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ name: 'idx_component_logs_component_time', properties: ['componentId', 'sourceTimestamp'] }],
});

export class ComponentLog extends ComponentLogSchema.class {}
ComponentLogSchema.setClass(ComponentLog);
