import { Migration } from '@mikro-orm/migrations';

export class Migration20261203173352_incidents_missing_polls extends Migration {
  override name = 'Migration20261203173352_incidents_missing_polls';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`incidents\` add column \`missing_polls\` integer not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`incidents\` drop column \`missing_polls\`;`);
  }
}
