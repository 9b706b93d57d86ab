import { Migration } from '@mikro-orm/migrations';

export class Migration20261204061937_storm_digests extends Migration {
  override name = 'Migration20261204061937_storm_digests';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`alert_digests\` (\`recipient\` text not null primary key, \`channel_id\` text not null, \`message_id\` text not null, \`items\` text not null, \`started_at\` datetime not null, \`updated_at\` datetime not null);`,
    );

    this.addSql(
      `create index \`idx_sent_alerts_recent\` on \`sent_alerts\` (coalesce(\`guild_id\`, ''), coalesce(\`user_id\`, ''), \`notified_at\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`alert_digests\`;`);

    this.addSql(`drop index \`idx_sent_alerts_recent\`;`);
  }
}
