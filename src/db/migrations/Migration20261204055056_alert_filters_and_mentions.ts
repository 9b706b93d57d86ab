import { Migration } from '@mikro-orm/migrations';

export class Migration20261204055056_alert_filters_and_mentions extends Migration {
  override name = 'Migration20261204055056_alert_filters_and_mentions';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`alert_preferences\` add column \`incidents\` integer not null default true;`);
    this.addSql(
      `alter table \`alert_preferences\` add column \`maintenances\` integer not null default true;`,
    );
    this.addSql(`alter table \`alert_preferences\` add column \`status\` integer not null default true;`);
    this.addSql(`alter table \`alert_preferences\` add column \`metrics\` integer not null default true;`);
    this.addSql(`alter table \`alert_preferences\` add column \`reports\` integer not null default true;`);
    this.addSql(`alter table \`alert_preferences\` add column \`min_impact\` text not null default 'none';`);
    this.addSql(`alter table \`alert_preferences\` add column \`mention_role_id\` text null;`);
    this.addSql(
      `alter table \`alert_preferences\` add column \`mention_min_impact\` text not null default 'major';`,
    );
    this.addSql(
      `alter table \`alert_preferences\` add column \`mention_maintenance\` integer not null default false;`,
    );
    this.addSql(`alter table \`alert_preferences\` add column \`mention_role_deleted\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`alert_preferences\` drop column \`incidents\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`maintenances\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`status\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`metrics\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`reports\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`min_impact\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`mention_role_id\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`mention_min_impact\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`mention_maintenance\`;`);
    this.addSql(`alter table \`alert_preferences\` drop column \`mention_role_deleted\`;`);
  }
}
