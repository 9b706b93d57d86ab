/**
 * The `/status` embed (pure): overall status with emoji and colour, components by group with a
 * status emoji each, and the metric summaries.
 */
import { bold } from '@discordjs/formatters';
import {
  componentStatusEmoji,
  discordTimestamp,
  type DiscordEmbed,
  type DiscordEmbedField,
  EMBED_COLORS,
  EMBED_LIMITS,
  escapeMarkdown,
  fitEmbed,
  fitLines,
  formatNumber,
  formatPercent,
  indicatorEmoji,
  severityColor,
} from '../discord/presentation';
import { type Language, label, plural, t } from '../i18n';
import type { StaleSource } from './freshness';
import type { MetricSummary } from './metric-summary';
import type { ComponentView, ReportCount, StatusView } from './views';

/** A rate as a percentage: two decimals, and "<0.01%" for tiny non-zero rates (error rates sit near 0). */
export function formatRate(language: Language, ratio: number): string {
  const percent = ratio * 100;
  if (percent > 0 && percent < 0.01) return '<0.01%';
  return formatPercent(language, ratio, 2);
}

function componentLines(language: Language, components: ComponentView[]): string[] {
  return components.map((c) => {
    const status = c.status.trim().toLowerCase();
    const line = `${componentStatusEmoji(status)} ${escapeMarkdown(c.name)}`;
    // Operational is the normal case; anything else names the status, so colour is not the only cue.
    return status === 'operational' ? line : `${line}: ${label(language, 'componentStatus', status)}`;
  });
}

/** Groups in payload order, each with its children; components without a known group go last. */
export function groupComponents(
  components: ComponentView[],
): { name: string | null; members: ComponentView[] }[] {
  const groups = components.filter((c) => c.isGroup);
  const known = new Set(groups.map((g) => g.id));
  const sections = groups.map((g) => ({
    name: g.name as string | null,
    members: components.filter((c) => !c.isGroup && c.groupId === g.id),
  }));
  const others = components.filter((c) => !c.isGroup && (c.groupId === null || !known.has(c.groupId)));
  // A group without children (or with children we did not see) still shows its own status.
  for (const [i, g] of groups.entries()) if (sections[i]!.members.length === 0) sections[i]!.members = [g];
  return others.length > 0 ? [...sections, { name: null, members: others }] : sections;
}

function metricFields(language: Language, metrics: MetricSummary): DiscordEmbedField[] {
  const noData = t(language, 'value.noData');
  const recent = (ratio: number | null) =>
    ratio === null ? noData : t(language, 'value.last5min', { value: formatRate(language, ratio) });
  return [
    {
      name: t(language, 'field.onlineUsers'),
      value: metrics.onlineUsers
        ? t(language, 'value.onlineUsers', {
            avg: formatNumber(language, metrics.onlineUsers.average),
            peak: formatNumber(language, metrics.onlineUsers.peak),
          })
        : noData,
      inline: true,
    },
    { name: t(language, 'field.apiErrors'), value: recent(metrics.apiErrorRate), inline: true },
    { name: t(language, 'field.steamAuth'), value: recent(metrics.steamAuthSuccess), inline: true },
    { name: t(language, 'field.metaAuth'), value: recent(metrics.metaAuthSuccess), inline: true },
  ];
}

/** One warning line per source whose poll loop has not succeeded for more than 5 intervals. */
function staleLines(language: Language, stale: readonly StaleSource[]): string[] {
  return stale.map(({ source, lastSuccessAt }) => {
    const name = t(language, `source.${source}`);
    if (lastSuccessAt === null) return t(language, 'status.stale.never', { source: name });
    return t(language, 'status.stale.since', {
      source: name,
      time: discordTimestamp(lastSuccessAt, 'R') ?? t(language, 'value.unknownTime'),
    });
  });
}

/** Players' reports of the last hour, one line a type (none when nobody reported anything). */
function reportFields(language: Language, reports: readonly ReportCount[]): DiscordEmbedField[] {
  if (reports.length === 0) return [];
  return [
    {
      name: t(language, 'field.playerReports'),
      value: reports
        .map(
          (r) =>
            `${label(language, 'reportType', r.type)}: ${plural(language, 'value.players', r.players, {
              count: formatNumber(language, r.players),
            })}`,
        )
        .join('\n'),
    },
  ];
}

export function buildStatusEmbed(
  language: Language,
  status: StatusView | null,
  metrics: MetricSummary,
  pageUrl: string | null,
  stale: readonly StaleSource[] = [],
  reports: readonly ReportCount[] = [],
): DiscordEmbed {
  const footer = { text: t(language, 'footer.statuspage') };
  const warnings = staleLines(language, stale);
  if (!status) {
    return fitEmbed({
      title: t(language, 'status.title'),
      description: [t(language, 'status.noData'), ...warnings].join('\n'),
      color: EMBED_COLORS.info,
      fields: [...metricFields(language, metrics), ...reportFields(language, reports)],
      footer,
    });
  }
  const indicator = status.indicator.trim().toLowerCase();
  const componentFields = groupComponents(status.components).map((section) => ({
    name: section.name === null ? t(language, 'field.otherComponents') : escapeMarkdown(section.name),
    value: fitLines(componentLines(language, section.members), EMBED_LIMITS.fieldValue, (n) =>
      t(language, 'value.more', { count: formatNumber(language, n) }),
    ),
  }));
  return fitEmbed({
    title: t(language, 'status.title'),
    ...(pageUrl ? { url: pageUrl } : {}),
    description: [
      `${indicatorEmoji(indicator)} ${bold(label(language, 'indicator', indicator))}`,
      ...warnings,
    ].join('\n'),
    color: severityColor(indicator),
    // Metrics first: when a huge status page overflows Discord's 6,000 characters, fitEmbed drops
    // fields from the end, so the last component groups give way, never the numbers.
    fields: [
      ...metricFields(language, metrics),
      ...reportFields(language, reports),
      ...componentFields,
    ].slice(0, EMBED_LIMITS.fields),
    footer,
    timestamp: status.updatedAt.toISOString(),
  });
}
