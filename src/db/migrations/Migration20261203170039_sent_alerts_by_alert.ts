import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170039_sent_alerts_by_alert extends Migration {
  override name = 'Migration20261203170039_sent_alerts_by_alert';

  override up(): void | Promise<void> {
    this.addSql(
      `create index \`idx_sent_alerts_alert\` on \`sent_alerts\` (\`alert_type\`, \`reference_id\`);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`idx_sent_alerts_alert\`;`);
  }
}
