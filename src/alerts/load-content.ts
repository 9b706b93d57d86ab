/**
 * What an alert says, read from the database when its fan-out starts (so every recipient gets the
 * same text), as the plain JSON the fan-out carries in its history. One module per subject in
 * content/.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { AlertContent } from '../contracts/alert-content';
import type { AlertFact } from '../contracts/alerts';
import { incidentContent } from './content/incident';
import { maintenanceContent } from './content/maintenance';
import { metricContent } from './content/metric';
import { statusContent } from './content/status';
import { thresholdContent } from './content/threshold';
import { truncateAlertContent } from './truncate-content';

export interface ContentContext {
  /** The status page's public address, for links (e.g. https://status.vrchat.com). */
  pageUrl: string | null;
  now: Date;
}

/** `https://status.vrchat.com/api/v2` -> `https://status.vrchat.com`. */
export function statusPageUrl(statusBaseUrl: string): string {
  return statusBaseUrl.replace(/\/api\/v2\/?$/, '');
}

export async function loadAlertContent(
  em: EntityManager,
  fact: AlertFact,
  context: ContentContext,
): Promise<AlertContent | null> {
  const content = await load(em, fact, context);
  return content ? truncateAlertContent(content) : null;
}

async function load(
  em: EntityManager,
  fact: AlertFact,
  { pageUrl, now }: ContentContext,
): Promise<AlertContent | null> {
  switch (fact.type) {
    case 'status':
      return statusContent(em, fact.referenceId);
    case 'incident':
    case 'incident_update':
    case 'incident_resolved':
      return incidentContent(em, fact.type, fact.referenceId, pageUrl);
    case 'maintenance':
    case 'maintenance_started':
    case 'maintenance_completed':
    case 'maintenance_reminder':
      return maintenanceContent(em, fact.type, fact.referenceId, pageUrl);
    case 'threshold':
      return thresholdContent(em, fact.referenceId, now, pageUrl);
    case 'metric':
    case 'metric_recovered':
      return metricContent(em, fact.type, fact.referenceId, now);
    case 'test':
      return null; // never fanned out: `/config test` builds its own
  }
}
