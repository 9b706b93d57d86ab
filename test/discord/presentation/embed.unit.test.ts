/** The embed kit: constants, and fitEmbed making any draft valid. */
import { embedProblems } from './embed-problems';
import {
  componentStatusEmoji,
  EMBED_COLORS,
  EMBED_LIMITS,
  embedLength,
  fitEmbed,
} from '../../../src/discord/presentation';

describe('constants', () => {
  it("are the severity colours, the component status emoji and Discord's embed limits", () => {
    expect(EMBED_COLORS).toEqual({
      operational: 0x57f287,
      minor: 0xfee75c,
      major: 0xf0b132,
      critical: 0xed4245,
      maintenance: 0x5865f2,
      info: 0x00b0f4,
    });
    expect(EMBED_LIMITS).toEqual({
      title: 256,
      description: 4096,
      fields: 25,
      fieldName: 256,
      fieldValue: 1024,
      footerText: 2048,
      total: 6000,
    });
    expect(
      [
        'operational',
        'degraded_performance',
        'partial_outage',
        'major_outage',
        'under_maintenance',
        'unknown',
        'something_new',
      ].map(componentStatusEmoji),
    ).toEqual(['🟢', '🟡', '🟠', '🔴', '🔵', '⚪', '⚪']);
  });
});

describe('fitEmbed', () => {
  it('fitEmbed repairs an arbitrary oversize draft', () => {
    const big = 'x'.repeat(5000);
    const embed = fitEmbed({
      title: big,
      description: big,
      color: -1,
      fields: Array.from({ length: 40 }, () => ({ name: big, value: big })),
      footer: { text: big },
      url: 'ftp://example.com',
      timestamp: 'nope',
    });
    expect(embedProblems(embed)).toEqual([]);
    expect(embed.title).toHaveLength(EMBED_LIMITS.title);
    expect(embed.color).toBe(EMBED_COLORS.info);
    expect(embed.url).toBeUndefined();
    expect(embed.timestamp).toBeUndefined();
    expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  });

  it('fitEmbed fills empty parts, which Discord rejects', () => {
    const embed = fitEmbed({
      title: ' ',
      description: '',
      color: 0,
      fields: [{ name: '', value: '\n' }],
      footer: { text: '' },
    });
    expect(embedProblems(embed)).toEqual([]);
  });
});
