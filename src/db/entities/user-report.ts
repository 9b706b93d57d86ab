import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn } from './columns';

/** `user_reports`: outage reports submitted via `/report`. */
export const UserReportSchema = defineEntity({
  name: 'UserReport',
  tableName: 'user_reports',
  properties: {
    id: p.integer().primary(),
    guildId: p.string().nullable(),
    userId: p.string(),
    incidentType: p.string(),
    content: p.text().nullable(),
    status: p.string().default('active'),
    // The Discord interaction the report came from, so that a retried or
    // redelivered /report finds its own row (NULL for reports recorded before it existed).
    interactionId: p.string().nullable(),
    createdAt: createdAtColumn(),
  },
  uniques: [{ name: 'uq_user_reports_interaction', properties: ['interactionId'] }],
  indexes: [
    // threshold queries: count reports of a type inside a time window
    { name: 'idx_user_reports_type_created', properties: ['incidentType', 'createdAt'] },
    // duplicate / cooldown check per reporter
    { name: 'idx_user_reports_user_type_created', properties: ['userId', 'incidentType', 'createdAt'] },
  ],
});

export class UserReport extends UserReportSchema.class {}
UserReportSchema.setClass(UserReport);
