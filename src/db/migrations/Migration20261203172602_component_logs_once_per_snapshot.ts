import { Migration } from '@mikro-orm/migrations';

export class Migration20261203172602_component_logs_once_per_snapshot extends Migration {
  override name = 'Migration20261203172602_component_logs_once_per_snapshot';

  override up(): void | Promise<void> {
    // Earlier versions stored a component listed twice in one payload twice: keep the first row.
    this.addSql(
      `delete from \`component_logs\` where \`id\` not in (select min(\`id\`) from \`component_logs\` group by \`source_timestamp\`, \`component_id\`);`,
    );
    this.addSql(
      `create unique index \`uq_component_logs_snapshot_component\` on \`component_logs\` (\`source_timestamp\`, \`component_id\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`uq_component_logs_snapshot_component\`;`);
  }
}
