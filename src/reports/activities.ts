import { recordReport, type RecordOutcome } from './record';
import type { ReportSubmission } from '../contracts/reports';
import type { ActivityDeps } from '../activities/deps';

export function createReportActivities({ orm }: Pick<ActivityDeps, 'orm'>) {
  return {
    /** Stores one report (or answers cooldown / not registered); `at` is fixed by the workflow. */
    async recordReport({ report, at }: { report: ReportSubmission; at: string }): Promise<RecordOutcome> {
      return orm.em.fork().transactional((em) => recordReport(em, report, new Date(at)));
    },
  };
}
