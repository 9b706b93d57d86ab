import { Migration } from '@mikro-orm/migrations';

export class Migration20261125190109_recipient_locale_and_dm_channel extends Migration {
  override name = 'Migration20261125190109_recipient_locale_and_dm_channel';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`guild_configs\` add column \`locale\` text null;`);

    this.addSql(`alter table \`user_configs\` add column \`locale\` text null;`);
    this.addSql(`alter table \`user_configs\` add column \`dm_channel_id\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`guild_configs\` drop column \`locale\`;`);

    this.addSql(`alter table \`user_configs\` drop column \`locale\`;`);
    this.addSql(`alter table \`user_configs\` drop column \`dm_channel_id\`;`);
  }
}
