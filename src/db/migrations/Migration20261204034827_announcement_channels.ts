import { Migration } from '@mikro-orm/migrations';

export class Migration20261204034827_announcement_channels extends Migration {
  override name = 'Migration20261204034827_announcement_channels';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`alert_channels\` (\`channel_id\` text not null primary key, \`announcement\` integer not null default false, \`updated_at\` datetime not null);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`alert_channels\`;`);
  }
}
