import { Migration } from '@mikro-orm/migrations';

/** The bot_config rows this migration inserts: keys and their defaults (intervals in seconds, window in minutes). */
const BOT_CONFIG_DEFAULTS: readonly (readonly [string, string])[] = [
  ['polling.status', '60'],
  ['polling.incident', '60'],
  ['polling.maintenance', '60'],
  ['polling.metrics', '60'],
  // raised to 5 by the crowd_reports migration (1 was a testing value)
  ['report_threshold', '1'],
  ['report_interval', '60'],
];

export class Migration20261125183610_initial extends Migration {
  override name = 'Migration20261125183610_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`bot_config\` (\`key\` text not null primary key, \`value\` text not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`command_logs\` (\`id\` integer not null primary key autoincrement, \`command_name\` text not null, \`subcommand\` text null, \`user_id\` text not null, \`guild_id\` text null, \`channel_id\` text null, \`executed_at\` datetime not null);`,
    );
    this.addSql(`create index \`idx_command_logs_user_id\` on \`command_logs\` (\`user_id\`);`);
    this.addSql(`create index \`idx_command_logs_guild_id\` on \`command_logs\` (\`guild_id\`);`);

    this.addSql(
      `create table \`component_logs\` (\`id\` integer not null primary key autoincrement, \`component_id\` text not null, \`name\` text not null, \`status\` text not null, \`source_timestamp\` datetime not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`idx_component_logs_component_time\` on \`component_logs\` (\`component_id\`, \`source_timestamp\`);`,
    );

    this.addSql(
      `create table \`guild_configs\` (\`guild_id\` text not null primary key, \`channel_id\` text null, \`enabled\` integer not null default true, \`language\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`incidents\` (\`id\` text not null primary key, \`title\` text not null, \`impact\` text not null, \`status\` text not null, \`started_at\` datetime not null, \`resolved_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`incident_updates\` (\`id\` text not null primary key, \`incident_id\` text not null, \`body\` text not null, \`status\` text not null, \`published_at\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`incident_updates_incident_id_foreign\` foreign key (\`incident_id\`) references \`incidents\` (\`id\`));`,
    );
    this.addSql(
      `create index \`incident_updates_incident_id_index\` on \`incident_updates\` (\`incident_id\`);`,
    );

    this.addSql(
      `create table \`maintenances\` (\`id\` text not null primary key, \`title\` text not null, \`status\` text not null, \`scheduled_for\` datetime not null, \`scheduled_until\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`metric_logs\` (\`id\` integer not null primary key autoincrement, \`metric_name\` text not null, \`value\` double not null, \`unit\` text not null, \`interval_sec\` integer not null, \`timestamp\` datetime not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`idx_metric_logs_name_time\` on \`metric_logs\` (\`metric_name\`, \`timestamp\`);`,
    );

    this.addSql(
      `create table \`sent_alerts\` (\`id\` integer not null primary key autoincrement, \`guild_id\` text null, \`user_id\` text null, \`alert_type\` text not null, \`reference_id\` text not null, \`notified_at\` datetime not null, \`created_at\` datetime not null, constraint \`ck_sent_alerts_one_recipient\` check ((\`guild_id\` is null) <> (\`user_id\` is null) and coalesce(\`guild_id\`,\`user_id\`) <> ''));`,
    );
    this.addSql(
      `create unique index \`idx_sent_alerts_lookup\` on \`sent_alerts\` (coalesce(\`guild_id\`, ''), coalesce(\`user_id\`, ''), \`alert_type\`, \`reference_id\`);`,
    );

    this.addSql(
      `create table \`status_logs\` (\`id\` integer not null primary key autoincrement, \`indicator\` text not null, \`description\` text not null, \`source_timestamp\` datetime not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`status_logs_source_timestamp_unique\` on \`status_logs\` (\`source_timestamp\`);`,
    );

    this.addSql(
      `create table \`user_configs\` (\`user_id\` text not null primary key, \`enabled\` integer not null default true, \`language\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create table \`user_reports\` (\`id\` integer not null primary key autoincrement, \`guild_id\` text null, \`user_id\` text not null, \`incident_type\` text not null, \`content\` text null, \`status\` text not null default 'active', \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`idx_user_reports_type_created\` on \`user_reports\` (\`incident_type\`, \`created_at\`);`,
    );
    this.addSql(
      `create index \`idx_user_reports_user_type_created\` on \`user_reports\` (\`user_id\`, \`incident_type\`, \`created_at\`);`,
    );

    // ---- Appended by hand; everything above is generator output (npm run migration:create). ----
    // The default bot_config rows. updated_at is epoch milliseconds like every Date column
    // (MikroORM's sqlite platform stores Dates as integers), taken when the migration runs.
    const now = Date.now();
    for (const [key, value] of BOT_CONFIG_DEFAULTS) {
      this.addSql(
        `insert into \`bot_config\` (\`key\`, \`value\`, \`updated_at\`) values ('${key}', '${value}', ${now});`,
      );
    }
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`bot_config\`;`);
    this.addSql(`drop table if exists \`command_logs\`;`);
    this.addSql(`drop table if exists \`component_logs\`;`);
    this.addSql(`drop table if exists \`guild_configs\`;`);
    // Hand edit: the generator listed incidents before incident_updates. With foreign_keys = on, DROP TABLE does
    // an implicit DELETE FROM, which fails once updates reference an incident, so the child table goes first.
    this.addSql(`drop table if exists \`incident_updates\`;`);
    this.addSql(`drop table if exists \`incidents\`;`);
    this.addSql(`drop table if exists \`maintenances\`;`);
    this.addSql(`drop table if exists \`metric_logs\`;`);
    this.addSql(`drop table if exists \`sent_alerts\`;`);
    this.addSql(`drop table if exists \`status_logs\`;`);
    this.addSql(`drop table if exists \`user_configs\`;`);
    this.addSql(`drop table if exists \`user_reports\`;`);
  }
}
