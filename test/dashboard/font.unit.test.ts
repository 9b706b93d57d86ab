/**
 * No tofu: every character the dashboard can draw is in the bundled font. The font is a subset (KS X
 * 1001 Hangul + ASCII), so a new label with a rarer syllable fails here rather than in a picture.
 */
import { readFileSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';
import { DASHBOARD_FONT_FAMILY, dashboardFontPath, ensureDashboardFont } from '../../src/dashboard/font';
import { DASHBOARD_LABELS } from '../../src/dashboard/labels';
import { buildDashboardModel, type DashboardModel } from '../../src/dashboard/model';
import { FIXTURE_NOW, fixtureSeries } from './fixtures';
import { fontCharacters } from './ttf-cmap';

const FONT = fontCharacters(readFileSync(dashboardFontPath()));

const missing = (text: string): string[] =>
  [...new Set([...text])].filter((ch) => !FONT.has(ch.codePointAt(0)!));

function modelText(model: DashboardModel): string {
  return [
    model.title,
    model.subtitle,
    ...model.timeTicks.map((t) => t.label),
    ...model.charts.flatMap((c) => [
      c.title,
      ...(c.primary?.axis.labels ?? []),
      ...(c.volume?.axis.labels ?? []),
    ]),
  ].join('');
}

describe('dashboard font', () => {
  test('is the bundled Noto Sans KR subset, with Hangul', () => {
    expect(FONT.has('가'.codePointAt(0)!)).toBe(true);
    expect(FONT.has('A'.codePointAt(0)!)).toBe(true);
    // a syllable outside KS X 1001: the subset really is a subset (and this test can fail)
    expect(missing('똠')).toEqual(['똠']);
  });

  test.each(Object.entries(DASHBOARD_LABELS))('covers every %s label', (_language, labels) => {
    const { numberLocale: _locale, charts, ...text } = labels;
    expect(missing([...Object.values(text), ...Object.values(charts)].join(''))).toEqual([]);
  });

  test.each(['en', 'ko'] as const)(
    'covers the %s tick labels, numbers in compact notation included',
    (language) => {
      const big = fixtureSeries({
        value: { visits: (t) => 1e8 + (t % 7) * 1e6, api_requests: (t) => 12_000 + (t % 5) },
      });
      for (const series of [fixtureSeries(), big]) {
        expect(missing(modelText(buildDashboardModel({ now: FIXTURE_NOW, language, series })))).toEqual([]);
      }
    },
  );

  test('is registered with the canvas under its own family name', () => {
    ensureDashboardFont();
    ensureDashboardFont();
    expect(GlobalFonts.has(DASHBOARD_FONT_FAMILY)).toBe(true);
    expect(GlobalFonts.families.filter((f) => f.family === DASHBOARD_FONT_FAMILY)).toHaveLength(1);
  });
});
