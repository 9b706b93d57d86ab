import { Migration } from '@mikro-orm/migrations';

export class Migration20261203222805_pending_sends extends Migration {
  override name = 'Migration20261203222805_pending_sends';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`pending_sends\` (\`id\` integer not null primary key autoincrement, \`alert_type\` text not null, \`reference_id\` text not null, \`recipient\` text not null, \`first_attempt_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`idx_pending_sends_alert\` on \`pending_sends\` (\`alert_type\`, \`reference_id\`, \`recipient\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`pending_sends\`;`);
  }
}
