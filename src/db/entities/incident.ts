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
    // How many successful polls in a row have not listed this open incident: one empty or partial
    // response is a blip, not a resolution (see polling/persist-incidents.ts).
    missingPolls: p.integer().default(0),
    // When a crowd-report alert of a related type went out, if one did in the hour before VRChat
    // opened this incident: players reported it first (see reports/signals.ts).
    reportedByPlayersAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});

export class Incident extends IncidentSchema.class {}
IncidentSchema.setClass(Incident);
