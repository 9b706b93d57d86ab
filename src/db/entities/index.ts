import { AlertChannel, AlertChannelSchema } from './alert-channel';
import { AlertDigest, AlertDigestSchema } from './alert-digest';
import { AlertMessage, AlertMessageSchema } from './alert-message';
import { AlertPreference, AlertPreferenceSchema } from './alert-preference';
import { BotConfig, BotConfigSchema } from './bot-config';
import { CommandLog, CommandLogSchema } from './command-log';
import { ComponentLog, ComponentLogSchema } from './component-log';
import { DeliveryFailure, DeliveryFailureSchema } from './delivery-failure';
import { DiscordPacing, DiscordPacingSchema } from './discord-pacing';
import { GuildConfig, GuildConfigSchema } from './guild-config';
import { Incident, IncidentSchema } from './incident';
import { IncidentUpdate, IncidentUpdateSchema } from './incident-update';
import { Maintenance, MaintenanceSchema } from './maintenance';
import { MaintenanceUpdate, MaintenanceUpdateSchema } from './maintenance-update';
import { MetricLog, MetricLogSchema } from './metric-log';
import { PendingSend, PendingSendSchema } from './pending-send';
import { ReportAlert, ReportAlertSchema } from './report-alert';
import { SentAlert, SentAlertSchema } from './sent-alert';
import { StatusLog, StatusLogSchema } from './status-log';
import { UserConfig, UserConfigSchema } from './user-config';
import { UserReport, UserReportSchema } from './user-report';

export {
  AlertChannel,
  AlertChannelSchema,
  AlertDigest,
  AlertDigestSchema,
  AlertMessage,
  AlertMessageSchema,
  AlertPreference,
  AlertPreferenceSchema,
  BotConfig,
  BotConfigSchema,
  CommandLog,
  CommandLogSchema,
  ComponentLog,
  ComponentLogSchema,
  DeliveryFailure,
  DeliveryFailureSchema,
  DiscordPacing,
  DiscordPacingSchema,
  GuildConfig,
  GuildConfigSchema,
  Incident,
  IncidentSchema,
  IncidentUpdate,
  IncidentUpdateSchema,
  Maintenance,
  MaintenanceSchema,
  MaintenanceUpdate,
  MaintenanceUpdateSchema,
  MetricLog,
  MetricLogSchema,
  PendingSend,
  PendingSendSchema,
  ReportAlert,
  ReportAlertSchema,
  SentAlert,
  SentAlertSchema,
  StatusLog,
  StatusLogSchema,
  UserConfig,
  UserConfigSchema,
  UserReport,
  UserReportSchema,
};

/**
 * Every entity of the schema, listed explicitly: MikroORM 7 is ESM-only and folder discovery would go through
 * dynamic import(), which neither our CommonJS build nor Jest handles reliably.
 */
export const ALL_ENTITIES = [
  GuildConfigSchema,
  UserConfigSchema,
  UserReportSchema,
  StatusLogSchema,
  ComponentLogSchema,
  IncidentSchema,
  IncidentUpdateSchema,
  MaintenanceSchema,
  MaintenanceUpdateSchema,
  MetricLogSchema,
  SentAlertSchema,
  ReportAlertSchema,
  BotConfigSchema,
  CommandLogSchema,
  DiscordPacingSchema,
  PendingSendSchema,
  AlertMessageSchema,
  AlertPreferenceSchema,
  AlertChannelSchema,
  DeliveryFailureSchema,
  AlertDigestSchema,
] as const;
