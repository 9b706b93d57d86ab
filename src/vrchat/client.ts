/**
 * The HTTP side of the VRChat sources: one GET per call, with a deadline that covers the headers and
 * the whole body, a size cap, and every failure mapped onto ./errors (each message starts with
 * `GET <path>`). Content-Type is ignored on purpose: CloudFront does not always say JSON, and a
 * Statuspage error page may claim to be JSON. What counts is whether the bytes decode and validate.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MalformedPayloadError, SourceRejectedError, SourceUnavailableError } from './errors';
import { metricFeed, parseMetricFeed, type MetricName } from './metrics';
import { parseIncidents, parseMaintenances, parseSummary } from './schemas';
import type { IncidentRecord, MaintenanceRecord, MetricPoint, StatusSnapshot } from './types';

export interface VrchatClientOptions {
  /** Statuspage API base, e.g. `https://status.vrchat.com/api/v2`. */
  statusBaseUrl: string;
  /** CloudFront base, e.g. `https://d31qqo63tn8lj0.cloudfront.net`. */
  metricsBaseUrl: string;
  /** Deadline per request, headers and body together. Default 10 s. */
  timeoutMs?: number;
  /** Default `VRCPulse/<package version> (+https://github.com/vrcpulse/vrcpulse)`. */
  userAgent?: string;
  /** Larger bodies are rejected (MalformedPayloadError). Default 8 MiB. */
  maxBodyBytes?: number;
}

export interface VrchatClient {
  fetchSummary(): Promise<StatusSnapshot>;
  fetchIncidents(): Promise<IncidentRecord[]>;
  fetchMaintenances(): Promise<MaintenanceRecord[]>;
  /** Values as the feed gives them (latency in seconds): apply `METRIC_FEEDS[i].scale` when storing. */
  fetchMetricFeed(name: MetricName): Promise<{ points: MetricPoint[]; skipped: number }>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
        return typeof version === 'string' ? version : '0.0.0';
      } catch {
        return '0.0.0';
      }
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}

export const DEFAULT_USER_AGENT = `VRCPulse/${packageVersion()} (+https://github.com/vrcpulse/vrcpulse)`;

function baseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} is not a valid URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${name} must be an http(s) URL: ${value}`);
  }
  return value.replace(/\/+$/, '');
}

/**
 * The failure and its causes, as text (`other side closed (UND_ERR_SOCKET)`). Duck-typed: undici's
 * errors may come from another realm (Jest's VM contexts), where `instanceof Error` is false.
 */
function causeText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    const { message, code, cause } = e as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof message === 'string' && message !== 'fetch failed') {
      parts.push(typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message);
    }
    e = cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(err);
}

function snippet(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 60)}…` : flat);
}

export function createVrchatClient(options: VrchatClientOptions): VrchatClient {
  const statusBase = baseUrl('statusBaseUrl', options.statusBaseUrl);
  const metricsBase = baseUrl('metricsBaseUrl', options.metricsBaseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  if (!(maxBodyBytes > 0)) throw new RangeError(`maxBodyBytes must be positive, got ${maxBodyBytes}`);

  function failure(
    endpoint: string,
    signal: AbortSignal,
    err: unknown,
    stage: string,
  ): SourceUnavailableError {
    if (signal.aborted) {
      return new SourceUnavailableError(endpoint, `timed out after ${timeoutMs} ms ${stage}`, { cause: err });
    }
    return new SourceUnavailableError(endpoint, `connection failed ${stage}: ${causeText(err)}`, {
      cause: err,
    });
  }

  async function readBody(endpoint: string, response: Response, signal: AbortSignal): Promise<Uint8Array> {
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBodyBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new MalformedPayloadError(
        endpoint,
        '$',
        `response body of ${declared} bytes exceeds ${maxBodyBytes}`,
      );
    }
    if (!response.body) return new Uint8Array(0);
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = await reader.read().catch((err: unknown) => {
        throw failure(endpoint, signal, err, 'while reading the body');
      });
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        throw new MalformedPayloadError(endpoint, '$', `response body exceeds ${maxBodyBytes} bytes`);
      }
      chunks.push(chunk.value);
    }
    return Buffer.concat(chunks);
  }

  function decodeJson(endpoint: string, bytes: Uint8Array): unknown {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a BOM
    } catch (err) {
      throw new MalformedPayloadError(endpoint, '$', 'response body is not valid UTF-8', { cause: err });
    }
    const trimmed = text.trim();
    if (trimmed === '') throw new MalformedPayloadError(endpoint, '$', 'empty response body');
    if (trimmed.startsWith('<')) {
      throw new MalformedPayloadError(endpoint, '$', `expected JSON, got HTML or XML: ${snippet(trimmed)}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      const reason = String((err as { message?: unknown } | null)?.message ?? err);
      throw new MalformedPayloadError(endpoint, '$', `response body is not valid JSON (${reason})`, {
        cause: err,
      });
    }
  }

  async function getJson(base: string, path: string): Promise<{ endpoint: string; body: unknown }> {
    const endpoint = `GET ${path}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': userAgent },
        signal,
      });
    } catch (err) {
      throw failure(endpoint, signal, err, 'before the response headers');
    }
    const status = response.status;
    if (status < 200 || status > 299) {
      await response.body?.cancel().catch(() => undefined);
      const detail = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (status === 408 || status === 429 || status >= 500) {
        throw new SourceUnavailableError(endpoint, detail, { status });
      }
      throw new SourceRejectedError(endpoint, status, detail);
    }
    const bytes = await readBody(endpoint, response, signal);
    return { endpoint, body: decodeJson(endpoint, bytes) };
  }

  return {
    async fetchSummary() {
      const { endpoint, body } = await getJson(statusBase, '/summary.json');
      return parseSummary(body, endpoint);
    },
    async fetchIncidents() {
      const { endpoint, body } = await getJson(statusBase, '/incidents.json');
      return parseIncidents(body, endpoint);
    },
    async fetchMaintenances() {
      const { endpoint, body } = await getJson(statusBase, '/scheduled-maintenances.json');
      return parseMaintenances(body, endpoint);
    },
    async fetchMetricFeed(name) {
      const { endpoint, body } = await getJson(metricsBase, metricFeed(name).path);
      return parseMetricFeed(body, endpoint);
    },
  };
}
