/**
 * Static summaries and details: the one-line description (and longer notes) the Temporal UI shows at
 * the top of a workflow and in its list's "Summary" column, set when the workflow is started. They
 * are fixed for a run (a run continued as new starts without them; its workflow id still says what it
 * is). Never put user-written text here: summaries are stored in clear and shown to every UI user.
 */
import type { AlertFact } from '../contracts/alerts';
import type { CommandLogEntry, CommandRequest } from '../contracts/commands';
import { POLL_WORKFLOW_IDS, type PollSource } from '../contracts/polling';
import type { ReportSubmission } from '../contracts/reports';
import { RETENTION_SCHEDULE_ID } from '../contracts/retention';
import type { WelcomeInput } from '../contracts/welcome';

const POLL_WHAT: Record<PollSource, string> = {
  status: 'VRChat status page (/summary.json) -> status_logs, component_logs',
  incident: 'VRChat incidents (/incidents.json) -> incidents, incident_updates',
  maintenance: 'VRChat maintenances (/scheduled-maintenances.json) -> maintenances',
  metrics: 'the eight CloudFront metric feeds -> metric_logs',
};

export const pollLoopSummary = (source: PollSource): string => `Poll loop: ${POLL_WHAT[source]}`;

export const pollLoopDetails = (source: PollSource): string =>
  [
    `Polls ${POLL_WHAT[source]}, one activity per cycle, and starts an alert fan-out per new fact.`,
    '',
    '- **Query** `state`: interval, last success, last error, next run, last result.',
    '- **Signal** `pollNow`: run a cycle now.',
    '- **Signal** `setPollInterval` `{"intervalSeconds": 120}`: change the interval (60..3600 s).',
    '',
    `Interval from bot_config \`polling.${source}\`; workflow id \`${POLL_WORKFLOW_IDS[source]}\`.`,
  ].join('\n');

export const maintenanceRemindersSummary = (maintenanceId: string, scheduledFor: string): string =>
  `Reminders of maintenance ${maintenanceId} (window starts ${scheduledFor})`;

export const maintenanceRemindersDetails = (maintenanceId: string): string =>
  [
    `Reminds every registered server and user of maintenance \`${maintenanceId}\` 24 h and 1 h before its`,
    'window (24 h only when it was announced more than a day ahead), each reminder an alert fan-out',
    '`alert-maintenance_reminder-<id>:reminder:<lead>:<window start>`.',
    '',
    '- **Query** `state`: the window, its reminders and what became of each, why it ended.',
    '- **Signal** `reschedule` `{"scheduledFor": "<ISO time>"}`: the window moved (the maintenance loop sends it).',
    '- **Signal** `cancel` `{"reason": "..."}`: no more reminders.',
  ].join('\n');

export const alertFanoutSummary = (fact: Pick<AlertFact, 'type' | 'referenceId'>): string =>
  `Alert ${fact.type} ${fact.referenceId} -> every registered server and user`;

export const alertFanoutDetails = (fact: AlertFact): string =>
  [
    `Delivers the \`${fact.type}\` alert \`${fact.referenceId}\` (observed ${fact.observedAt}) once to each`,
    'enabled server channel and DM user, 200 recipients per activity.',
    '',
    '- **Query** `progress`: delivered, already sent, failed (with the first 100 failures).',
  ].join('\n');

export const retentionSummary = (): string =>
  'Retention: delete rows past their period (bot_config retention.*) in batches';

export const retentionDetails = (): string =>
  [
    `Started daily by the schedule \`${RETENTION_SCHEDULE_ID}\`. Periods: metric_logs 90 d, status_logs and`,
    'component_logs 180 d, user_reports 365 d, sent_alerts 30 d, unless bot_config `retention.<table>` says',
    'otherwise. Deletes in batches of `retention.batch_size` (500) rows, each its own transaction.',
    '',
    '- **Query** `progress`, and the result: per table the cut-off, rows deleted and batches.',
  ].join('\n');

const place = (guildId: string | null) => (guildId ? `server ${guildId}` : 'DM');

function commandLine(entry: CommandLogEntry): string {
  return `/${entry.commandName}${entry.subcommand ? ` ${entry.subcommand}` : ''}`;
}

export const commandSummary = (request: CommandRequest): string =>
  request.log
    ? `${commandLine(request.log)} by user ${request.log.userId} in ${place(request.log.guildId)}`
    : `Button: ${request.action.kind}`;

export const commandLogSummary = (entry: CommandLogEntry): string =>
  `${commandLine(entry)} by user ${entry.userId} in ${place(entry.guildId)} (logged)`;

/** The report's type only: its details are the user's own words. */
export const reportSummary = (report: ReportSubmission): string =>
  `/report ${report.type} by user ${report.userId} in ${place(report.guildId)}`;

export const welcomeSummary = (input: WelcomeInput): string =>
  `Welcome message for server ${input.guildId} in channel ${input.channelId}`;
