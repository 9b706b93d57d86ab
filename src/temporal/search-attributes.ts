/**
 * VRCPulse's custom search attributes, so the Temporal UI answers "every alert for incident X" with
 * one query (`VrcpulseIncidentId = '9cn3s26glx4d'`; `VrcpulseReferenceId` is the alert's own
 * reference id as in sent_alerts). They are set when a workflow is started, by the
 * worker (poll loops, alert fan-outs, the retention schedule's runs).
 *
 * A namespace must have them registered, or starting a workflow that carries them fails. So the
 * worker checks once at boot (`prepareSearchAttributes`): on its own embedded dev server it registers
 * the missing ones (the CLI's `--search-attribute` flag only takes effect when the server's database
 * is new, so an existing ./data/temporal.db would never get them); on any other cluster
 * (TEMPORAL_ADDRESS) it only looks, and when they are missing it starts workflows without them and
 * logs the command that registers them. Registering is the cluster operator's call: it uses up
 * custom-attribute slots of the namespace, and Temporal Cloud does it through its own tooling.
 */
import type { Client } from '@temporalio/client';
import { defineSearchAttributeKey, type SearchAttributePair } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { Logger } from '../logger';
import type { AlertFact, AlertType } from '../contracts/alerts';
import type { PollSource } from '../contracts/polling';

export const VRCPULSE_SEARCH_ATTRIBUTES = {
  /** An alert fan-out's type: `incident`, `metric`, `threshold`, ... */
  alertType: defineSearchAttributeKey('VrcpulseAlertType', 'KEYWORD'),
  /** An alert's reference id (docs/alerts.md), e.g. an incident id. */
  referenceId: defineSearchAttributeKey('VrcpulseReferenceId', 'KEYWORD'),
  /** Where the work comes from: a poll source, `reports` (threshold alerts) or `retention`. */
  source: defineSearchAttributeKey('VrcpulseSource', 'KEYWORD'),
  /**
   * The incident an alert is about, on `incident`, `incident_update` and `incident_resolved`: an
   * update's reference id is the update's own id, so this is what finds every alert of an incident.
   */
  incidentId: defineSearchAttributeKey('VrcpulseIncidentId', 'KEYWORD'),
} as const;

/** Name -> type, as `temporal server start-dev --search-attribute Name=Type` takes them. */
export const SEARCH_ATTRIBUTE_DEFINITIONS: Readonly<Record<string, 'Keyword'>> = Object.fromEntries(
  Object.values(VRCPULSE_SEARCH_ATTRIBUTES).map((key) => [key.name, 'Keyword' as const]),
);

/** temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD */
const KEYWORD: temporal.api.enums.v1.IndexedValueType = 2;

export type VrcpulseSource = PollSource | 'reports' | 'retention';

/** Which source an alert type comes from, so `VrcpulseSource = 'incident'` shows a loop with its alerts. */
export function alertSource(type: AlertType): VrcpulseSource {
  switch (type) {
    case 'status':
      return 'status';
    case 'incident':
    case 'incident_update':
    case 'incident_resolved':
      return 'incident';
    case 'maintenance':
    case 'maintenance_started':
    case 'maintenance_completed':
    case 'maintenance_reminder':
      return 'maintenance';
    case 'metric':
    case 'metric_recovered':
      return 'metrics';
    case 'threshold':
    case 'test':
      return 'reports';
  }
}

/** `incidentId`: the incident of an incident alert (for an update, looked up by the caller), else null. */
export const alertSearchAttributes = (
  fact: Pick<AlertFact, 'type' | 'referenceId'>,
  incidentId: string | null,
): SearchAttributePair[] => [
  { key: VRCPULSE_SEARCH_ATTRIBUTES.alertType, value: fact.type },
  { key: VRCPULSE_SEARCH_ATTRIBUTES.referenceId, value: fact.referenceId },
  { key: VRCPULSE_SEARCH_ATTRIBUTES.source, value: alertSource(fact.type) },
  ...(incidentId ? [{ key: VRCPULSE_SEARCH_ATTRIBUTES.incidentId, value: incidentId }] : []),
];

/** Which incident each alert fact is about (null for the other types); updates are looked up in `updates`. */
export function incidentOf(
  fact: Pick<AlertFact, 'type' | 'referenceId'>,
  updates: ReadonlyMap<string, string>,
) {
  if (fact.type === 'incident' || fact.type === 'incident_resolved') return fact.referenceId;
  if (fact.type === 'incident_update') return updates.get(fact.referenceId) ?? null;
  return null;
}

export const sourceSearchAttributes = (source: VrcpulseSource): SearchAttributePair[] => [
  { key: VRCPULSE_SEARCH_ATTRIBUTES.source, value: source },
];

/** A start refused because the namespace does not know one of its search attributes. */
export function isUnknownSearchAttribute(err: unknown): boolean {
  const messages = [err, (err as { cause?: unknown } | null)?.cause].map((e) =>
    e instanceof Error ? e.message : '',
  );
  return messages.some((m) =>
    /no mapping defined for search attribute|search attribute .* is not defined/i.test(m),
  );
}

/** The attributes of SEARCH_ATTRIBUTE_DEFINITIONS that the namespace lacks (or has with another type). */
export async function missingSearchAttributes(client: Client, namespace: string): Promise<string[]> {
  const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace });
  return Object.keys(SEARCH_ATTRIBUTE_DEFINITIONS).filter((name) => customAttributes?.[name] !== KEYWORD);
}

/**
 * Whether workflows may carry VRCPulse's search attributes in this namespace: registers the missing
 * ones when `register` (our embedded dev server), otherwise only checks. Never throws: a cluster that
 * does not let us look (permissions, Temporal Cloud) means "start without them".
 */
export async function prepareSearchAttributes(
  client: Client,
  options: { namespace: string; register: boolean; logger: Logger },
): Promise<boolean> {
  const { namespace, register, logger } = options;
  try {
    let missing = await missingSearchAttributes(client, namespace);
    if (missing.length > 0 && register) {
      await client.connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((name) => [name, KEYWORD])),
      });
      logger.info({ namespace, added: missing }, 'search attributes registered');
      missing = await missingSearchAttributes(client, namespace);
    }
    if (missing.length === 0) return true;
    logger.warn(
      {
        namespace,
        missing,
        register: missing
          .map(
            (name) =>
              `temporal operator search-attribute create --namespace ${namespace} --name ${name} --type Keyword`,
          )
          .join(' && '),
      },
      'search attributes not registered: workflows start without them (register them, then restart the worker)',
    );
    return false;
  } catch (err) {
    logger.warn({ err, namespace }, 'could not check search attributes: workflows start without them');
    return false;
  }
}
