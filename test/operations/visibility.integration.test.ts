/**
 * The Temporal UI as an operator's window: alert fan-outs started by the real dispatch activity carry
 * VRCPulse's search attributes and a summary, so one visibility query (what the UI's search box
 * sends) finds every alert of an incident. On a namespace without the attributes registered, fan-outs
 * still start (without them), and the worker's boot check says so or registers them.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowExecutionInfo } from '@temporalio/client';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';
import type { AlertFact } from '../../src/contracts/alerts';
import {
  missingSearchAttributes,
  prepareSearchAttributes,
  SEARCH_ATTRIBUTE_DEFINITIONS,
  VRCPULSE_SEARCH_ATTRIBUTES,
} from '../../src/temporal/search-attributes';
import { testActivityDeps } from '../harness/deps';
import { TEST_SEARCH_ATTRIBUTES } from '../harness/paths';
import { createTestDatabase } from '../harness/sqlite';
import { harnessInfo, uniqueTaskQueue } from '../harness/temporal';

const silent = createLogger({ level: 'silent' });

/** Visibility is eventually consistent: ask again until `done` holds (or give up with what we saw). */
async function listUntil(
  client: Client,
  query: string,
  done: (found: WorkflowExecutionInfo[]) => boolean,
): Promise<WorkflowExecutionInfo[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found: WorkflowExecutionInfo[] = [];
    for await (const execution of client.workflow.list({ query })) found.push(execution);
    if (done(found) || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ids = (found: WorkflowExecutionInfo[]) => found.map((e) => e.workflowId).sort();

describe('alert fan-outs in the Temporal UI', () => {
  let connection: Connection;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const startedIds: { client: Client; workflowId: string }[] = [];

  beforeAll(async () => {
    connection = await Connection.connect({ address: harnessInfo().address });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    // No worker serves the fan-outs started here: they only have to exist.
    for (const { client, workflowId } of startedIds) {
      await client.workflow
        .getHandle(workflowId)
        .terminate('test finished')
        .catch(() => undefined);
    }
    await connection.close();
    await db.cleanup();
  });

  const dispatch = async (namespace: string, searchAttributes: boolean, facts: AlertFact[]) => {
    const client = new Client({ connection, namespace });
    const taskQueue = uniqueTaskQueue('visibility');
    // A worker with a token (no worker runs here, so nothing is ever sent): without one, alerts wait.
    const deps = testActivityDeps({
      orm: db.orm,
      client,
      taskQueue,
      discordApiBaseUrl: 'http://127.0.0.1:9/api',
    });
    const { dispatchAlerts } = createActivities({
      ...deps,
      temporal: { ...deps.temporal, searchAttributes },
    });
    const outcome = await dispatchAlerts({ facts });
    for (const workflowId of outcome.started) startedIds.push({ client, workflowId });
    return { client, outcome };
  };

  it('the suite registers the same attributes the worker uses', () => {
    expect(TEST_SEARCH_ATTRIBUTES).toEqual({
      VrcpulseAlertType: 'Keyword',
      VrcpulseReferenceId: 'Keyword',
      VrcpulseSource: 'Keyword',
      VrcpulseIncidentId: 'Keyword',
    });
    expect(Object.keys(SEARCH_ATTRIBUTE_DEFINITIONS).sort()).toEqual(
      Object.values(VRCPULSE_SEARCH_ATTRIBUTES)
        .map((k) => k.name)
        .sort(),
    );
  });

  it('one query finds every alert of an incident, another a single alert by reference id', async () => {
    const tag = randomUUID().replaceAll('-', '').slice(0, 12);
    const incidentId = `inc${tag}`;
    const updateId = `upd${tag}`;
    const at = Date.now();
    const conn = db.orm.em.getConnection();
    await conn.execute(
      `insert into incidents (id, title, impact, status, started_at, resolved_at, created_at, updated_at)
       values (?, 'Login failures', 'major', 'resolved', ?, ?, ?, ?)`,
      [incidentId, at, at, at, at],
    );
    await conn.execute(
      `insert into incident_updates (id, incident_id, body, status, published_at, created_at, updated_at)
       values (?, ?, 'Fixed.', 'resolved', ?, ?, ?)`,
      [updateId, incidentId, at, at, at],
    );
    const observedAt = new Date(at).toISOString();
    const facts: AlertFact[] = [
      { type: 'incident', referenceId: incidentId, observedAt },
      { type: 'incident_update', referenceId: updateId, observedAt },
      { type: 'incident_resolved', referenceId: incidentId, observedAt },
      { type: 'maintenance', referenceId: `mnt${tag}`, observedAt },
    ];

    const { client, outcome } = await dispatch(harnessInfo().namespace, true, facts);
    expect(outcome.started).toHaveLength(4);

    const ofIncident = await listUntil(client, `VrcpulseIncidentId = '${incidentId}'`, (f) => f.length >= 3);
    expect(ids(ofIncident)).toEqual([
      `alert-incident-${incidentId}`,
      `alert-incident_resolved-${incidentId}`,
      `alert-incident_update-${updateId}`,
    ]);

    const byReference = await listUntil(
      client,
      `VrcpulseReferenceId = '${incidentId}'`,
      (f) => f.length >= 2,
    );
    expect(ids(byReference)).toEqual([
      `alert-incident-${incidentId}`,
      `alert-incident_resolved-${incidentId}`,
    ]);

    const resolved = await listUntil(
      client,
      `VrcpulseAlertType = 'incident_resolved' AND VrcpulseReferenceId = '${incidentId}'`,
      (f) => f.length >= 1,
    );
    expect(ids(resolved)).toEqual([`alert-incident_resolved-${incidentId}`]);

    const maintenance = await listUntil(
      client,
      `VrcpulseSource = 'maintenance' AND VrcpulseReferenceId = 'mnt${tag}'`,
      (f) => f.length >= 1,
    );
    expect(ids(maintenance)).toEqual([`alert-maintenance-mnt${tag}`]);

    const described = await client.workflow.getHandle(`alert-incident_update-${updateId}`).describe();
    expect(await described.staticSummary()).toBe(
      `Alert incident_update ${updateId} -> every registered server and user`,
    );
    expect(await described.staticDetails()).toContain('**Query** `progress`');
    expect(described.typedSearchAttributes.get(VRCPULSE_SEARCH_ATTRIBUTES.source)).toBe('incident');
    expect(described.typedSearchAttributes.get(VRCPULSE_SEARCH_ATTRIBUTES.incidentId)).toBe(incidentId);
  });

  it('without the attributes registered, fan-outs still start and the boot check registers them', async () => {
    const namespace = 'vrcpulse-unlabelled';
    const client = new Client({ connection, namespace });
    await connection.operatorService.removeSearchAttributes({
      namespace,
      searchAttributes: Object.keys(SEARCH_ATTRIBUTE_DEFINITIONS),
    });
    expect((await missingSearchAttributes(client, namespace)).sort()).toEqual(
      Object.keys(SEARCH_ATTRIBUTE_DEFINITIONS).sort(),
    );
    // an existing cluster (TEMPORAL_ADDRESS): only looked at, so: start without them
    expect(await prepareSearchAttributes(client, { namespace, register: false, logger: silent })).toBe(false);

    const tag = randomUUID().slice(0, 8);
    const observedAt = new Date().toISOString();
    const plain = await dispatch(namespace, false, [
      { type: 'incident', referenceId: `a${tag}`, observedAt },
    ]);
    expect(plain.outcome.started).toEqual([`alert-incident-a${tag}`]);
    // a worker that believed them registered (removed since its boot) still starts the alert
    const stale = await dispatch(namespace, true, [{ type: 'incident', referenceId: `b${tag}`, observedAt }]);
    expect(stale.outcome.started).toEqual([`alert-incident-b${tag}`]);
    const description = await client.workflow.getHandle(`alert-incident-b${tag}`).describe();
    expect(description.typedSearchAttributes.get(VRCPULSE_SEARCH_ATTRIBUTES.referenceId)).toBeUndefined();
    expect(await description.staticSummary()).toBe(
      `Alert incident b${tag} -> every registered server and user`,
    );

    // our own embedded dev server: registered at boot, then used
    expect(await prepareSearchAttributes(client, { namespace, register: true, logger: silent })).toBe(true);
    expect(await missingSearchAttributes(client, namespace)).toEqual([]);
    const labelled = await dispatch(namespace, true, [
      { type: 'incident', referenceId: `c${tag}`, observedAt },
    ]);
    expect(labelled.outcome.started).toEqual([`alert-incident-c${tag}`]);
    const found = await listUntil(client, `VrcpulseReferenceId = 'c${tag}'`, (f) => f.length >= 1);
    expect(ids(found)).toEqual([`alert-incident-c${tag}`]);
  });
});
