import { Migration } from '@mikro-orm/migrations';

export class Migration20261204060119_delivery_failures extends Migration {
  override name = 'Migration20261204060119_delivery_failures';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`delivery_failures\` (\`id\` integer not null primary key autoincrement, \`recipient\` text not null, \`alert_type\` text not null, \`reference_id\` text not null, \`code\` integer not null, \`reason\` text not null, \`failed_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`idx_delivery_failures_recent\` on \`delivery_failures\` (\`recipient\`, \`failed_at\`);`,
    );
    this.addSql(
      `create unique index \`idx_delivery_failures_alert\` on \`delivery_failures\` (\`recipient\`, \`alert_type\`, \`reference_id\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`delivery_failures\`;`);
  }
}
