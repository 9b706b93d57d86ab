/** Which alerts about the same subject come before one (those without a database question). */
import type { EntityManager } from '@mikro-orm/sqlite';
import { earlierAlertWorkflowIds } from '../../src/alerts/earlier-alerts';
import type { AlertFact } from '../../src/contracts/alerts';

const earlier = (type: AlertFact['type'], referenceId: string) =>
  earlierAlertWorkflowIds({} as EntityManager, { type, referenceId, observedAt: '2026-12-03T10:00:00.000Z' });

it('a maintenance is announced, then started, then completed', async () => {
  expect(await earlier('maintenance', 'm1')).toEqual([]);
  expect(await earlier('maintenance_started', 'm1')).toEqual(['alert-maintenance-m1']);
  expect(await earlier('maintenance_completed', 'm1')).toEqual([
    'alert-maintenance-m1',
    'alert-maintenance_started-m1',
  ]);
});

it("a metric's recovery comes after its breach; nothing comes before a breach, a status or a crowd alert", async () => {
  expect(await earlier('metric_recovered', 'cloudfront_api_latency_recovered_2026-11-25T10:54')).toEqual([
    'alert-metric-cloudfront_api_latency_2026-11-25T10:54',
  ]);
  expect(await earlier('metric', 'cloudfront_api_latency_2026-11-25T10:54')).toEqual([]);
  expect(await earlier('status', 'major_outage_2026-11-25T10:00:00.000Z')).toEqual([]);
  expect(await earlier('threshold', 'threshold_login_2026-11-25T10:45')).toEqual([]);
});
