import { defineEntity, p } from '@mikro-orm/core';

/**
 * `discord_pacing`: the one schedule of Discord request starts that every process sending on this
 * database shares (one row, id 1), so that several workers together stay under Discord's global
 * limit. `next_slot_at`: the first start time (epoch ms) nobody has claimed yet; `urgent_until`:
 * until when a process sending official alerts has precedence, so others' crowd-report and metric
 * sends wait. Claimed a quarter of a second at a time (src/discord/shared-schedule.ts).
 */
export const DiscordPacingSchema = defineEntity({
  name: 'DiscordPacing',
  tableName: 'discord_pacing',
  properties: {
    id: p.integer().primary().autoincrement(false),
    nextSlotAt: p.double(),
    urgentUntil: p.double(),
  },
});

export class DiscordPacing extends DiscordPacingSchema.class {}
DiscordPacingSchema.setClass(DiscordPacing);
