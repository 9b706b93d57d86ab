import { Migration } from '@mikro-orm/migrations';

export class Migration20261125214610_bot_commands extends Migration {
  override name = 'Migration20261125214610_bot_commands';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`command_logs\` add column \`interaction_id\` text null;`);
    this.addSql(
      `create unique index \`uq_command_logs_interaction\` on \`command_logs\` (\`interaction_id\`);`,
    );

    this.addSql(`alter table \`component_logs\` add column \`group_id\` text null;`);
    this.addSql(`alter table \`component_logs\` add column \`is_group\` integer not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`uq_command_logs_interaction\`;`);
    this.addSql(`alter table \`command_logs\` drop column \`interaction_id\`;`);

    this.addSql(`alter table \`component_logs\` drop column \`group_id\`;`);
    this.addSql(`alter table \`component_logs\` drop column \`is_group\`;`);
  }
}
