import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migration20261125183610_initial } from './Migration20261125183610_initial';
import { Migration20261125190109_recipient_locale_and_dm_channel } from './Migration20261125190109_recipient_locale_and_dm_channel';
import { Migration20261125200112_report_interaction_id } from './Migration20261125200112_report_interaction_id';
import { Migration20261125214610_bot_commands } from './Migration20261125214610_bot_commands';
import { Migration20261203170039_sent_alerts_by_alert } from './Migration20261203170039_sent_alerts_by_alert';
import { Migration20261203172602_component_logs_once_per_snapshot } from './Migration20261203172602_component_logs_once_per_snapshot';
import { Migration20261203173352_incidents_missing_polls } from './Migration20261203173352_incidents_missing_polls';
import { Migration20261203191924_maintenance_updates } from './Migration20261203191924_maintenance_updates';
import { Migration20261203193458_crowd_reports } from './Migration20261203193458_crowd_reports';
import { Migration20261203200604_broken_channels } from './Migration20261203200604_broken_channels';
import { Migration20261203215425_discord_pacing } from './Migration20261203215425_discord_pacing';
import { Migration20261203222805_pending_sends } from './Migration20261203222805_pending_sends';
import { Migration20261204033427_alert_messages } from './Migration20261204033427_alert_messages';
import { Migration20261204034827_announcement_channels } from './Migration20261204034827_announcement_channels';
import { Migration20261204055056_alert_filters_and_mentions } from './Migration20261204055056_alert_filters_and_mentions';
import { Migration20261204060119_delivery_failures } from './Migration20261204060119_delivery_failures';
import { Migration20261204061937_storm_digests } from './Migration20261204061937_storm_digests';
import { Migration20261204065142_pending_send_posting } from './Migration20261204065142_pending_send_posting';

/**
 * Every migration, in the order it must run. Listed explicitly (no glob discovery): MikroORM's file discovery uses
 * dynamic import(), which our CommonJS build and Jest do not handle reliably. `npm run migration:create` writes a
 * new file next to this one; add its class at the end of this list (a test fails if a file is left out).
 */
export const MIGRATIONS: readonly Constructor<Migration>[] = [
  Migration20261125183610_initial,
  Migration20261125190109_recipient_locale_and_dm_channel,
  Migration20261125200112_report_interaction_id,
  Migration20261125214610_bot_commands,
  Migration20261203170039_sent_alerts_by_alert,
  Migration20261203172602_component_logs_once_per_snapshot,
  Migration20261203173352_incidents_missing_polls,
  Migration20261203191924_maintenance_updates,
  Migration20261203193458_crowd_reports,
  Migration20261203200604_broken_channels,
  Migration20261203215425_discord_pacing,
  Migration20261203222805_pending_sends,
  Migration20261204033427_alert_messages,
  Migration20261204034827_announcement_channels,
  Migration20261204055056_alert_filters_and_mentions,
  Migration20261204060119_delivery_failures,
  Migration20261204061937_storm_digests,
  Migration20261204065142_pending_send_posting,
];
