/**
 * The lifecycle style's two embeds: the subject's message, showing where the incident or
 * maintenance stands now (edited on every alert), and the short reply that announces one alert.
 */
import type { AlertContent, IncidentAlertContent } from '../../contracts/alert-content';
import { type DiscordEmbed, fitEmbed, isoTimestamp } from '../../discord/presentation';
import { type Language, t } from '../../i18n';
import { buildAlertEmbed, componentFields, duration } from '../embeds';

const PLACEHOLDER = '—';
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The subject's message: the current state, whichever alert brought it. */
export function subjectEmbed(content: AlertContent, language: Language): DiscordEmbed {
  if (
    content.type === 'incident' ||
    content.type === 'incident_update' ||
    content.type === 'incident_resolved'
  )
    return incidentState(content, language);
  // a reminder leaves the maintenance as announced (and shows a window moved since)
  if (content.type === 'maintenance_reminder')
    return buildAlertEmbed({ ...content, type: 'maintenance' }, language);
  // a maintenance's alerts already show its stage and schedule (Discord timestamps) in full
  return buildAlertEmbed(content, language);
}

function incidentState(content: IncidentAlertContent, language: Language): DiscordEmbed {
  const resolved = content.type === 'incident_resolved' || content.resolvedAt !== null;
  const embed = buildAlertEmbed({ ...content, type: resolved ? 'incident_resolved' : 'incident' }, language);
  const title = oneLine(content.title) || PLACEHOLDER;
  const lasted =
    resolved && content.resolvedAt !== null
      ? Date.parse(content.resolvedAt) - Date.parse(content.startedAt)
      : Number.NaN;
  const updatedAt = content.latestUpdate ? isoTimestamp(content.latestUpdate.publishedAt) : null;
  const state: DiscordEmbed = {
    ...embed,
    title: resolved
      ? t(language, 'title.incident_resolved', { title })
      : t(language, 'title.incident.open', { title }),
    fields: [
      ...embed.fields,
      ...(Number.isFinite(lasted)
        ? [{ name: t(language, 'field.lasted'), value: duration(language, lasted), inline: true }]
        : []),
    ],
    ...(updatedAt ? { timestamp: updatedAt } : {}),
  };
  // while it is open, what is affected now (once resolved, the list is past)
  const affected = resolved ? [] : (content.components ?? []);
  return fitEmbed({ ...state, fields: [...state.fields, ...componentFields(state, affected, language)] });
}

/** The reply: what this alert says (its title and the update's text), without the state's fields. */
export function replyEmbed(content: AlertContent, language: Language): DiscordEmbed {
  return { ...buildAlertEmbed(content, language), fields: [] };
}
