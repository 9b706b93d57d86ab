/**
 * A gRPC front door like Temporal Cloud's, for the suite's plain dev server: it terminates TLS,
 * requires a client certificate signed by its CA (mutual TLS) and an `Authorization: Bearer <key>`
 * header, then forwards each call unchanged over HTTP/2 to the dev server. It records every call
 * (method, the client certificate's name, the start of the request body) so a test can see who
 * reached Temporal through it, and refuses a wrong key as Temporal does (gRPC status 16).
 */
import {
  type ClientHttp2Session,
  connect,
  constants,
  createSecureServer,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { gunzipSync, inflateSync } from 'node:zlib';

export interface ProxiedCall {
  /** The gRPC method, e.g. `/temporal.api.workflowservice.v1.WorkflowService/PollActivityTaskQueue`. */
  path: string;
  /** Common name of the client certificate the call came with. */
  client: string;
  /** The start of the request message (protobuf strings such as task queue names read as text). */
  body: string;
  refused: boolean;
}

export interface GrpcTlsProxy {
  /** `127.0.0.1:<port>`, for TEMPORAL_ADDRESS. */
  address: string;
  calls: ProxiedCall[];
  close(): Promise<void>;
}

const UNAUTHENTICATED = '16';
const BODY_SAMPLE_BYTES = 2048;

export async function startGrpcTlsProxy(options: {
  upstream: string;
  apiKey: string;
  tls: { cert: Buffer; key: Buffer; ca: Buffer };
}): Promise<GrpcTlsProxy> {
  const calls: ProxiedCall[] = [];
  const upstreams = new Set<ClientHttp2Session>();
  const downstreams = new Set<ServerHttp2Session>();
  const server = createSecureServer({
    cert: options.tls.cert,
    key: options.tls.key,
    ca: options.tls.ca,
    requestCert: true,
    rejectUnauthorized: true,
  });
  // One upstream session per downstream one, so closing the proxy ends both sides' long polls.
  server.on('session', (session) => {
    const upstream = connect(`http://${options.upstream}`);
    upstream.on('error', () => undefined);
    upstreams.add(upstream);
    downstreams.add(session);
    session.on('close', () => {
      downstreams.delete(session);
      upstreams.delete(upstream);
      upstream.close();
    });
    session.on('error', () => undefined);
    session.on('stream', (stream, headers) => forward(stream, headers, upstream));
  });

  const forward = (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, upstream: ClientHttp2Session) => {
    const socket = stream.session?.socket as TLSSocket | undefined;
    const client = String(socket?.getPeerCertificate().subject?.CN ?? '');
    const call: ProxiedCall = { path: String(headers[':path']), client, body: '', refused: false };
    calls.push(call);
    stream.on('error', () => undefined);
    if (headers.authorization !== `Bearer ${options.apiKey}`) {
      call.refused = true;
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': UNAUTHENTICATED,
          'grpc-message': 'invalid API key',
        },
        { endStream: true },
      );
      return;
    }
    const forwarded: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || name === ':scheme' || name === ':authority' || name === 'authorization')
        continue;
      forwarded[name] = value;
    }
    const request = upstream.request(forwarded);
    request.on('error', () => stream.close(constants.NGHTTP2_INTERNAL_ERROR));
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      call.body = firstMessage(Buffer.concat(chunks), headers['grpc-encoding']);
    });
    stream.pipe(request);
    let trailers: Record<string, string | string[]> = {};
    request.on('response', (response) => {
      const { ':status': status, ...rest } = response;
      // A trailers-only answer (an error) carries its grpc-status in the headers and ends there.
      if (rest['grpc-status'] !== undefined) {
        stream.respond({ ':status': status, ...clean(rest) }, { endStream: true });
        return;
      }
      stream.respond({ ':status': status, ...clean(rest) }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers(trailers));
      request.pipe(stream);
    });
    request.on('trailers', (received) => {
      trailers = clean(received);
    });
    stream.on('close', () => {
      if (!request.closed) request.close(constants.NGHTTP2_CANCEL);
    });
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    calls,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Long polls keep sessions open; end them so close() returns now.
      for (const session of downstreams) session.destroy();
      for (const upstream of upstreams) upstream.destroy();
      await closed;
    },
  };
}

/** The first gRPC message of a request body as text, decompressed (Temporal's core SDK gzips). */
function firstMessage(body: Buffer, encoding: string | string[] | undefined): string {
  if (body.length < 5) return '';
  const length = body.readUInt32BE(1);
  let message = body.subarray(5, 5 + length);
  if (body[0] === 1) {
    try {
      message = encoding === 'deflate' ? inflateSync(message) : gunzipSync(message);
    } catch {
      return '';
    }
  }
  return message.subarray(0, BODY_SAMPLE_BYTES).toString('latin1');
}

/** Response headers without HTTP/2 pseudo-headers and undefined values. */
function clean(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !name.startsWith(':')) out[name] = value;
  }
  return out;
}
