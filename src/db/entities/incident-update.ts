import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, updatedAtColumn } from './columns';
import { Incident } from './incident';

/** `incident_updates`: chronological updates of an incident; FK incident_id -> incidents.id. */
export const IncidentUpdateSchema = defineEntity({
  name: 'IncidentUpdate',
  tableName: 'incident_updates',
  properties: {
    id: p.string().primary(),
    incident: () => p.manyToOne(Incident).ref().fieldName('incident_id'),
    body: p.text(),
    status: p.string(),
    publishedAt: p.datetime(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class IncidentUpdate extends IncidentUpdateSchema.class {}
IncidentUpdateSchema.setClass(IncidentUpdate);
