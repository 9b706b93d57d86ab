import { defineEntity, p } from '@mikro-orm/core';
import { updatedAtColumn } from './columns';

/**
 * `alert_channels`: what VRCPulse knows about a server's alert channel beyond its id, recorded by
 * `/config setup` (which sees the channel). An announcement channel gets every new alert message
 * published (crossposted) to the servers that follow it. A channel without a row (registered
 * before this table existed) is taken as a plain text channel until the next `/config setup`.
 */
export const AlertChannelSchema = defineEntity({
  name: 'AlertChannel',
  tableName: 'alert_channels',
  properties: {
    channelId: p.string().primary(),
    announcement: p.boolean().default(false),
    updatedAt: updatedAtColumn(),
  },
});

export class AlertChannel extends AlertChannelSchema.class {}
AlertChannelSchema.setClass(AlertChannel);
