import { Migration } from '@mikro-orm/migrations';

export class Migration20261125200112_report_interaction_id extends Migration {
  override name = 'Migration20261125200112_report_interaction_id';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`user_reports\` add column \`interaction_id\` text null;`);
    this.addSql(
      `create unique index \`uq_user_reports_interaction\` on \`user_reports\` (\`interaction_id\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`uq_user_reports_interaction\`;`);
    this.addSql(`alter table \`user_reports\` drop column \`interaction_id\`;`);
  }
}
