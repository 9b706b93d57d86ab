import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, updatedAtColumn } from './columns';

/** `incidents`: official VRChat incidents, keyed by the Statuspage incident id. */
export const IncidentSchema = defineEntity({
  name: 'Incident',
  tableName: 'incidents',
  properties: {
    id: p.string().primary(),
    title: p.string(),
    impact: p.string(),
    status: p.string(),
    startedAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class Incident extends IncidentSchema.class {}
IncidentSchema.setClass(Incident);
