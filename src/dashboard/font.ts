/**
 * The dashboard's one font: a subset of Noto Sans KR (SIL OFL 1.1) committed under assets/fonts/, built
 * by scripts/build-dashboard-font.sh. Loaded explicitly so that Korean labels never depend on what a
 * machine has installed (CI and slim containers have no CJK font, and the result would be tofu boxes).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

export const DASHBOARD_FONT_FILE = 'NotoSansKR-Regular-dashboard.ttf';
/** Our own alias, so a system "Noto Sans KR" of another version can never stand in for it. */
export const DASHBOARD_FONT_FAMILY = 'VRCPulse Dashboard Sans';

/** assets/fonts/<file>, found from here upwards: this file runs from src/dashboard (tests) or dist/src/dashboard. */
export function dashboardFontPath(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'fonts', DASHBOARD_FONT_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`dashboard font ${DASHBOARD_FONT_FILE} not found above ${from}`);
  }
}

/**
 * Registers the font with @napi-rs/canvas once per process. The registry is the library's own
 * process-wide state; asking it first keeps a second renderer from registering the file again.
 */
export function ensureDashboardFont(): void {
  if (GlobalFonts.has(DASHBOARD_FONT_FAMILY)) return;
  const path = dashboardFontPath();
  if (!GlobalFonts.registerFromPath(path, DASHBOARD_FONT_FAMILY)) {
    throw new Error(`could not load the dashboard font from ${path}`);
  }
}
