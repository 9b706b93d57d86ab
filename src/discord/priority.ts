/**
 * Which Discord requests go first when several compete for the rate: official alerts (VRChat's
 * status, incidents, maintenances) before crowd-report and metric alerts and anything else. Carried
 * by the async context of the code that sends, so the rate gate inside @discordjs/rest's request
 * function sees it without any route or option of its own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AlertType } from '../contracts/alerts';

export type RequestPriority = 'urgent' | 'normal';

const priority = new AsyncLocalStorage<RequestPriority>();

/** Runs `fn` with every Discord request it makes at `level`. */
export function withRequestPriority<T>(level: RequestPriority, fn: () => Promise<T>): Promise<T> {
  return priority.run(level, fn);
}

/** The priority of the request being made now (normal outside withRequestPriority). */
export const currentRequestPriority = (): RequestPriority => priority.getStore() ?? 'normal';

/** What VRChat itself published is urgent; what VRCPulse inferred (players' reports, metrics) is not. */
export function alertPriority(type: AlertType): RequestPriority {
  return type === 'threshold' || type === 'metric' || type === 'metric_recovered' ? 'normal' : 'urgent';
}
