import { Migration } from '@mikro-orm/migrations';

export class Migration20261203200604_broken_channels extends Migration {
  override name = 'Migration20261203200604_broken_channels';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`guild_configs\` add column \`failure_streak\` integer not null default 0;`);
    this.addSql(`alter table \`guild_configs\` add column \`disabled_reason\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`guild_configs\` drop column \`failure_streak\`;`);
    this.addSql(`alter table \`guild_configs\` drop column \`disabled_reason\`;`);
  }
}
