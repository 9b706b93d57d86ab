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
