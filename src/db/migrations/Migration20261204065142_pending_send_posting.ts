import { Migration } from '@mikro-orm/migrations';

export class Migration20261204065142_pending_send_posting extends Migration {
  override name = 'Migration20261204065142_pending_send_posting';

  override up(): void | Promise<void> {
    this.addSql(`alter table \`pending_sends\` add column \`posting\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table \`pending_sends\` drop column \`posting\`;`);
  }
}
