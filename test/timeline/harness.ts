/**
 * Timeline tests: a story told as payloads over simulated time. Each step serves Statuspage- or
 * CloudFront-shaped payloads from a local HTTP server, runs one cycle of the real collector (real
 * HTTP client, real validation, a real SQLite file) at the step's simulated time, and returns the
 * alerts that cycle brings out that had not come out before: type, reference id and the English
 * embed, built from the database as a fan-out builds it.
 *
 * What the poll loop and the fan-out add around the collector is stood in for here, plainly: a fact
 * comes out once (the loop remembers what it dispatched), and an alert that came out is recorded in
 * sent_alerts for one server at the step's time (as its delivery would be), since detection reads
 * which metric breaches were announced.
 */
import { loadAlertContent } from '../../src/alerts/load-content';
import { buildAlertEmbed } from '../../src/alerts/embeds';
import type { AlertFact } from '../../src/contracts/alerts';
import type { CycleResult } from '../../src/contracts/polling';
import type { DiscordEmbed } from '../../src/discord/presentation';
import { createLogger } from '../../src/logger';
import { createCollectors } from '../../src/polling/activities';
import { createVrchatClient } from '../../src/vrchat';
import { type FakeVrchat, startFakeVrchat } from '../fakes/vrchat-server';
import { createTestDatabase } from '../harness/sqlite';

export type Source = 'status' | 'incidents' | 'maintenances' | 'metrics';

export interface TimelineAlert {
  type: AlertFact['type'];
  referenceId: string;
  embed: DiscordEmbed;
}

export interface Timeline {
  fake: FakeVrchat;
  /** Serves `payload` at `path` (as the fake names paths: `/api/v2/incidents.json`, `/apilatency.json`). */
  serve(path: string, payload: unknown): void;
  /** One cycle of `source` at simulated time `at`; the alerts that came out for the first time, in order. */
  poll(source: Source, at: string | number): Promise<TimelineAlert[]>;
  /** The last cycle's result (written counts, warnings), for stories about what was stored. */
  readonly lastResult: CycleResult | null;
  close(): Promise<void>;
}

const GUILD = '100000000000000001';

export async function startTimeline(): Promise<Timeline> {
  const db = await createTestDatabase();
  const fake = await startFakeVrchat();
  let now = new Date(0);
  const collectors = createCollectors({
    orm: db.orm,
    vrchat: createVrchatClient({ statusBaseUrl: fake.statusBaseUrl, metricsBaseUrl: fake.metricsBaseUrl }),
    logger: createLogger({ level: 'silent' }),
    clock: () => now,
  });
  const run: Record<Source, () => Promise<CycleResult>> = {
    status: collectors.collectStatus,
    incidents: collectors.collectIncidents,
    maintenances: collectors.collectMaintenances,
    metrics: collectors.collectMetrics,
  };
  const dispatched = new Set<string>();
  let lastResult: CycleResult | null = null;

  return {
    fake,
    serve: (path, payload) => fake.set(path, payload),
    get lastResult() {
      return lastResult;
    },
    async poll(source, at) {
      now = new Date(at);
      lastResult = await run[source]();
      const alerts: TimelineAlert[] = [];
      for (const fact of lastResult.facts) {
        const key = `${fact.type}:${fact.referenceId}`;
        if (dispatched.has(key)) continue;
        dispatched.add(key);
        const content = await db.orm.em
          .fork()
          .transactional((em) => loadAlertContent(em, fact, { pageUrl: null, now }));
        if (!content) throw new Error(`no content for ${key}`);
        await db.orm.em
          .getConnection()
          .execute(
            'insert into sent_alerts (guild_id, user_id, alert_type, reference_id, notified_at, created_at) values (?, ?, ?, ?, ?, ?)',
            [GUILD, null, fact.type, fact.referenceId, now.getTime(), now.getTime()],
          );
        alerts.push({
          type: fact.type,
          referenceId: fact.referenceId,
          embed: buildAlertEmbed(content, 'en'),
        });
      }
      return alerts;
    },
    async close() {
      await fake.close();
      await db.cleanup();
    },
  };
}

/** `type:referenceId` of each alert, the shape most assertions read best in. */
export const ids = (alerts: TimelineAlert[]): string[] => alerts.map((a) => `${a.type}:${a.referenceId}`);

/** An embed's field value by name. */
export const field = (alert: TimelineAlert | undefined, name: string): string | undefined =>
  alert?.embed.fields.find((f) => f.name === name)?.value;
