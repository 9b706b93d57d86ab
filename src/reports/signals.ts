/**
 * Which official signals a crowd-report type relates to (docs/alerts.md lists the same map): the
 * CloudFront metrics that move when that kind of problem happens, and the words an incident about
 * it uses. A threshold alert names a related metric in breach; an incident that relates to a
 * threshold alert of the hour before carries the players' lead time. Any open incident is named in
 * a threshold alert, related or not: players deserve to know VRChat is on something.
 */
import type { AlertedMetric } from '../contracts/alert-settings';
import type { ReportType } from '../contracts/reports';

export interface ReportSignals {
  metrics: readonly AlertedMetric[];
  /** Whole words (or phrases) in an incident's title or text; empty: every incident relates. */
  incidentWords: readonly string[];
}

const AUTH_WORDS = [
  'login',
  'logins',
  'log in',
  'logging in',
  'sign in',
  'authentication',
  'auth',
  'account',
  'accounts',
];

export const REPORT_SIGNALS: Readonly<Record<ReportType, ReportSignals>> = {
  login: { metrics: ['extauth_steam', 'extauth_oculus', 'api_errors'], incidentWords: AUTH_WORDS },
  auth: {
    metrics: ['extauth_steam', 'extauth_oculus'],
    incidentWords: [...AUTH_WORDS, 'steam', 'meta', 'oculus', 'quest'],
  },
  api: {
    metrics: ['api_latency', 'api_errors'],
    incidentWords: ['api', 'website', 'web', 'latency', 'errors'],
  },
  instance: {
    metrics: [],
    incidentWords: [
      'instance',
      'instances',
      'world',
      'worlds',
      'joining',
      'networking',
      'realtime',
      'photon',
    ],
  },
  download: {
    metrics: [],
    incidentWords: [
      'download',
      'downloads',
      'upload',
      'uploads',
      'content',
      'avatar',
      'avatars',
      'asset',
      'assets',
      'cdn',
    ],
  },
  other: { metrics: ['api_latency', 'api_errors'], incidentWords: [] },
};

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MATCHERS = Object.fromEntries(
  Object.entries(REPORT_SIGNALS).map(([type, { incidentWords }]) => [
    type,
    incidentWords.length === 0
      ? null
      : new RegExp(`(^|[^\\p{L}\\p{N}])(${incidentWords.map(escape).join('|')})($|[^\\p{L}\\p{N}])`, 'iu'),
  ]),
) as Record<ReportType, RegExp | null>;

/** Whether an incident with this title and text is about the kind of problem `type` reports. */
export function incidentRelatesTo(type: ReportType, incidentText: string): boolean {
  const matcher = MATCHERS[type];
  return matcher === null || matcher.test(incidentText);
}
