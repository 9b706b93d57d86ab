import type { PublishLimit } from '../discord/publish-limit';
import type { REST } from '@discordjs/rest';
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/sqlite';
import type { Logger } from '../logger';
import type { VrchatClient } from '../vrchat';
import type { DeliveryPolicy } from '../contracts/alerts';
import type { ReminderLead } from '../contracts/reminders';

/** What activities need from the process; built once in the worker's composition root. */
export interface ActivityDeps {
  orm: MikroORM;
  logger: Logger;
  vrchat: VrchatClient;
  /** Discord REST (paced under the global limit); null when DISCORD_TOKEN is not set. */
  discord: { rest: REST; publishLimit?: PublishLimit } | null;
  /**
   * For starting workflows from activities (alert fan-outs). `searchAttributes`: the namespace has
   * VRCPulse's search attributes registered, so fan-outs carry them (checked once at boot).
   */
  temporal: { client: Client; taskQueue: string; searchAttributes?: boolean };
  /** The status page's public address, for links in alerts. */
  pageUrl: string | null;
  /** How long fan-outs keep trying unreachable recipients (default DEFAULT_DELIVERY_POLICY). */
  delivery?: DeliveryPolicy;
  /** How long a repeated post is left to Discord's nonce (default NONCE_TRUST_MS; tests shorten it). */
  nonceTrustMs?: number;
  /** How long before a maintenance each reminder goes out (default REMINDER_LEAD_MS; tests shorten it). */
  reminderLeadsMs?: Record<ReminderLead, number>;
}
