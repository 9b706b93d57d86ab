/** The probe's workflow: schedules `count` trivial activities at once and waits for them all. */
import { proxyActivities } from '@temporalio/workflow';

const { probe } = proxyActivities<{ probe(i: number): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export async function rateProbeWorkflow(count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, i) => probe(i)));
}
