import { join } from 'node:path';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../../src/temporal/search-attributes';

export const ROOT = join(__dirname, '..', '..');
export const TMP_DIR = join(ROOT, 'test', '.tmp');
/**
 * Each `npm test` run keeps its server address and bundle in its own folder, named in this
 * environment variable by the global setup (test workers inherit it), so parallel runs never read
 * each other's server.
 */
export const HARNESS_ENV = 'VRCPULSE_TEST_HARNESS';
export const harnessFile = (): string => {
  const file = process.env[HARNESS_ENV];
  if (!file) throw new Error(`${HARNESS_ENV} is not set: run the tests through jest (npm test)`);
  return file;
};

export interface HarnessInfo {
  address: string;
  namespace: string;
  bundlePath: string;
  serverPid: number | undefined;
}

/** Dev-server settings the whole suite shares; tests that need others start their own server. */
export const TEST_DYNAMIC_CONFIG: Record<string, string | number | boolean> = {};
/** VRCPulse's own search attributes (src/temporal/search-attributes.ts), on every namespace below. */
export const TEST_SEARCH_ATTRIBUTES = SEARCH_ATTRIBUTE_DEFINITIONS;
/**
 * Namespaces created with the suite's server. A test that runs the real worker entry point (fixed
 * workflow ids such as poll-status) takes one of its own, so parallel test files never collide.
 */
export const TEST_NAMESPACES = [
  'vrcpulse-crash',
  'vrcpulse-boot',
  'vrcpulse-spare',
  'vrcpulse-alerts',
  'vrcpulse-bot',
  'vrcpulse-bot-process',
  'vrcpulse-stale',
  'vrcpulse-health',
  'vrcpulse-retention',
  'vrcpulse-unlabelled',
  'vrcpulse-reports',
  'vrcpulse-crowd',
  'vrcpulse-tls',
  'vrcpulse-metrics',
] as const;
