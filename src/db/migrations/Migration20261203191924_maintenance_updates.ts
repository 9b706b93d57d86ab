import { Migration } from '@mikro-orm/migrations';

export class Migration20261203191924_maintenance_updates extends Migration {
  override name = 'Migration20261203191924_maintenance_updates';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`maintenance_updates\` (\`id\` text not null primary key, \`maintenance_id\` text not null, \`body\` text not null, \`status\` text not null, \`published_at\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`maintenance_updates_maintenance_id_foreign\` foreign key (\`maintenance_id\`) references \`maintenances\` (\`id\`));`,
    );
    this.addSql(
      `create index \`maintenance_updates_maintenance_id_index\` on \`maintenance_updates\` (\`maintenance_id\`);`,
    );

    this.addSql(`alter table \`maintenances\` add column \`status_changed_at\` datetime null;`);
    // The best earlier releases knew of when the status last changed.
    this.addSql(`update \`maintenances\` set \`status_changed_at\` = \`updated_at\`;`);
    this.addSql(`alter table \`maintenances\` add column \`missing_polls\` integer not null default 0;`);
    this.addSql(`alter table \`maintenances\` add column \`removed_at\` datetime null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`maintenance_updates\`;`);

    this.addSql(`alter table \`maintenances\` drop column \`status_changed_at\`;`);
    this.addSql(`alter table \`maintenances\` drop column \`missing_polls\`;`);
    this.addSql(`alter table \`maintenances\` drop column \`removed_at\`;`);
  }
}
