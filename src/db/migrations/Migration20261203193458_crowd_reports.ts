import { Migration } from '@mikro-orm/migrations';

export class Migration20261203193458_crowd_reports extends Migration {
  override name = 'Migration20261203193458_crowd_reports';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`report_alerts\` (\`id\` integer not null primary key autoincrement, \`report_type\` text not null, \`reference_id\` text not null, \`reporters\` integer not null, \`sources\` integer not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`report_alerts_reference_id_unique\` on \`report_alerts\` (\`reference_id\`);`,
    );
    this.addSql(`create index \`idx_report_alerts_created\` on \`report_alerts\` (\`created_at\`);`);

    this.addSql(`alter table \`incidents\` add column \`reported_by_players_at\` datetime null;`);

    // ---- By hand: crowd-report defaults. ----
    // 1 was a testing value; 5 is the policy. A value an operator changed is left alone (a 1 that
    // was set on purpose reads the same as the old default and becomes 5: set it again).
    const now = Date.now();
    this.addSql(
      `update \`bot_config\` set \`value\` = '5', \`updated_at\` = ${now} where \`key\` = 'report_threshold' and \`value\` = '1';`,
    );
    this.addSql(
      `insert or ignore into \`bot_config\` (\`key\`, \`value\`, \`updated_at\`) values ('report_min_sources', '2', ${now});`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`report_alerts\`;`);

    this.addSql(`alter table \`incidents\` drop column \`reported_by_players_at\`;`);
    this.addSql(`delete from \`bot_config\` where \`key\` = 'report_min_sources';`);
  }
}
