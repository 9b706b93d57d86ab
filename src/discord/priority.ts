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

/**
 * What VRChat itself published is urgent; what VRCPulse inferred (players' reports, metrics) is not,
 * nor a reminder of a maintenance already announced. A `/config test` is urgent too: someone waits
 * for its answer, and it is one message.
 */
export function alertPriority(type: AlertType): RequestPriority {
  return type === 'threshold' ||
    type === 'metric' ||
    type === 'metric_recovered' ||
    type === 'maintenance_reminder'
    ? 'normal'
    : 'urgent';
}

/**
 * How long after the last urgent delivery ended normal ones keep waiting: bridges the moment
 * between two pages of an official alert, when none of its sends is waiting.
 */
const URGENT_LINGER_MS = 500;
let urgentDeliveries = 0;
let lingering: NodeJS.Timeout | undefined;
const resume: (() => void)[] = [];

/**
 * Runs an official alert's delivery (`fn`) with its requests urgent, and holds normal deliveries
 * back (waitForUrgentDeliveries) until it ends. The rate gate alone is not enough: @discordjs/rest
 * queues requests per channel, so a crowd-report message waiting at the gate for a channel would
 * hold an incident's message to the same channel behind it, and both alerts would share the rate.
 */
export async function asUrgentDelivery<T>(fn: () => Promise<T>): Promise<T> {
  urgentDeliveries++;
  clearTimeout(lingering);
  lingering = undefined;
  try {
    return await withRequestPriority('urgent', fn);
  } finally {
    if (--urgentDeliveries === 0) {
      lingering = setTimeout(() => {
        lingering = undefined;
        if (urgentDeliveries > 0) return;
        for (const go of resume.splice(0)) go();
      }, URGENT_LINGER_MS);
      lingering.unref();
    }
  }
}

/** Resolves at once, or when no official alert is being delivered in this process any more. */
export function waitForUrgentDeliveries(): Promise<void> {
  if (urgentDeliveries === 0 && lingering === undefined) return Promise.resolve();
  return new Promise((resolve) => resume.push(resolve));
}
