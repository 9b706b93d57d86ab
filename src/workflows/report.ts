import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  type ReportAnswer,
  type ReportSubmission,
  submitReportUpdate,
  validateReport,
} from '../contracts/reports';

const { recordReport } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 10 },
});
const { dispatchAlerts } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

/** How long a report workflow waits for its submission (it normally arrives with the start). */
const WAIT_FOR_SUBMISSION = '1 minute';

/**
 * One `/report`, one workflow (`report-<interaction id>`), started together with its
 * `submitReport` update. The id makes the report idempotent per Discord interaction: a repeated
 * delivery finds this workflow and gets the same answer. When the report brings its type to the
 * threshold, the threshold alert of the current 15-minute block is started (once per block, by its
 * workflow id).
 */
export async function reportWorkflow(): Promise<ReportAnswer | null> {
  let answer: ReportAnswer | null = null;
  let answering: Promise<ReportAnswer> | null = null;
  let alerting: Promise<unknown> = Promise.resolve();

  setHandler(
    submitReportUpdate,
    (report: ReportSubmission) => {
      // The same interaction delivered twice shares the one recording.
      answering ??= (async () => {
        const outcome = await recordReport({ report, at: new Date(Date.now()).toISOString() });
        // The reporter gets the answer now; the threshold alert starts behind it.
        if (outcome.thresholdFact) alerting = dispatchAlerts({ facts: [outcome.thresholdFact] });
        answer = outcome.answer;
        return outcome.answer;
      })();
      return answering;
    },
    { validator: validateReport },
  );

  await condition(() => answer !== null, WAIT_FOR_SUBMISSION);
  await alerting;
  await condition(allHandlersFinished);
  return answer;
}
