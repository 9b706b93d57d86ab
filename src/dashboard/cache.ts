/**
 * Render cache for /status. A dashboard is a function of its rows, its language and its minute
 * (dashboardWindow takes `now` down to the minute), so repeated /status calls within a minute reuse
 * one PNG, and calls that arrive while it is being drawn wait for that same render instead of
 * starting their own.
 */
import { dashboardWindow } from './buckets';
import type * as Drawing from './dashboard';
import type { DashboardInput } from './types';

/**
 * The canvas renderer, loaded on the first picture: Skia's native library and the font cost the
 * process tens of MiB, which only a process that draws (the bot, on a /status) should carry.
 */
const renderDashboard = (input: DashboardInput): Promise<Buffer> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose
  const drawing = require('./dashboard') as typeof Drawing;
  return drawing.renderDashboard(input);
};

export interface DashboardRequest extends DashboardInput {
  /** From loadDashboardSeries: identifies the rows `series` was read from. */
  dataVersion: string;
}

export interface DashboardRendererOptions {
  /**
   * PNGs kept (least recently used goes first). A key lives for one minute at most, so a few per
   * language is plenty; each PNG is about 100 KB.
   */
  maxEntries?: number;
  /** The renderer behind the cache (tests count calls through it). */
  render?: (input: DashboardInput) => Promise<Buffer>;
}

export interface DashboardRendererStats {
  /** Renders started. */
  renders: number;
  /** Requests answered from a finished render. */
  hits: number;
  /** Requests that joined a render still in progress. */
  joined: number;
  /** Keys held now. */
  entries: number;
}

export interface DashboardRenderer {
  render(request: DashboardRequest): Promise<Buffer>;
  stats(): DashboardRendererStats;
}

export const DEFAULT_MAX_ENTRIES = 8;

/** The cache key: what the picture depends on, nothing more. */
export function dashboardCacheKey(request: DashboardRequest): string {
  return `${request.dataVersion}|${request.language}|${dashboardWindow(request.now).to}`;
}

export function createDashboardRenderer(options: DashboardRendererOptions = {}): DashboardRenderer {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const draw = options.render ?? renderDashboard;
  // insertion order = recency: a hit moves its key to the end, eviction takes the first
  const entries = new Map<string, { png: Promise<Buffer>; done: boolean }>();
  const counts = { renders: 0, hits: 0, joined: 0 };

  return {
    render(request) {
      const key = dashboardCacheKey(request);
      const cached = entries.get(key);
      if (cached) {
        entries.delete(key);
        entries.set(key, cached);
        if (cached.done) counts.hits++;
        else counts.joined++;
        return cached.png;
      }
      counts.renders++;
      const entry = {
        png: draw({ now: request.now, language: request.language, series: request.series }),
        done: false,
      };
      entries.set(key, entry);
      entry.png.then(
        () => {
          entry.done = true;
        },
        () => {
          // a failed render is not cached: the next request tries again (the waiters get the error)
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
      return entry.png;
    },
    stats: () => ({ ...counts, entries: entries.size }),
  };
}
