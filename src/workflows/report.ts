import {
  allHandlersFinished,
  condition,
  metricMeter,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  type ReportAnswer,
  type ReportSubmission,
  submitReportUpdate,
  validateReport,
} from '../contracts/reports';
import { COUNTERS } from '../contracts/metrics';

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
 * One report's answer: the single recording every delivery of the update shares, the answer once it
 * is recorded, and the threshold alert dispatched behind it. Pure: the workflow records and
 * dispatches, and hands the state the promises and the answer.
 */
export class ReportState {
  private recording: Promise<ReportAnswer> | null = null;
  private recorded: ReportAnswer | null = null;
  private dispatching: Promise<unknown> = Promise.resolve();

  /** The answer once the report is recorded, else null. */
  get answer(): ReportAnswer | null {
    return this.recorded;
  }

  /** Settles once the threshold alert, if this report started one, has been dispatched. */
  get alerting(): Promise<unknown> {
    return this.dispatching;
  }

  /**
   * The report's recording: `record` starts it on the first submission; the same interaction
   * delivered again shares it (and gets the same answer).
   */
  submit(record: () => Promise<ReportAnswer>): Promise<ReportAnswer> {
    return (this.recording ??= record());
  }

  /** The report is recorded; `alerting` is the threshold alert's dispatch, when it brought one. */
  answered(answer: ReportAnswer, alerting?: Promise<unknown>): void {
    if (alerting) this.dispatching = alerting;
    this.recorded = answer;
  }
}

/**
 * One `/report`, one workflow (`report-<interaction id>`), started together with its
 * `submitReport` update. The id makes the report idempotent per Discord interaction: a repeated
 * delivery finds this workflow and gets the same answer. When the report brings its type to the
 * threshold, the threshold alert of the current 15-minute block is started (once per block, by its
 * workflow id).
 */
export async function reportWorkflow(): Promise<ReportAnswer | null> {
  const state = new ReportState();

  setHandler(
    submitReportUpdate,
    (report: ReportSubmission) =>
      // The same interaction delivered twice shares the one recording.
      state.submit(async () => {
        const outcome = await recordReport({ report, at: new Date(Date.now()).toISOString() });
        metricMeter
          .createCounter(COUNTERS.reports.name, '', COUNTERS.reports.help)
          .add(1, { report_type: report.type, outcome: outcome.answer.status });
        // The reporter gets the answer now; the threshold alert starts behind it.
        const alerting = outcome.thresholdFact
          ? dispatchAlerts({ facts: [outcome.thresholdFact] })
          : undefined;
        state.answered(outcome.answer, alerting);
        return outcome.answer;
      }),
    { validator: validateReport },
  );

  await condition(() => state.answer !== null, WAIT_FOR_SUBMISSION);
  await state.alerting;
  await condition(allHandlersFinished);
  return state.answer;
}
