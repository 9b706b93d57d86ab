/**
 * What test files use to talk to the suite's one Temporal dev server: a client, and a real worker
 * running the pre-built workflow bundle with whatever activities the test composes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { deliveryTaskQueue } from '../../src/contracts/alerts';
import { harnessFile, type HarnessInfo } from './paths';

export function harnessInfo(): HarnessInfo {
  return JSON.parse(readFileSync(harnessFile(), 'utf8')) as HarnessInfo;
}

export interface TestTemporal {
  client: Client;
  info: HarnessInfo;
  close(): Promise<void>;
}

/** A client of the suite's server, in its default namespace or in `namespace` (see TEST_NAMESPACES). */
export async function connectClient(namespace?: string): Promise<TestTemporal> {
  const info = harnessInfo();
  const connection = await Connection.connect({ address: info.address });
  const inNamespace = { ...info, namespace: namespace ?? info.namespace };
  const client = new Client({ connection, namespace: inNamespace.namespace });
  return { client, info: inNamespace, close: () => connection.close() };
}

/** A task queue no other test uses, so parallel test files never steal each other's tasks. */
export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}

export type TestWorkerOptions = Omit<
  WorkerOptions,
  'connection' | 'namespace' | 'workflowBundle' | 'workflowsPath'
>;

/**
 * Runs a real worker (bundle built once per run) until `fn` settles, then shuts it down. `server`
 * points it at another dev server than the suite's (tests that need other dynamic config).
 *
 * With activities, a second worker serves the same activities on the queue's delivery task queue,
 * as the delivery process does beside every VRCPulse worker (in this process: what tests check is
 * where the sends are scheduled and what they do, not the event loop they run on).
 */
export async function withWorker<T>(
  options: TestWorkerOptions,
  fn: () => Promise<T>,
  server: { address: string; namespace: string } = harnessInfo(),
): Promise<T> {
  const info = harnessInfo();
  const connection = await NativeConnection.connect({ address: server.address });
  try {
    const worker = await Worker.create({
      ...options,
      connection,
      namespace: server.namespace,
      workflowBundle: { codePath: info.bundlePath },
    });
    if (!options.activities) return await worker.runUntil(fn);
    const delivery = await Worker.create({
      connection,
      namespace: server.namespace,
      taskQueue: deliveryTaskQueue(options.taskQueue),
      activities: options.activities,
      ...(options.interceptors ? { interceptors: options.interceptors } : {}),
    });
    return await delivery.runUntil(worker.runUntil(fn));
  } finally {
    await connection.close();
  }
}
