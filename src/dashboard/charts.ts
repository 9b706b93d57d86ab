/** What the six dashboard charts of `/status` show and in which colours. */
import type { MetricName } from '../vrchat/metrics';
import type { ChartId } from './labels';
import type { ValueFormat } from './scale';

export const COLOURS = {
  background: '#0D1117',
  /** Chart cards, one step lighter than the page (GitHub's dark palette, which #0D1117 comes from). */
  panel: '#161B22',
  grid: '#2A313C',
  axisText: '#8B949E',
  title: '#E6EDF3',
  series: '#6C6284',
  error: '#ED4245',
  auth: '#57F287',
} as const;

export interface ChartSpec {
  id: ChartId;
  metric: MetricName;
  colour: string;
  format: ValueFormat;
  /** Stored value -> drawn value: ratios are stored as 0..1 and drawn as %. */
  scale: number;
  includeZero: boolean;
  cap?: number;
  integer?: boolean;
  /**
   * The attempt volume drawn dashed behind an auth success rate, on its own right-hand axis. A second
   * axis rather than normalising it onto the % axis: the `_count` feeds are a level in their own unit,
   * and scaled into 0..100 their height would read as a percentage. On their own axis both lines keep
   * their real values, and a drop in success can be told apart from a drop in traffic.
   */
  volume?: MetricName;
}

export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'users',
    metric: 'visits',
    colour: COLOURS.series,
    format: 'compact',
    scale: 1,
    includeZero: true,
    integer: true,
  },
  { id: 'latency', metric: 'api_latency', colour: COLOURS.series, format: 'ms', scale: 1, includeZero: true },
  {
    id: 'requests',
    metric: 'api_requests',
    colour: COLOURS.series,
    format: 'compact',
    scale: 1,
    includeZero: true,
  },
  {
    id: 'errors',
    metric: 'api_errors',
    colour: COLOURS.error,
    format: 'percent',
    scale: 100,
    includeZero: true,
    cap: 100,
  },
  {
    id: 'steam',
    metric: 'extauth_steam',
    colour: COLOURS.auth,
    format: 'percent',
    scale: 100,
    includeZero: false,
    cap: 100,
    volume: 'extauth_steam_count',
  },
  {
    id: 'meta',
    metric: 'extauth_oculus',
    colour: COLOURS.auth,
    format: 'percent',
    scale: 100,
    includeZero: false,
    cap: 100,
    volume: 'extauth_oculus_count',
  },
];

/** Colour of the dashed volume line on the auth charts. */
export const VOLUME_COLOUR = COLOURS.series;
