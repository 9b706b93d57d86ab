import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  createVrchatClient,
  DEFAULT_USER_AGENT,
  MalformedPayloadError,
  METRIC_FEEDS,
  SourceRejectedError,
  SourceUnavailableError,
  VrchatSourceError,
  type VrchatClient,
} from '../../src/vrchat';
import {
  COMPONENT_IDS,
  incident,
  incidentsPayload,
  maintenance,
  maintenancesPayload,
  metricFeed,
  summary,
  vrchatComponents,
} from '../fakes/statuspage-builders';
import { startFakeVrchat, type FakeVrchat, type ScriptedResponse } from '../fakes/vrchat-server';

const FIXTURE_DIR = join(__dirname, '../fixtures/vrchat');
const TIMEOUT_MS = 300;

let fake: FakeVrchat;
let client: VrchatClient;

beforeAll(async () => {
  fake = await startFakeVrchat();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  client = createVrchatClient({
    statusBaseUrl: fake.statusBaseUrl,
    metricsBaseUrl: fake.metricsBaseUrl,
    timeoutMs: TIMEOUT_MS,
  });
});

async function failure(promise: Promise<unknown>): Promise<VrchatSourceError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(VrchatSourceError);
    return err as VrchatSourceError;
  }
  throw new Error('expected the call to fail');
}

const okSummary = () =>
  summary({
    updatedAt: '2026-05-06T07:08:09.101-07:00',
    indicator: 'minor',
    components: vrchatComponents({ frankfurt: 'partial_outage' }),
  });

describe('happy paths', () => {
  it('fetchSummary reads /api/v2/summary.json into a snapshot', async () => {
    fake.set('/api/v2/summary.json', okSummary());
    const snap = await client.fetchSummary();
    expect(snap.pageUpdatedAt).toEqual(new Date('2026-05-06T14:08:09.101Z'));
    expect(snap.indicator).toBe('minor');
    expect(snap.description).toBe('Minor Service Outage');
    expect(snap.components).toHaveLength(10);
    expect(snap.components.find((c) => c.id === COMPONENT_IDS.frankfurt)?.status).toBe('partial_outage');
    expect(snap.components.find((c) => c.id === COMPONENT_IDS.saoPaulo)).toEqual({
      id: COMPONENT_IDS.saoPaulo,
      name: 'Brazil (São Paulo)',
      status: 'operational',
      groupId: COMPONENT_IDS.networkGroup,
      isGroup: false,
      position: 1,
    });
  });

  it('fetchIncidents reads /api/v2/incidents.json', async () => {
    fake.set(
      '/api/v2/incidents.json',
      incidentsPayload([
        incident({
          id: 'cl1entinc001',
          name: 'Invites delayed',
          status: 'resolved',
          impact: 'minor',
          createdAt: '2026-05-01T20:00:00.000-07:00',
          updates: [
            {
              id: 'cu1',
              status: 'investigating',
              body: 'Looking.',
              createdAt: '2026-05-01T20:00:01.000-07:00',
            },
            { id: 'cu2', status: 'resolved', body: 'Fixed.', createdAt: '2026-05-02T03:30:00.000Z' },
          ],
        }),
      ]),
    );
    const [inc] = await client.fetchIncidents();
    expect(inc).toMatchObject({
      id: 'cl1entinc001',
      status: 'resolved',
      createdAt: new Date('2026-05-02T03:00:00.000Z'),
      resolvedAt: new Date('2026-05-02T03:30:00.000Z'),
    });
    expect(inc!.updates.map((u) => u.id)).toEqual(['cu1', 'cu2']);
  });

  it('fetchMaintenances reads /api/v2/scheduled-maintenances.json', async () => {
    fake.set(
      '/api/v2/scheduled-maintenances.json',
      maintenancesPayload([
        maintenance({
          id: 'cl1entmnt001',
          name: 'Auth provider failover test',
          status: 'verifying',
          createdAt: '2026-05-01T10:00:00Z',
          scheduledFor: '2026-05-03T10:00:00Z',
          scheduledUntil: '2026-05-03T11:00:00Z',
          updates: [
            { id: 'mu1', status: 'scheduled', body: 'Planned.', createdAt: '2026-05-01T10:00:00Z' },
            { id: 'mu2', status: 'in_progress', body: 'Started.', createdAt: '2026-05-03T10:00:00Z' },
            { id: 'mu3', status: 'verifying', body: 'Checking.', createdAt: '2026-05-03T10:40:00Z' },
          ],
        }),
      ]),
    );
    const [m] = await client.fetchMaintenances();
    expect(m).toMatchObject({ status: 'verifying', scheduledUntil: new Date('2026-05-03T11:00:00Z') });
  });

  it.each(METRIC_FEEDS.map((f) => [f.name, f.path] as const))(
    'fetchMetricFeed(%s) reads %s at the metrics root',
    async (name, path) => {
      fake.set(path, metricFeed(1767225600, [1, 2, 3]));
      const { points, skipped } = await client.fetchMetricFeed(name);
      expect(skipped).toBe(0);
      expect(points.map((p) => p.value)).toEqual([1, 2, 3]);
      expect(fake.requestCount(path)).toBe(1);
    },
  );

  it('returns metric values as the feed gives them (scaling is the caller’s job)', async () => {
    fake.set('/apilatency.json', metricFeed(1767225600, [0.21]));
    expect((await client.fetchMetricFeed('api_latency')).points[0]!.value).toBe(0.21);
  });

  it('ignores Content-Type: a JSON feed sent as binary/octet-stream still parses', async () => {
    fake.set('/visits.json', {
      fault: 'status',
      status: 200,
      body: JSON.stringify(metricFeed(1767225600, [41234, 41301])),
      contentType: 'binary/octet-stream',
    });
    expect((await client.fetchMetricFeed('visits')).points).toHaveLength(2);
  });

  it('reads raw bodies with whitespace inside empty lists, and a UTF-8 BOM', async () => {
    const raw = (file: string) => readFileSync(join(FIXTURE_DIR, file), 'utf8');
    fake.set('/api/v2/incidents.json', {
      fault: 'status',
      status: 200,
      body: raw('incidents-empty-whitespace.body'),
    });
    fake.set('/api/v2/scheduled-maintenances.json', {
      fault: 'status',
      status: 200,
      body: `\ufeff${raw('maintenances-empty-whitespace.body')}`,
    });
    expect(await client.fetchIncidents()).toEqual([]);
    expect(await client.fetchMaintenances()).toEqual([]);
  });

  it('sends the VRCPulse User-Agent and Accept: application/json', async () => {
    fake.set('/api/v2/summary.json', okSummary());
    fake.set('/apierrors.json', []);
    await client.fetchSummary();
    await client.fetchMetricFeed('api_errors');
    const version = (
      JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }
    ).version;
    expect(DEFAULT_USER_AGENT).toBe(`VRCPulse/${version} (+https://github.com/vrcpulse/vrcpulse)`);
    expect(fake.requests.map((r) => [r.path, r.userAgent, r.accept])).toEqual([
      ['/api/v2/summary.json', DEFAULT_USER_AGENT, 'application/json'],
      ['/apierrors.json', DEFAULT_USER_AGENT, 'application/json'],
    ]);
  });

  it('uses a custom User-Agent when given', async () => {
    const custom = createVrchatClient({
      statusBaseUrl: `${fake.statusBaseUrl}/`, // a trailing slash is fine
      metricsBaseUrl: fake.metricsBaseUrl,
      userAgent: 'VRCPulse-test/1 (+mailto:ops@example.invalid)',
    });
    fake.set('/api/v2/summary.json', okSummary());
    await custom.fetchSummary();
    expect(fake.requests[0]).toMatchObject({
      path: '/api/v2/summary.json',
      userAgent: 'VRCPulse-test/1 (+mailto:ops@example.invalid)',
    });
  });
});

describe('faults', () => {
  type Case = {
    what: string;
    response: ScriptedResponse;
    errorClass: typeof SourceUnavailableError | typeof MalformedPayloadError | typeof SourceRejectedError;
    transient: boolean;
    status?: number;
    detail: RegExp;
  };
  const cases: Case[] = [
    {
      what: 'HTTP 500',
      response: { fault: 'status', status: 500, body: 'oops' },
      errorClass: SourceUnavailableError,
      transient: true,
      status: 500,
      detail: /HTTP 500 Internal Server Error$/,
    },
    {
      what: 'HTTP 503',
      response: { fault: 'status', status: 503, body: { error: 'maintenance' } },
      errorClass: SourceUnavailableError,
      transient: true,
      status: 503,
      detail: /HTTP 503 Service Unavailable$/,
    },
    {
      what: 'HTTP 429',
      response: { fault: 'status', status: 429 },
      errorClass: SourceUnavailableError,
      transient: true,
      status: 429,
      detail: /HTTP 429 Too Many Requests$/,
    },
    {
      what: 'HTTP 408',
      response: { fault: 'status', status: 408 },
      errorClass: SourceUnavailableError,
      transient: true,
      status: 408,
      detail: /HTTP 408 Request Timeout$/,
    },
    {
      what: 'HTTP 404',
      response: { fault: 'status', status: 404, body: { error: 'not found' } },
      errorClass: SourceRejectedError,
      transient: false,
      status: 404,
      detail: /HTTP 404 Not Found$/,
    },
    {
      what: 'HTTP 403',
      response: { fault: 'html', status: 403 },
      errorClass: SourceRejectedError,
      transient: false,
      status: 403,
      detail: /HTTP 403 Forbidden$/,
    },
    {
      what: 'headers slower than the timeout',
      response: { fault: 'slow', delayMs: 2_000, then: okSummary() },
      errorClass: SourceUnavailableError,
      transient: true,
      detail: /timed out after 300 ms before the response headers$/,
    },
    {
      what: 'a body that stalls past the timeout',
      response: { fault: 'slowBody', delayMs: 2_000, then: okSummary() },
      errorClass: SourceUnavailableError,
      transient: true,
      detail: /timed out after 300 ms while reading the body$/,
    },
    {
      what: 'a body cut off mid-stream',
      response: { fault: 'truncated' },
      errorClass: SourceUnavailableError,
      transient: true,
      detail: /connection failed while reading the body: /,
    },
    {
      what: 'a reset connection',
      response: { fault: 'reset' },
      errorClass: SourceUnavailableError,
      transient: true,
      detail: /connection failed before the response headers: /,
    },
    {
      what: 'an HTML page with 200',
      response: { fault: 'html', status: 200 },
      errorClass: MalformedPayloadError,
      transient: false,
      detail: /expected JSON, got HTML or XML: "<!DOCTYPE HTML PUBLIC/,
    },
    {
      what: 'an HTML page with 503',
      response: { fault: 'html', status: 503 },
      errorClass: SourceUnavailableError,
      transient: true,
      status: 503,
      detail: /HTTP 503 Service Unavailable$/,
    },
    {
      what: 'an empty 200',
      response: { fault: 'empty', status: 200 },
      errorClass: MalformedPayloadError,
      transient: false,
      detail: /: empty response body$/,
    },
    {
      what: 'an empty 502',
      response: { fault: 'empty', status: 502 },
      errorClass: SourceUnavailableError,
      transient: true,
      status: 502,
      detail: /HTTP 502 Bad Gateway$/,
    },
    {
      what: 'complete but truncated JSON with 200',
      response: {
        fault: 'status',
        status: 200,
        body: '{"page": {"id": "vp7q2m4kx9za", "updated_at": "2026-',
      },
      errorClass: MalformedPayloadError,
      transient: false,
      detail: /: response body is not valid JSON \(.+\)$/,
    },
    {
      what: 'plain text with 200',
      response: { fault: 'status', status: 200, body: 'Service temporarily unavailable' },
      errorClass: MalformedPayloadError,
      transient: false,
      detail: /: response body is not valid JSON/,
    },
  ];

  const endpoints = [
    {
      name: 'summary',
      path: '/api/v2/summary.json',
      endpoint: 'GET /summary.json',
      call: () => client.fetchSummary(),
    },
    {
      name: 'incidents',
      path: '/api/v2/incidents.json',
      endpoint: 'GET /incidents.json',
      call: () => client.fetchIncidents(),
    },
    {
      name: 'maintenances',
      path: '/api/v2/scheduled-maintenances.json',
      endpoint: 'GET /scheduled-maintenances.json',
      call: () => client.fetchMaintenances(),
    },
    {
      name: 'api_latency feed',
      path: '/apilatency.json',
      endpoint: 'GET /apilatency.json',
      call: () => client.fetchMetricFeed('api_latency'),
    },
  ];

  describe.each(endpoints)('$name', ({ path, endpoint, call }) => {
    it.each(cases)('$what', async ({ response, errorClass, transient, status, detail }) => {
      fake.set(path, response);
      const err = await failure(call());
      expect(err).toBeInstanceOf(errorClass);
      expect(err.transient).toBe(transient);
      expect(err.endpoint).toBe(endpoint);
      expect(err.message.startsWith(`${endpoint}: `)).toBe(true);
      expect(err.message).toMatch(detail);
      if (status !== undefined)
        expect((err as SourceUnavailableError | SourceRejectedError).status).toBe(status);
      if (err instanceof MalformedPayloadError) expect(err.field).toBe('$');
    });
  });

  it('reports a schema failure with the endpoint and the field', async () => {
    const body = summary({ updatedAt: '2026-05-06T07:08:09Z', indicator: 'none' });
    (body.components as Record<string, unknown>[])[3]!.id = { nested: true };
    fake.set('/api/v2/summary.json', body);
    const err = await failure(client.fetchSummary());
    expect(err).toBeInstanceOf(MalformedPayloadError);
    expect((err as MalformedPayloadError).field).toBe('components[3].id');
    expect(err.message).toBe('GET /summary.json: components[3].id: expected a string, got object');
  });

  it('rejects a body over maxBodyBytes without reading it all', async () => {
    const small = createVrchatClient({
      statusBaseUrl: fake.statusBaseUrl,
      metricsBaseUrl: fake.metricsBaseUrl,
      maxBodyBytes: 1024,
    });
    fake.set(
      '/visits.json',
      metricFeed(
        1767225600,
        Array.from({ length: 500 }, (_, i) => 40_000 + i),
      ),
    );
    const err = await failure(small.fetchMetricFeed('visits'));
    expect(err).toBeInstanceOf(MalformedPayloadError);
    expect(err.transient).toBe(false);
    expect(err.message).toMatch(/^GET \/visits\.json: response body of \d+ bytes exceeds 1024$/);
  });

  it('rejects a chunked body (no Content-Length) once it grows past maxBodyBytes', async () => {
    const chunked = await startChunkedServer(
      '[' + Array.from({ length: 400 }, (_, i) => `[${i + 1e9},1]`).join(','),
    );
    try {
      const small = createVrchatClient({
        statusBaseUrl: chunked.url,
        metricsBaseUrl: chunked.url,
        maxBodyBytes: 2048,
      });
      const err = await failure(small.fetchMetricFeed('visits'));
      expect(err).toBeInstanceOf(MalformedPayloadError);
      expect(err.message).toBe('GET /visits.json: response body exceeds 2048 bytes');
    } finally {
      await chunked.close();
    }
  });

  it('maps a refused connection to SourceUnavailableError', async () => {
    const closed = await startFakeVrchat();
    const url = closed.metricsBaseUrl;
    await closed.close();
    const dead = createVrchatClient({
      statusBaseUrl: `${url}/api/v2`,
      metricsBaseUrl: url,
      timeoutMs: TIMEOUT_MS,
    });
    const err = await failure(dead.fetchMetricFeed('extauth_steam'));
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(
      /^GET \/extauth_steam\.json: connection failed before the response headers: .*ECONNREFUSED/,
    );
  });

  it('recovers on the next call once the source answers again', async () => {
    fake.set('/api/v2/summary.json', { fault: 'status', status: 503 }, { fault: 'reset' }, okSummary());
    await expect(client.fetchSummary()).rejects.toBeInstanceOf(SourceUnavailableError);
    await expect(client.fetchSummary()).rejects.toBeInstanceOf(SourceUnavailableError);
    await expect(client.fetchSummary()).resolves.toMatchObject({ indicator: 'minor' });
    await expect(client.fetchSummary()).resolves.toMatchObject({ indicator: 'minor' }); // the last one sticks
    expect(fake.requestCount('/api/v2/summary.json')).toBe(4);
  });

  it('refuses bad options up front', () => {
    expect(() =>
      createVrchatClient({ statusBaseUrl: 'not a url', metricsBaseUrl: fake.metricsBaseUrl }),
    ).toThrow(/statusBaseUrl is not a valid URL/);
    expect(() =>
      createVrchatClient({ statusBaseUrl: fake.statusBaseUrl, metricsBaseUrl: 'ftp://x' }),
    ).toThrow(/metricsBaseUrl must be an http\(s\) URL/);
    expect(() =>
      createVrchatClient({
        statusBaseUrl: fake.statusBaseUrl,
        metricsBaseUrl: fake.metricsBaseUrl,
        timeoutMs: 0,
      }),
    ).toThrow(RangeError);
  });
});

describe('the fake server itself', () => {
  it('answers 404 for unscripted paths and records every request', async () => {
    const res = await fetch(`${fake.statusBaseUrl}/components.json?x=1`);
    expect(res.status).toBe(404);
    await res.arrayBuffer();
    expect(fake.requestCount('/api/v2/components.json')).toBe(1);
    expect(fake.requests[0]).toMatchObject({ path: '/api/v2/components.json?x=1' });
    expect(typeof fake.requests[0]!.at).toBe('number');
  });

  it('refuses to script paths the real hosts do not serve', () => {
    expect(() => fake.set('/summary.json', {})).toThrow(/under \/api\/v2\//);
    expect(() => fake.set('/api/v2/summary.json', {})).not.toThrow();
  });

  it('reset() forgets scripts and requests', async () => {
    fake.set('/visits.json', []);
    await client.fetchMetricFeed('visits');
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    await expect(client.fetchMetricFeed('visits')).rejects.toBeInstanceOf(SourceRejectedError);
  });
});

/** A server that streams `body` with chunked encoding and no Content-Length. */
async function startChunkedServer(body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < body.length; i += 256) res.write(body.slice(i, i + 256));
    res.end(']');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
