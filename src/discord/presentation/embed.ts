/**
 * The embed kit (pure): Discord's embed object as plain API JSON, its limits, VRCPulse's colours and
 * status emoji, and `fitEmbed`, which makes any draft valid. Every embed the bot sends (alerts,
 * /status, replies, welcome) is built from these.
 */
import { isoTimestamp, PLACEHOLDER, safeUrl } from './format';
import { truncate } from './text';

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** The subset of Discord's embed object that VRCPulse uses (API v10, type "rich"). */
export interface DiscordEmbed {
  title: string;
  description: string;
  url?: string;
  color: number;
  fields: DiscordEmbedField[];
  footer: { text: string };
  /** ISO-8601 UTC; absent only when the content carries no valid time at all. */
  timestamp?: string;
}

/** Discord's embed limits (UTF-16 code units here, which is never less than Discord's count). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Title, description, field names and values, and footer text together. */
  total: 6000,
} as const;

export const EMBED_COLORS = {
  operational: 0x57f287,
  minor: 0xfee75c,
  major: 0xf0b132,
  critical: 0xed4245,
  maintenance: 0x5865f2,
  info: 0x00b0f4,
} as const;

export const COMPONENT_STATUS_EMOJI: Readonly<Record<string, string>> = {
  operational: '🟢',
  degraded_performance: '🟡',
  partial_outage: '🟠',
  major_outage: '🔴',
  under_maintenance: '🔵',
  unknown: '⚪',
};

const INDICATOR_EMOJI: Readonly<Record<string, string>> = {
  none: '🟢',
  minor: '🟡',
  major: '🟠',
  critical: '🔴',
  maintenance: '🔵',
};

const lookup = (table: Readonly<Record<string, string>>, raw: string): string | undefined => {
  const key = raw.trim().toLowerCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
};

/** The emoji of an overall indicator (none, minor, major, critical, maintenance); ⚪ for anything unknown. */
export const indicatorEmoji = (indicator: string): string => lookup(INDICATOR_EMOJI, indicator) ?? '⚪';

/** The /status emoji of a component status; ⚪ for anything unknown. */
export const componentStatusEmoji = (status: string): string =>
  lookup(COMPONENT_STATUS_EMOJI, status) ?? COMPONENT_STATUS_EMOJI.unknown ?? '⚪';

const INDICATOR_COLORS: Readonly<Record<string, number>> = {
  none: EMBED_COLORS.operational,
  operational: EMBED_COLORS.operational,
  minor: EMBED_COLORS.minor,
  major: EMBED_COLORS.major,
  critical: EMBED_COLORS.critical,
  maintenance: EMBED_COLORS.maintenance,
};

/** Colour of a Statuspage indicator or impact; info blue for anything else. */
export const severityColor = (indicatorOrImpact: string): number => {
  const key = indicatorOrImpact.trim().toLowerCase();
  return Object.hasOwn(INDICATOR_COLORS, key)
    ? (INDICATOR_COLORS[key] ?? EMBED_COLORS.info)
    : EMBED_COLORS.info;
};

// ---------------------------------------------------------------------------------------------
// Length and validity

/** Characters Discord counts towards the 6,000 total: title, description, fields, footer. */
export function embedLength(embed: DiscordEmbed): number {
  let length = embed.title.length + embed.description.length + embed.footer.text.length;
  for (const field of embed.fields) length += field.name.length + field.value.length;
  return length;
}

const nonEmpty = (text: string) => (text.trim().length === 0 ? PLACEHOLDER : text);
/** Below this, the description is cut only after fields were shortened or dropped. */
const MIN_DESCRIPTION = 512;
/** A field value is shortened rather than dropped while this much of it can stay. */
export const MIN_FIELD_VALUE = 64;

/**
 * Makes any draft valid: each part is cut to its own limit (empty parts become "—"), fields beyond
 * 25 are dropped, and while the total exceeds 6,000 the description gives way first (down to 512),
 * then fields from the last one backwards (builders put the key facts first), then description,
 * footer and title. Cuts use `truncate` (ellipsis, no split surrogate pair or `<t:…>` token).
 */
export function fitEmbed(draft: DiscordEmbed): DiscordEmbed {
  const embed: DiscordEmbed = {
    title: nonEmpty(truncate(draft.title, EMBED_LIMITS.title)),
    description: nonEmpty(truncate(draft.description, EMBED_LIMITS.description)),
    color:
      Number.isInteger(draft.color) && draft.color >= 0 && draft.color <= 0xffffff
        ? draft.color
        : EMBED_COLORS.info,
    fields: draft.fields.slice(0, EMBED_LIMITS.fields).map((field) => ({
      name: nonEmpty(truncate(field.name, EMBED_LIMITS.fieldName)),
      value: nonEmpty(truncate(field.value, EMBED_LIMITS.fieldValue)),
      ...(field.inline === undefined ? {} : { inline: field.inline }),
    })),
    footer: { text: nonEmpty(truncate(draft.footer.text, EMBED_LIMITS.footerText)) },
  };
  const url = draft.url === undefined ? null : safeUrl(draft.url);
  if (url !== null) embed.url = url;
  const timestamp = draft.timestamp === undefined ? null : isoTimestamp(draft.timestamp);
  if (timestamp !== null) embed.timestamp = timestamp;

  const excess = () => embedLength(embed) - EMBED_LIMITS.total;
  const shorten = (text: string, floor: number) =>
    nonEmpty(truncate(text, Math.max(floor, text.length - excess())));

  if (excess() > 0)
    embed.description = shorten(embed.description, Math.min(MIN_DESCRIPTION, embed.description.length));
  while (excess() > 0 && embed.fields.length > 0) {
    const last = embed.fields[embed.fields.length - 1];
    if (last !== undefined && last.value.length - excess() >= MIN_FIELD_VALUE) {
      last.value = shorten(last.value, MIN_FIELD_VALUE);
    } else {
      embed.fields.pop();
    }
  }
  if (excess() > 0) embed.description = shorten(embed.description, 1);
  if (excess() > 0) embed.footer.text = shorten(embed.footer.text, 1);
  if (excess() > 0) embed.title = shorten(embed.title, 1);
  return embed;
}
