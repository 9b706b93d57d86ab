/**
 * The one place that turns configuration into Temporal connections, so the worker, its delivery
 * process and the bot reach a cluster the same way: plain gRPC to the embedded dev server, or TLS
 * (optionally mutual) and an API key to a cluster elsewhere (Temporal Cloud, a self-hosted one).
 */
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from '../config';

/** Where to connect and how: the address with its TLS settings and API key. */
export interface TemporalTarget {
  address: string;
  tls: AppConfig['temporal']['tls'];
  apiKey: string | undefined;
}

/**
 * The configured cluster (TEMPORAL_ADDRESS and its TLS settings), or, when `embeddedAddress` is
 * given, the dev server this process started, which speaks plain gRPC on this machine.
 */
export function temporalTarget(temporal: AppConfig['temporal'], embeddedAddress?: string): TemporalTarget {
  if (embeddedAddress !== undefined) return { address: embeddedAddress, tls: undefined, apiKey: undefined };
  return {
    address: temporal.address ?? `127.0.0.1:${temporal.devServerPort}`,
    tls: temporal.tls,
    apiKey: temporal.apiKey,
  };
}

/** The SDKs' options for `target`: `tls: false` keeps an API key from switching TLS on by itself. */
function connectionOptions(target: TemporalTarget) {
  const { tls } = target;
  return {
    address: target.address,
    tls: tls
      ? {
          ...(tls.ca ? { serverRootCACertificate: tls.ca } : {}),
          ...(tls.clientCert
            ? { clientCertPair: { crt: tls.clientCert.cert, key: tls.clientCert.key } }
            : {}),
          ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
        }
      : false,
    ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
  };
}

/** A client connection (starting workflows, queries, updates). */
export function connectClient(target: TemporalTarget, connectTimeout?: string): Promise<Connection> {
  return Connection.connect({
    ...connectionOptions(target),
    ...(connectTimeout !== undefined ? { connectTimeout } : {}),
  });
}

/** A worker connection (polling task queues). */
export function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(target));
}
