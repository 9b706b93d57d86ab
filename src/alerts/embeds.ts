/**
 * Alert embeds as plain Discord API JSON (pure; no I/O, no clock). `buildAlertEmbed` renders one
 * AlertContent in one language (docs/alerts.md) and always returns an embed within Discord's limits:
 * whatever the content, the last step is `fitEmbed`. The embed kit and the formatting they use are
 * src/discord/presentation/.
 */
import { parseThresholdReferenceId } from '../contracts/reference-ids';
import {
  type AlertComponent,
  type AlertContent,
  type AlertUpdate,
  type IncidentAlertContent,
  type MaintenanceAlertContent,
  type MetricAlertContent,
  type TestAlertContent,
  type StatusAlertContent,
  type ThresholdAlertContent,
  isResolvedIncidentStatus,
} from '../contracts/alert-content';
import {
  componentStatusEmoji,
  discordTimestamp,
  type DiscordEmbed,
  type DiscordEmbedField,
  EMBED_COLORS,
  EMBED_LIMITS,
  embedLength,
  escapeMarkdown,
  fitEmbed,
  fitLines,
  formatNumber,
  formatPercent,
  htmlToDiscordMarkdown,
  indicatorEmoji,
  isoTimestamp,
  MIN_FIELD_VALUE,
  PLACEHOLDER,
  safeUrl,
  severityColor,
  truncate,
  unixSeconds,
} from '../discord/presentation';
import { type Language, label, plural, t } from '../i18n';

// ---------------------------------------------------------------------------------------------
// Times and numbers

/** "<t:…:f> (<t:…:R>)": full date and time plus relative ("2 hours ago"). */
const when = (iso: string, language: Language): string => {
  const full = discordTimestamp(iso, 'f');
  const relative = discordTimestamp(iso, 'R');
  return full === null || relative === null ? t(language, 'value.unknownTime') : `${full} (${relative})`;
};

/**
 * A metric value and its threshold in the metric's unit, in `language`'s number format: latency in
 * whole ms, ratios as percent with one decimal (two below 1%). Precision grows (up to three more digits) until two values that
 * differ also read differently, so "94.96%" is never shown as "95%" next to a 95% threshold.
 */
export function formatMetricPair(
  language: Language,
  value: number,
  threshold: number,
  unit: 'ms' | 'ratio',
): { value: string; threshold: string } {
  const show = (x: number, decimals: number) =>
    !Number.isFinite(x)
      ? PLACEHOLDER
      : unit === 'ratio'
        ? formatPercent(language, x, decimals)
        : `${formatNumber(language, x, decimals)} ms`;
  const small = unit === 'ratio' && Math.abs(value * 100) < 1 && value !== 0;
  const start = unit === 'ratio' ? (small ? 2 : 1) : 0;
  let decimals = start;
  while (decimals < start + 3 && value !== threshold && show(value, decimals) === show(threshold, decimals))
    decimals++;
  return { value: show(value, decimals), threshold: show(threshold, decimals) };
}

const count = (language: Language, n: number, key: 'users' | 'minutes') =>
  plural(language, `value.${key}`, n, { count: formatNumber(language, n) });

// ---------------------------------------------------------------------------------------------
// Builders

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const footer = (language: Language, source: 'statuspage' | 'metrics' | 'reports') => ({
  text: t(language, `footer.${source}`),
});

/** The update's body as Discord markdown, or the type's default sentence when there is none. */
function updateDescription(
  update: AlertUpdate | null,
  language: Language,
  fallback: `description.${IncidentAlertContent['type'] | Exclude<MaintenanceAlertContent['type'], 'maintenance_reminder'>}`,
): string {
  const body = update === null ? '' : htmlToDiscordMarkdown(update.body);
  return body.length > 0 ? body : t(language, fallback);
}

/** `{ url }` when `raw` is a usable http(s) link, otherwise nothing. */
const urlPart = (raw: string | null): { url?: string } => {
  const url = safeUrl(raw);
  return url === null ? {} : { url };
};

/** `{ timestamp }` when `iso` is a valid time, otherwise nothing. */
const timestampPart = (iso: string | null | undefined): { timestamp?: string } => {
  const timestamp = iso === null || iso === undefined ? null : isoTimestamp(iso);
  return timestamp === null ? {} : { timestamp };
};

function latestUpdateField(
  update: AlertUpdate | null,
  language: Language,
  kinds: Parameters<typeof label>[1],
): DiscordEmbedField[] {
  if (update === null) return [];
  return [
    {
      name: t(language, 'field.latestUpdate'),
      value: `${label(language, kinds, update.status)} · ${when(update.publishedAt, language)}`,
    },
  ];
}

function componentLine(component: AlertComponent, language: Language, withGroup: boolean): string {
  const name =
    withGroup && component.group !== null && component.group.trim() !== ''
      ? `${escapeMarkdown(oneLine(component.group))} › ${escapeMarkdown(oneLine(component.name))}`
      : escapeMarkdown(oneLine(component.name));
  return `${componentStatusEmoji(component.status)} ${name} — ${label(language, 'componentStatus', component.status)}`;
}

/**
 * One field per component group (in order of first appearance; ungrouped components under
 * "Affected components"), lines "🟠 Name — Partial outage". The fields share what is left of the
 * 6,000 total; when there are more groups than free fields, the last field lists the rest with
 * their group names. A list that does not fit ends with "…and N more".
 */
export function componentFields(
  base: DiscordEmbed,
  components: readonly AlertComponent[],
  language: Language,
) {
  const groups = new Map<string, { name: string; items: AlertComponent[] }>();
  for (const component of components) {
    const group = component.group === null ? '' : oneLine(component.group);
    const key = group === '' ? '\u0000' : group;
    const entry = groups.get(key) ?? {
      name: group === '' ? t(language, 'field.components') : group,
      items: [],
    };
    entry.items.push(component);
    groups.set(key, entry);
  }
  const fitted = fitEmbed(base);
  let remaining = EMBED_LIMITS.total - embedLength(fitted);
  const slots = EMBED_LIMITS.fields - fitted.fields.length;
  const list = [...groups.values()];
  const more = (n: number) => t(language, 'value.more', { count: formatNumber(language, n) });
  const moreName = t(language, 'field.moreComponents');
  // Room kept for a last "More components" field while groups are still to come.
  const reserve = moreName.length + more(components.length).length + 1;
  const fields: DiscordEmbedField[] = [];
  for (let i = 0; i < list.length && fields.length < slots; i++) {
    const entry = list[i];
    if (entry === undefined) break;
    const later = i < list.length - 1;
    const name = truncate(entry.name, EMBED_LIMITS.fieldName);
    const room = Math.min(EMBED_LIMITS.fieldValue, remaining - name.length - (later ? reserve : 0));
    if ((later && fields.length === slots - 1) || room < MIN_FIELD_VALUE) {
      // Out of fields or characters: the rest goes into one list, with group names.
      const lines = list.slice(i).flatMap((g) => g.items.map((c) => componentLine(c, language, true)));
      const value = fitLines(lines, Math.min(EMBED_LIMITS.fieldValue, remaining - moreName.length), more);
      if (value.length > 0 && value.length <= remaining - moreName.length)
        fields.push({ name: moreName, value });
      break;
    }
    const value = fitLines(
      entry.items.map((c) => componentLine(c, language, false)),
      room,
      more,
    );
    fields.push({ name, value });
    remaining -= name.length + value.length;
  }
  return fields;
}

function statusEmbed(c: StatusAlertContent, language: Language): DiscordEmbed {
  const current = label(language, 'indicator', c.indicator);
  const emoji = indicatorEmoji(c.indicator);
  const change =
    c.previousIndicator === null
      ? t(language, 'description.status.current', { current })
      : t(language, 'description.status.changed', {
          previous: label(language, 'indicator', c.previousIndicator),
          current,
        });
  const official = oneLine(c.description);
  const base: DiscordEmbed = {
    title: `${emoji} ${t(language, 'title.status', { indicator: current })}`,
    // Statuspage's own wording, quoted as published (it is English on status.vrchat.com).
    description: official === '' ? change : `${change}\n> ${escapeMarkdown(official)}`,
    color: severityColor(c.indicator),
    fields: [
      { name: t(language, 'field.status'), value: `${emoji} ${current}`, inline: true },
      { name: t(language, 'field.changed'), value: when(c.changedAt, language), inline: true },
    ],
    footer: footer(language, 'statuspage'),
    ...timestampPart(c.changedAt),
  };
  base.fields.push(...componentFields(base, c.components, language));
  return base;
}

function incidentEmbed(c: IncidentAlertContent, language: Language): DiscordEmbed {
  const resolved = c.type === 'incident_resolved' || isResolvedIncidentStatus(c.status);
  const fields: DiscordEmbedField[] = [
    { name: t(language, 'field.status'), value: label(language, 'incidentStatus', c.status), inline: true },
    { name: t(language, 'field.impact'), value: label(language, 'impact', c.impact), inline: true },
    { name: t(language, 'field.started'), value: when(c.startedAt, language), inline: true },
  ];
  if (c.resolvedAt !== null) {
    fields.push({ name: t(language, 'field.resolved'), value: when(c.resolvedAt, language), inline: true });
  }
  const leadMinutes = c.playersReportedAt
    ? Math.round((Date.parse(c.startedAt) - Date.parse(c.playersReportedAt)) / 60_000)
    : Number.NaN;
  if (leadMinutes >= 1) {
    // players saw it first: the crowd-report alert went out this long before the incident started
    fields.push({
      name: t(language, 'field.playersReported'),
      value: t(language, 'value.playersLead', { minutes: count(language, leadMinutes, 'minutes') }),
    });
  }
  fields.push(...latestUpdateField(c.latestUpdate, language, ['incidentStatus', 'maintenanceStatus']));
  const timestamp =
    c.type === 'incident'
      ? c.startedAt
      : c.type === 'incident_resolved'
        ? (c.resolvedAt ?? c.latestUpdate?.publishedAt ?? c.startedAt)
        : (c.latestUpdate?.publishedAt ?? c.startedAt);
  return {
    title: t(language, `title.${c.type}` as const, { title: oneLine(c.title) || PLACEHOLDER }),
    description: updateDescription(c.latestUpdate, language, `description.${c.type}`),
    ...urlPart(c.url),
    // Open incidents by impact; "none" (no impact declared) is informational, not green.
    color: resolved
      ? EMBED_COLORS.operational
      : c.impact.trim().toLowerCase() === 'none'
        ? EMBED_COLORS.info
        : severityColor(c.impact),
    fields,
    footer: footer(language, 'statuspage'),
    ...timestampPart(timestamp),
  };
}

/** A maintenance's reminder: when it starts, counted down by Discord in the reader's time zone. */
function maintenanceReminderEmbed(c: MaintenanceAlertContent, language: Language): DiscordEmbed {
  const from = discordTimestamp(c.scheduledFor, 'f') ?? t(language, 'value.unknownTime');
  const until = discordTimestamp(c.scheduledUntil, 'f') ?? t(language, 'value.unknownTime');
  return {
    title: t(language, 'title.maintenance_reminder', { title: oneLine(c.title) || PLACEHOLDER }),
    description: t(language, 'description.maintenance_reminder', {
      time: discordTimestamp(c.scheduledFor, 'R') ?? from,
    }),
    ...urlPart(c.url),
    color: EMBED_COLORS.maintenance,
    fields: [{ name: t(language, 'field.scheduled'), value: `${from} – ${until}` }],
    footer: footer(language, 'statuspage'),
  };
}

function maintenanceEmbed(c: MaintenanceAlertContent, language: Language): DiscordEmbed {
  if (c.type === 'maintenance_reminder') return maintenanceReminderEmbed(c, language);
  const completed = c.type === 'maintenance_completed' || c.status.trim().toLowerCase() === 'completed';
  const from = discordTimestamp(c.scheduledFor, 'f') ?? t(language, 'value.unknownTime');
  const until = discordTimestamp(c.scheduledUntil, 'f') ?? t(language, 'value.unknownTime');
  let window = `${from} – ${until}`;
  const startsIn = discordTimestamp(c.scheduledFor, 'R');
  const endsIn = discordTimestamp(c.scheduledUntil, 'R');
  if (c.type === 'maintenance' && startsIn !== null)
    window += `\n${t(language, 'value.starts', { time: startsIn })}`;
  if (c.type === 'maintenance_started' && endsIn !== null)
    window += `\n${t(language, 'value.ends', { time: endsIn })}`;
  const timestamp =
    c.latestUpdate?.publishedAt ?? (c.type === 'maintenance_completed' ? c.scheduledUntil : c.scheduledFor);
  return {
    title: t(language, `title.${c.type}` as const, { title: oneLine(c.title) || PLACEHOLDER }),
    description: updateDescription(c.latestUpdate, language, `description.${c.type}`),
    ...urlPart(c.url),
    color: completed ? EMBED_COLORS.operational : EMBED_COLORS.maintenance,
    fields: [
      {
        name: t(language, 'field.status'),
        value: label(language, ['maintenanceStatus', 'incidentStatus'], c.status),
        inline: true,
      },
      { name: t(language, 'field.scheduled'), value: window },
      ...latestUpdateField(c.latestUpdate, language, ['maintenanceStatus', 'incidentStatus']),
    ],
    footer: footer(language, 'statuspage'),
    ...timestampPart(timestamp),
  };
}

/** The start of the threshold alert's 15-minute block, if its reference id has one. */
const thresholdBlockStart = (referenceId: string): string | null => {
  const block = parseThresholdReferenceId(referenceId)?.blockStart;
  return block === undefined ? null : isoTimestamp(block.toISOString());
};

function thresholdEmbed(c: ThresholdAlertContent, language: Language): DiscordEmbed {
  const reportType = label(language, 'reportType', c.reportType);
  // Anonymised: only when reports were made, never by whom.
  const times = c.recentReportTimes.filter((time) => unixSeconds(time) !== null).slice(0, 5);
  const fields: DiscordEmbedField[] = [
    { name: t(language, 'field.reports'), value: count(language, c.count, 'users'), inline: true },
    { name: t(language, 'field.threshold'), value: count(language, c.threshold, 'users'), inline: true },
    { name: t(language, 'field.window'), value: count(language, c.windowMinutes, 'minutes'), inline: true },
  ];
  if (times.length > 0) {
    fields.push({
      name: t(language, 'field.recentReports'),
      value: times.map((time) => `- ${when(time, language)}`).join('\n'),
    });
  }
  const description = [
    t(language, 'description.threshold', {
      count: formatNumber(language, c.count),
      reportType,
      window: formatNumber(language, c.windowMinutes),
    }),
  ];
  // What the official signals say, so players read a known problem as known.
  if (c.officialIncident) {
    const title = oneLine(c.officialIncident.title) || PLACEHOLDER;
    const link = safeUrl(c.officialIncident.url);
    description.push(
      t(language, 'description.threshold.incident', {
        incident: link ? `[${title}](${link})` : `**${title}**`,
      }),
    );
  }
  if (c.metricBreach) {
    const b = c.metricBreach;
    const shown = formatMetricPair(language, b.value, b.threshold, b.unit);
    description.push(
      t(language, `description.threshold.metric.${b.direction}`, {
        metric: label(language, 'metric', b.metric),
        value: shown.value,
        threshold: shown.threshold,
      }),
    );
  }
  if (!c.officialIncident && c.officialIncident !== undefined && !c.metricBreach) {
    description.push(t(language, 'description.threshold.unconfirmed'));
  }
  return {
    title: t(language, 'title.threshold', { reportType }),
    description: description.join('\n\n'),
    color: c.count >= 2 * c.threshold ? EMBED_COLORS.major : EMBED_COLORS.minor,
    fields,
    footer: footer(language, 'reports'),
    ...timestampPart(times[0] ?? thresholdBlockStart(c.referenceId)),
  };
}

function metricEmbed(c: MetricAlertContent, language: Language): DiscordEmbed {
  const metric = label(language, 'metric', c.metric);
  const recovered = c.type === 'metric_recovered';
  const shown = formatMetricPair(language, c.value, c.threshold, c.unit);
  const value = (v: number) => formatMetricPair(language, v, c.threshold, c.unit).value;
  const threshold = {
    name: t(language, 'field.threshold'),
    value: t(language, `value.${c.direction}`, { threshold: shown.threshold }),
    inline: true,
  };
  const title = recovered
    ? t(language, 'title.metric_recovered', { metric })
    : t(language, `title.metric.${c.direction}`, { metric });
  const base = {
    title,
    color: recovered ? EMBED_COLORS.operational : EMBED_COLORS.major,
    footer: footer(language, 'metrics'),
    ...timestampPart(c.observedAt),
  };
  const e = c.episode;
  if (!e) {
    // content fanned out by a release that did not carry the episode
    const vars = { metric, value: shown.value, threshold: shown.threshold };
    return {
      ...base,
      description: recovered
        ? t(language, 'description.metric_recovered', vars)
        : t(language, `description.metric.${c.direction}`, vars),
      fields: [
        { name: t(language, 'field.currentValue'), value: shown.value, inline: true },
        threshold,
        { name: t(language, 'field.observed'), value: when(c.observedAt, language), inline: true },
      ],
    };
  }
  if (recovered) {
    const lasted = duration(language, Date.parse(e.endedAt ?? c.observedAt) - Date.parse(e.startedAt));
    return {
      ...base,
      description: t(language, 'description.metric_recovered.episode', {
        metric,
        duration: lasted,
        threshold: shown.threshold,
      }),
      fields: [
        { name: t(language, 'field.episodeLasted'), value: lasted, inline: true },
        { name: t(language, 'field.episodeWorst'), value: value(e.worstValue), inline: true },
        { name: t(language, 'field.currentValue'), value: shown.value, inline: true },
        { name: t(language, 'field.started'), value: when(e.startedAt, language), inline: true },
        {
          name: t(language, 'field.episodeEnded'),
          value: when(e.endedAt ?? c.observedAt, language),
          inline: true,
        },
        threshold,
      ],
    };
  }
  return {
    ...base,
    description: t(language, `description.metric.${c.direction}.episode`, {
      metric,
      value: value(e.startValue),
      threshold: shown.threshold,
    }),
    fields: [
      { name: t(language, 'field.started'), value: when(e.startedAt, language), inline: true },
      { name: t(language, 'field.episodeStartValue'), value: value(e.startValue), inline: true },
      { name: t(language, 'field.episodeWorstSoFar'), value: value(e.worstValue), inline: true },
      threshold,
    ],
  };
}

/** "45 minutes", "2 h 5 min": how long an episode lasted, to the minute. */
export function duration(language: Language, ms: number): string {
  const totalMinutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours === 0
    ? count(language, minutes, 'minutes')
    : t(language, 'value.hoursMinutes', {
        hours: formatNumber(language, hours),
        minutes: formatNumber(language, minutes),
      });
}

/** `/config test`: says plainly that it is a test and that nothing is wrong with VRChat. */
function testEmbed(c: TestAlertContent, language: Language): DiscordEmbed {
  return {
    title: t(language, 'title.test'),
    description: t(language, 'description.test'),
    color: EMBED_COLORS.info,
    fields: [],
    footer: { text: 'VRCPulse' },
    ...timestampPart(c.requestedAt),
  };
}

/** The alert as a Discord embed in `language`; always within EMBED_LIMITS (see `fitEmbed`). */
export function buildAlertEmbed(content: AlertContent, language: Language): DiscordEmbed {
  switch (content.type) {
    case 'status':
      return fitEmbed(statusEmbed(content, language));
    case 'incident':
    case 'incident_update':
    case 'incident_resolved':
      return fitEmbed(incidentEmbed(content, language));
    case 'maintenance':
    case 'maintenance_started':
    case 'maintenance_completed':
    case 'maintenance_reminder':
      return fitEmbed(maintenanceEmbed(content, language));
    case 'threshold':
      return fitEmbed(thresholdEmbed(content, language));
    case 'metric':
    case 'metric_recovered':
      return fitEmbed(metricEmbed(content, language));
    case 'test':
      return fitEmbed(testEmbed(content, language));
  }
}
