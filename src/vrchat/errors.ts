/**
 * Every way a VRChat source can fail, as three classes with one question answered up front: is it
 * worth retrying? Pollers (Temporal activities) turn `transient === false` into a non-retryable
 * failure; the rest is retried with backoff. Each message starts with the endpoint (`GET /path`), so a
 * log line or a workflow failure says which feed broke without a stack trace.
 */

export abstract class VrchatSourceError extends Error {
  /** `GET /summary.json`, `GET /apilatency.json`: method and path relative to the base URL. */
  readonly endpoint: string;

  protected constructor(endpoint: string, detail: string, options?: { cause?: unknown }) {
    super(`${endpoint}: ${detail}`, options);
    this.endpoint = endpoint;
  }

  /** True when the same request may well succeed later (outage, overload, network); false otherwise. */
  abstract get transient(): boolean;
}

/**
 * The source did not answer usefully right now: HTTP 5xx, 429, 408, a timeout (headers or body), a
 * refused or reset connection, or a body cut off mid-stream. Retry later.
 */
export class SourceUnavailableError extends VrchatSourceError {
  override readonly name = 'SourceUnavailableError';
  /** The HTTP status when one arrived; undefined for network failures and timeouts. */
  readonly status: number | undefined;

  constructor(endpoint: string, detail: string, options?: { status?: number; cause?: unknown }) {
    super(endpoint, detail, { cause: options?.cause });
    this.status = options?.status;
  }

  override get transient(): boolean {
    return true;
  }
}

/**
 * The source answered 2xx but the body cannot be trusted: not JSON (HTML, empty, cut-off text), too
 * large, or JSON that fails the schema. Retrying the same response does not help; a deploy or a
 * schema update does. `field` is a dotted path into the JSON (`incidents[3].created_at`), or `$` when
 * the body as a whole is at fault.
 */
export class MalformedPayloadError extends VrchatSourceError {
  override readonly name = 'MalformedPayloadError';
  readonly field: string;

  constructor(endpoint: string, field: string, detail: string, options?: { cause?: unknown }) {
    super(endpoint, field === '$' ? detail : `${field}: ${detail}`, options);
    this.field = field;
  }

  override get transient(): boolean {
    return false;
  }
}

/** A 4xx other than 408/429: the URL or the request is wrong (moved feed, bad base URL). */
export class SourceRejectedError extends VrchatSourceError {
  override readonly name = 'SourceRejectedError';
  readonly status: number;

  constructor(endpoint: string, status: number, detail: string) {
    super(endpoint, detail);
    this.status = status;
  }

  override get transient(): boolean {
    return false;
  }
}
