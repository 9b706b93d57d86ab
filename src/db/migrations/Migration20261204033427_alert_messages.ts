import { Migration } from '@mikro-orm/migrations';

export class Migration20261204033427_alert_messages extends Migration {
  override name = 'Migration20261204033427_alert_messages';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`alert_messages\` (\`id\` integer not null primary key autoincrement, \`subject\` text not null, \`recipient\` text not null, \`channel_id\` text not null, \`message_id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`idx_alert_messages_subject\` on \`alert_messages\` (\`subject\`, \`recipient\`);`,
    );

    this.addSql(
      `create table \`alert_preferences\` (\`recipient\` text not null primary key, \`style\` text not null default 'lifecycle', \`updated_at\` datetime not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`alert_messages\`;`);
    this.addSql(`drop table if exists \`alert_preferences\`;`);
  }
}
