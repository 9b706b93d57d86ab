/**
 * Alertable facts: what the poll loops found that should reach Discord. Every fact has a
 * deterministic reference id (docs/alerts.md), so emitting it again is harmless: the fan-out's
 * workflow id `alert-<type>-<reference_id>` and `sent_alerts` deduplicate.
 */
import { defineQuery } from '@temporalio/workflow';
import type { AlertContent } from './alert-content';
import type { Language } from './languages';
import type { AlertFilter, RoleMention } from './preferences';

export const ALERT_TYPES = [
  'status',
  'incident',
  'incident_update',
  'incident_resolved',
  'maintenance',
  'maintenance_started',
  'maintenance_completed',
  'maintenance_reminder',
  'threshold',
  'metric',
  'metric_recovered',
  // `/config test`: a sample sent to one recipient on request, never fanned out
  'test',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export interface AlertFact {
  type: AlertType;
  referenceId: string;
  /** When VRCPulse first observed what the fact reports (ISO-8601, UTC). */
  observedAt: string;
}

/**
 * How long after VRCPulse observed something it keeps emitting the fact. Long enough to catch up
 * after an outage of the bot; shorter than sent_alerts' 30-day retention, so a fact can never
 * outlive the rows that deduplicate it.
 */
export const ALERT_CATCH_UP_WINDOW_MS = 72 * 60 * 60 * 1000;

export const alertWorkflowId = (fact: Pick<AlertFact, 'type' | 'referenceId'>): string =>
  `alert-${fact.type}-${fact.referenceId}`;

export const ALERT_FANOUT_WORKFLOW_TYPE = 'alertFanoutWorkflow';

/**
 * The task queue of the Discord sends of workflows on `taskQueue`: served by the delivery process,
 * whose event loop does nothing but send, so no database transaction of the main worker ever holds
 * a paced request back and bunches it with the next ones on the wire.
 */
export const deliveryTaskQueue = (taskQueue: string): string => `${taskQueue}-delivery`;

export interface FanoutFailure {
  /** `guild:<id>` or `user:<id>`. */
  recipient: string;
  /** Discord's JSON error code, null when retries of a transient error ran out. */
  code: number | null;
  reason: string;
  /** Whether the registration was switched off (the recipient cannot be reached any more). */
  disabled: boolean;
}

/** Per alert, what the Temporal UI shows (progress query and workflow result). */
export interface FanoutProgress {
  referenceId: string;
  type: AlertType;
  phase: 'loading' | 'delivering' | 'retrying' | 'done' | 'nothing-to-send';
  recipientsSeen: number;
  delivered: number;
  alreadySent: number;
  failedPermanently: number;
  /** Up to the first 100 failures, for the UI. */
  failures: FanoutFailure[];
  pages: number;
  /** Recipients waiting for another try (absent in progress of earlier releases). */
  pending?: number;
  /** Recipients still unreached when the alert reached its maximum age: never delivered. */
  expired?: number;
  /** Since when every send of a page has failed (Discord unreachable); null while sends go through. */
  waitingForDiscordSince?: string | null;
  /**
   * Sends whose outcome is not known yet (the answer was lost): the next try looks in the channel
   * before posting again. As of the last delivery activity; absent in earlier releases.
   */
  unknownOutcome?: number;
  /** Recipients that chose not to get this kind of alert (`/config alerts`): no request, no record. */
  filtered?: number;
  /** While it waits for them: the fan-outs of earlier alerts about the same subject. */
  waitingFor?: string[];
}

/**
 * How long a fan-out keeps trying recipients it could not reach (Discord down, 5xx, timeouts):
 * waits that double from 30 s up to `retryMaxDelaySeconds`, until the alert is `maxAgeSeconds` old
 * (from when VRCPulse observed it); whoever is still unreached then is counted as expired.
 * ALERT_RETRY_MAX_DELAY and ALERT_MAX_AGE set them.
 */
export interface DeliveryPolicy {
  retryMaxDelaySeconds: number;
  maxAgeSeconds: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { retryMaxDelaySeconds: 600, maxAgeSeconds: 86_400 };

export interface AlertFanoutInput {
  fact: AlertFact;
  /** Absent in fan-outs started by earlier releases: DEFAULT_DELIVERY_POLICY applies. */
  delivery?: DeliveryPolicy;
  /** Present when the fan-out continues as new: where it was. */
  carried?: {
    content: AlertContent;
    cursor: RecipientCursor | null;
    progress: FanoutProgress;
    retry: Recipient[];
  };
}

/** Who receives alerts: every enabled guild with a channel, then every enabled user (DM). */
/**
 * How a recipient gets the alerts about one incident or maintenance: `lifecycle` (the default), one
 * message kept current by edits with each update posted as a reply to it; `separate`, a new message
 * per alert (as VRCPulse did before).
 */
export const ALERT_STYLES = ['lifecycle', 'separate'] as const;
export type AlertStyle = (typeof ALERT_STYLES)[number];
export const DEFAULT_ALERT_STYLE: AlertStyle = 'lifecycle';

export type Recipient = (
  | {
      kind: 'guild';
      id: string;
      channelId: string;
      language: Language | null;
      locale: string | null;
      /** An announcement channel: new alert messages are published to following servers. */
      announcement?: boolean;
    }
  | {
      kind: 'user';
      id: string;
      dmChannelId: string | null;
      language: Language | null;
      locale: string | null;
    }
) & {
  /** Absent in recipients listed by earlier releases (and for the default): DEFAULT_ALERT_STYLE. */
  style?: AlertStyle;
  /** What the recipient chose not to hear (`/config alerts`); absent: everything. */
  filter?: AlertFilter;
  /** The role a server pings (`/config mention`); absent: none. */
  mention?: RoleMention;
};

/** Where the next page starts: guilds first (by id), then users (by id). */
export interface RecipientCursor {
  kind: 'guild' | 'user';
  afterId: string | null;
}

export const recipientKey = (r: Pick<Recipient, 'kind' | 'id'>): string => `${r.kind}:${r.id}`;

export const fanoutProgressQuery = defineQuery<FanoutProgress>('progress');
