/**
 * The test oracle for embeds: every way an embed breaks Discord's rules (empty when it is valid).
 * Kept out of src/: production code makes embeds valid by construction (`fitEmbed`); the tests
 * check that it did.
 */
import {
  type DiscordEmbed,
  EMBED_LIMITS,
  embedLength,
  hasLoneSurrogate,
  isoTimestamp,
  safeUrl,
} from '../../../src/discord/presentation';

const BROKEN_TIMESTAMP = /<t:(?!-?\d+(?::[a-zA-Z])?>)/;

/** Every way `embed` breaks Discord's rules (empty when it is valid). */
export function embedProblems(embed: DiscordEmbed): string[] {
  const problems: string[] = [];
  const check = (what: string, text: string, max: number, required: boolean) => {
    if (text.length > max) problems.push(`${what} is ${text.length} > ${max}`);
    if (required && text.trim().length === 0) problems.push(`${what} is empty`);
    if (hasLoneSurrogate(text)) problems.push(`${what} splits a surrogate pair`);
    if (BROKEN_TIMESTAMP.test(text)) problems.push(`${what} has a cut <t:…> token`);
  };
  check('title', embed.title, EMBED_LIMITS.title, true);
  check('description', embed.description, EMBED_LIMITS.description, true);
  check('footer', embed.footer.text, EMBED_LIMITS.footerText, true);
  if (embed.fields.length > EMBED_LIMITS.fields) {
    problems.push(`${embed.fields.length} fields > ${EMBED_LIMITS.fields}`);
  }
  embed.fields.forEach((field, i) => {
    check(`fields[${i}].name`, field.name, EMBED_LIMITS.fieldName, true);
    check(`fields[${i}].value`, field.value, EMBED_LIMITS.fieldValue, true);
  });
  const total = embedLength(embed);
  if (total > EMBED_LIMITS.total) problems.push(`total length ${total} > ${EMBED_LIMITS.total}`);
  if (!Number.isInteger(embed.color) || embed.color < 0 || embed.color > 0xffffff) {
    problems.push(`color ${embed.color} is not a 24-bit integer`);
  }
  if (embed.url !== undefined && safeUrl(embed.url) !== embed.url) problems.push(`url is not an http(s) URL`);
  if (embed.timestamp !== undefined && isoTimestamp(embed.timestamp) !== embed.timestamp) {
    problems.push(`timestamp is not ISO-8601 UTC`);
  }
  return problems;
}
