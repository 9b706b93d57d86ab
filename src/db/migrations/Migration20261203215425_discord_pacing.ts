import { Migration } from '@mikro-orm/migrations';

export class Migration20261203215425_discord_pacing extends Migration {
  override name = 'Migration20261203215425_discord_pacing';

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`discord_pacing\` (\`id\` integer not null primary key, \`next_slot_at\` double not null, \`urgent_until\` double not null);`,
    );
    // the one schedule: nothing claimed yet
    this.addSql(
      `insert into \`discord_pacing\` (\`id\`, \`next_slot_at\`, \`urgent_until\`) values (1, 0, 0);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`discord_pacing\`;`);
  }
}
