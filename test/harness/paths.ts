import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const TMP_DIR = join(ROOT, 'test', '.tmp');
export const HARNESS_FILE = join(TMP_DIR, 'harness.json');

export interface HarnessInfo {
  address: string;
  namespace: string;
  bundlePath: string;
  serverPid: number | undefined;
}

/** Dev-server settings the whole suite shares; tests that need others start their own server. */
export const TEST_DYNAMIC_CONFIG: Record<string, string | number | boolean> = {};
export const TEST_SEARCH_ATTRIBUTES = {} as const;
/**
 * Namespaces created with the suite's server. A test that runs the real worker entry point (fixed
 * workflow ids such as poll-status) takes one of its own, so parallel test files never collide.
 */
export const TEST_NAMESPACES = ['vrcpulse-crash', 'vrcpulse-boot', 'vrcpulse-spare'] as const;
