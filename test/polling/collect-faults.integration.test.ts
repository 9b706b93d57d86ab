/**
 * Every fault of a source leaves the database unchanged and the loop alive; the loop then recovers by
 * itself. Transient faults are retried inside the cycle; untrustworthy payloads fail it at once.
 */
import { incident, incidentsPayload } from '../fakes/statuspage-builders';
import { type Fault, startFakeVrchat } from '../fakes/vrchat-server';
import { snapshotTables } from '../harness/db-rows';
import { withPollLoop } from '../harness/poll-loop';
import { createTestDatabase } from '../harness/sqlite';
import { connectClient, type TestTemporal } from '../harness/temporal';

const PATH = '/api/v2/incidents.json';
const stored = (id: string) =>
  incident({
    id,
    name: `Incident ${id}`,
    status: 'resolved',
    impact: 'minor',
    createdAt: '2026-11-20T10:00:00.000Z',
    updates: [
      { id: `${id}u1`, status: 'investigating', body: 'Looking.', createdAt: '2026-11-20T10:00:00.000Z' },
      { id: `${id}u2`, status: 'resolved', body: 'Done.', createdAt: '2026-11-20T11:00:00.000Z' },
    ],
  });
const BASELINE = incidentsPayload([stored('base0000000a')]);
const RECOVERED = incidentsPayload([stored('next0000000b'), stored('base0000000a')]);

let temporal: TestTemporal;
beforeAll(async () => {
  temporal = await connectClient();
});
afterAll(() => temporal.close());

/** Baseline, then `faulty` responses for one cycle, then a good payload. */
async function runFaultScenario(faulty: unknown[]) {
  const fake = await startFakeVrchat();
  const db = await createTestDatabase();
  try {
    return await withPollLoop(
      { client: temporal.client, orm: db.orm, fake, source: 'incident', timeoutMs: 300 },
      async (loop) => {
        fake.set(PATH, BASELINE);
        await loop.firstCycle();
        const before = await snapshotTables(db.orm);
        const requestsBefore = fake.requestCount(PATH);

        fake.set(PATH, ...faulty);
        const failed = await loop.cycle();
        const afterFault = await snapshotTables(db.orm);
        const attempts = fake.requestCount(PATH) - requestsBefore;

        fake.set(PATH, RECOVERED);
        const recovered = await loop.cycle();
        return { before, afterFault, failed, recovered, attempts };
      },
    );
  } finally {
    await fake.close();
    await db.cleanup();
  }
}

const TRANSIENT: [string, Fault][] = [
  ['HTTP 500', { fault: 'status', status: 500, body: { error: 'internal' } }],
  ['HTTP 503', { fault: 'status', status: 503 }],
  ['an HTML 503 page from the CDN', { fault: 'html', status: 503 }],
  ['a response slower than the timeout', { fault: 'slow', delayMs: 1_500, then: BASELINE }],
  ['a body cut off mid-stream', { fault: 'truncated', of: BASELINE }],
  ['a reset connection', { fault: 'reset' }],
];

const UNTRUSTWORTHY: [string, unknown, RegExp][] = [
  ['an HTML page with 200', { fault: 'html', status: 200 }, /GET \/incidents\.json: .*(JSON|HTML)/i],
  [
    'JSON cut short but delivered whole',
    {
      fault: 'status',
      status: 200,
      body: '{"page": {"id": "x"}, "incidents": [{"id": "a"',
      contentType: 'application/json',
    },
    /GET \/incidents\.json: .*JSON/i,
  ],
  ['an empty 200 body', { fault: 'empty', status: 200 }, /GET \/incidents\.json: .*empty/i],
  [
    'wrong types',
    {
      page: { id: 'x', updated_at: '2026-11-25T10:00:00Z' },
      incidents: [{ id: 42, name: 'x', status: 'resolved' }],
    },
    /GET \/incidents\.json: incidents\[0\]\.id/,
  ],
  ['a list that is not a list', { page: { id: 'x' }, incidents: 'none' }, /GET \/incidents\.json: incidents/],
  [
    'the same incident twice',
    incidentsPayload([stored('next0000000b'), stored('base0000000a'), stored('next0000000b')]),
    /GET \/incidents\.json: incidents\[2\]\.id: duplicate incident id "next0000000b" \(also at incidents\[0\]\.id\)/,
  ],
  [
    'an update id under two incidents',
    incidentsPayload([
      stored('next0000000b'),
      incident({
        id: 'other000000c',
        name: 'Other',
        status: 'resolved',
        impact: 'minor',
        createdAt: '2026-11-20T10:00:00.000Z',
        updates: [
          {
            id: 'next0000000bu1',
            status: 'resolved',
            body: 'Same id.',
            createdAt: '2026-11-20T10:00:00.000Z',
          },
        ],
      }),
    ]),
    /GET \/incidents\.json: incidents\[1\]\.incident_updates: duplicate incident update id "next0000000bu1"/,
  ],
];

describe('a source fault', () => {
  it.concurrent.each(TRANSIENT)(
    '%s is retried with backoff, then recorded; nothing is written and the loop recovers',
    async (_name, fault) => {
      const { before, afterFault, failed, recovered, attempts } = await runFaultScenario([fault]);
      expect(afterFault).toEqual(before);
      expect(attempts).toBe(5);
      expect(failed.lastError).toEqual({
        at: expect.any(String),
        type: 'SourceUnavailable',
        message: expect.stringMatching(/^GET \/incidents\.json: /),
      });
      expect(failed.consecutiveFailures).toBe(1);
      expect(recovered.consecutiveFailures).toBe(0);
      expect(Date.parse(recovered.lastSuccessAt!)).toBeGreaterThan(Date.parse(failed.lastError!.at));
      expect(recovered.lastResult?.written).toEqual({ incidents_inserted: 1, incident_updates_inserted: 2 });
    },
    60_000,
  );

  it.concurrent.each(UNTRUSTWORTHY)(
    '%s fails the cycle at once with a message naming the endpoint and field; nothing is written',
    async (_name, payload, message) => {
      const { before, afterFault, failed, recovered, attempts } = await runFaultScenario([payload]);
      expect(afterFault).toEqual(before);
      expect(attempts).toBe(1);
      expect(failed.lastError).toEqual({
        at: expect.any(String),
        type: 'MalformedPayload',
        message: expect.stringMatching(message),
      });
      expect(recovered.lastResult?.written).toEqual({ incidents_inserted: 1, incident_updates_inserted: 2 });
      expect(recovered.consecutiveFailures).toBe(0);
    },
    30_000,
  );

  it('that clears up within the cycle costs a retry, not the cycle', async () => {
    const { failed, attempts } = await runFaultScenario([{ fault: 'status', status: 503 }, RECOVERED]);
    expect(attempts).toBe(2);
    expect(failed.lastError).toBeNull();
    expect(failed.lastResult?.written).toEqual({ incidents_inserted: 1, incident_updates_inserted: 2 });
  });

  it('a 404 (a moved or mistyped URL) is not retried within the cycle', async () => {
    const { failed, attempts } = await runFaultScenario([{ fault: 'status', status: 404 }]);
    expect(attempts).toBe(1);
    expect(failed.lastError?.type).toBe('SourceRejected');
  });
});
