/**
 * Activities of the alert pipeline that run on the worker: dispatch facts to fan-outs, load an
 * alert's content, count recipients. The sends themselves are in delivery-activities.ts.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { loadAlertContent } from './load-content';
import type { RecipientCursor } from '../contracts/alerts';
import { countRecipientsFrom } from './recipients';
import { earlierAlertWorkflowIds } from './earlier-alerts';
import type { AlertContent } from '../contracts/alert-content';
import {
  type AlertFact,
  type AlertFanoutInput,
  alertWorkflowId,
  ALERT_FANOUT_WORKFLOW_TYPE,
  DEFAULT_DELIVERY_POLICY,
} from '../contracts/alerts';
import { alertSearchAttributes, incidentOf, isUnknownSearchAttribute } from '../temporal/search-attributes';
import { alertFanoutDetails, alertFanoutSummary } from '../temporal/summaries';
import type { ActivityDeps } from '../activities/deps';

export function createAlertActivities(deps: ActivityDeps) {
  const { orm, logger } = deps;
  const log = logger.child({ component: 'alerts' });

  /** update id -> incident id, for the incident updates among the facts (their search attribute). */
  const incidentsOfUpdates = async (facts: AlertFact[]): Promise<Map<string, string>> => {
    const ids = facts.filter((f) => f.type === 'incident_update').map((f) => f.referenceId);
    if (ids.length === 0) return new Map();
    const rows = await orm.em
      .getConnection()
      .execute<{ id: string; incident_id: string }[]>(
        `select id, incident_id from incident_updates where id in (${ids.map(() => '?').join(', ')})`,
        ids,
      );
    return new Map(rows.map((row) => [row.id, row.incident_id]));
  };

  return {
    /**
     * Starts one fan-out per fact (workflow id alert-<type>-<reference_id>). A fan-out that exists
     * already, running or finished, is left alone; one that failed may be started again.
     *
     * Without a Discord token nothing can be delivered, so nothing is started: the facts come back
     * as `deferred`, the poll loops keep them undispatched, and once the worker has a token they go
     * out under the same catch-up rules as after a downtime.
     */
    async dispatchAlerts({
      facts,
    }: {
      facts: AlertFact[];
    }): Promise<{ started: string[]; existing: string[]; deferred: string[] }> {
      const started: string[] = [];
      const existing: string[] = [];
      if (!deps.discord) {
        const deferred = facts.map(alertWorkflowId);
        log.warn(
          { deferred },
          'DISCORD_TOKEN is not set: alerts wait until the worker runs with a token (within the 72 h catch-up window)',
        );
        return { started, existing, deferred };
      }
      const updates = deps.temporal.searchAttributes ? await incidentsOfUpdates(facts) : new Map();
      for (const fact of facts) {
        const workflowId = alertWorkflowId(fact);
        const start = (withSearchAttributes: boolean) =>
          deps.temporal.client.workflow.start(ALERT_FANOUT_WORKFLOW_TYPE, {
            workflowId,
            taskQueue: deps.temporal.taskQueue,
            args: [{ fact, delivery: deps.delivery ?? DEFAULT_DELIVERY_POLICY } satisfies AlertFanoutInput],
            workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
            staticSummary: alertFanoutSummary(fact),
            staticDetails: alertFanoutDetails(fact),
            // In the UI, `VrcpulseIncidentId = '<id>'` finds every alert of an incident (updates too).
            ...(withSearchAttributes
              ? { typedSearchAttributes: alertSearchAttributes(fact, incidentOf(fact, updates)) }
              : {}),
          });
        try {
          try {
            await start(deps.temporal.searchAttributes === true);
          } catch (err) {
            // Attributes removed from the namespace since boot: an alert matters more than its label.
            if (!(deps.temporal.searchAttributes && isUnknownSearchAttribute(err))) throw err;
            log.warn({ workflowId, err }, 'search attributes refused; fan-out started without them');
            await start(false);
          }
          started.push(workflowId);
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          existing.push(workflowId);
        }
      }
      if (started.length > 0) log.info({ started }, 'alert fan-outs started');
      return { started, existing, deferred: [] };
    },

    async loadAlertContent({ fact }: { fact: AlertFact }): Promise<AlertContent | null> {
      return loadAlertContent(orm.em.fork(), fact, { pageUrl: deps.pageUrl, now: new Date() });
    },

    /** How many recipients remain from `cursor` on (to count those an expired alert never reached). */
    countRecipientsFrom: (input: { cursor: RecipientCursor | null }): Promise<number> =>
      countRecipientsFrom(orm.em.fork(), input.cursor),

    /**
     * The fan-outs of earlier alerts about the same subject that still run (see earlier-alerts.ts):
     * the fan-out of `fact` waits until there are none. One never started is not waited for.
     */
    async earlierFanoutsRunning({ fact }: { fact: AlertFact }): Promise<string[]> {
      const running: string[] = [];
      for (const workflowId of await earlierAlertWorkflowIds(orm.em.fork(), fact)) {
        try {
          const { status } = await deps.temporal.client.workflow.getHandle(workflowId).describe();
          if (status.name === 'RUNNING') running.push(workflowId);
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      }
      return running;
    },
  };
}
