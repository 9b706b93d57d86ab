/**
 * Text helpers for Discord output (pure; no I/O). Lengths are counted in UTF-16 code units
 * (`String#length`), which is never less than the code-point count Discord's API checks, so a
 * string that fits by this measure also fits Discord's limits.
 */

export const ELLIPSIS = '…';

/** True when `text` holds a surrogate code unit without its partner (not well-formed UTF-16). */
export const hasLoneSurrogate = (text: string): boolean =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/** Discord's inline tokens that must stay whole: timestamps, mentions, custom emoji. */
const ANGLE_TOKEN = /<(?:t:-?\d+(?::[tTdDfFRsS])?|@[!&]?\d+|#\d+|\/[\w -]+:\d+|a?:\w+:\d+)>/g;
/** Markdown masked links: kept whole when that costs at most half of the kept text. */
const MASKED_LINK = /\[[^[\]\n]*\]\([^()\s]*\)/g;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Moves `cut` left so that `text.slice(0, cut)` splits no surrogate pair and no token. */
function safeCut(text: string, cut: number, budget: number): number {
  let result = cut;
  for (const match of text.matchAll(ANGLE_TOKEN)) {
    const start = match.index;
    if (start >= result) break;
    if (start + match[0].length > result) {
      result = start;
      break;
    }
  }
  for (const match of text.matchAll(MASKED_LINK)) {
    const start = match.index;
    if (start >= result) break;
    if (start + match[0].length > result && start >= budget / 2) {
      result = start;
      break;
    }
  }
  if (result > 0 && isHighSurrogate(text.charCodeAt(result - 1))) result -= 1;
  return result;
}

/**
 * Shortens `text` to at most `max` UTF-16 code units, ending in "…" when anything was cut. The cut
 * never splits a surrogate pair or a Discord `<t:…>`/mention token, prefers a nearby whitespace
 * boundary, and drops a dangling zero-width joiner.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  const budget = max - ELLIPSIS.length;
  let cut = safeCut(text, budget, budget);
  // Prefer ending at whitespace when one is near (within a quarter of the budget, at most 64).
  const floor = cut - Math.min(64, Math.floor(budget / 4));
  for (let i = cut; i > floor && i > 0; i--) {
    if (/\s/.test(text.charAt(i))) {
      const candidate = safeCut(text, i, budget);
      if (candidate > floor) cut = candidate;
      break;
    }
  }
  const kept = text
    .slice(0, cut)
    .replace(/\u200d+$/, '')
    .trimEnd();
  return kept + ELLIPSIS;
}

/**
 * Keeps whole lines while they fit in `max`; when some do not, ends with `more(n)` (the number of
 * lines left out). A single line that is too long on its own is truncated.
 */
export function fitLines(lines: readonly string[], max: number, more: (omitted: number) => string): string {
  const joined = lines.join('\n');
  if (joined.length <= max) return joined;
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const note = more(lines.length - i - 1);
    const withLine = used + (kept.length > 0 ? 1 : 0) + line.length;
    const remaining = lines.length - i - 1;
    // The line fits together with a note for whatever is still to come.
    if (withLine + (remaining > 0 ? 1 + note.length : 0) <= max) {
      kept.push(line);
      used = withLine;
      continue;
    }
    const omitted = lines.length - i;
    const finalNote = more(omitted);
    if (kept.length === 0) {
      // Not even the first line fits: show part of it (and a note for the others), or only the note.
      if (remaining === 0) return truncate(line, max);
      const room = max - 1 - note.length;
      if (room >= 16) return `${truncate(line, room)}\n${note}`;
      return finalNote.length <= max ? finalNote : truncate(line, max);
    }
    const candidate = `${kept.join('\n')}\n${finalNote}`;
    return candidate.length <= max ? candidate : truncate(kept.join('\n'), max);
  }
  return kept.join('\n');
}

/** Escapes the characters that Discord markdown would interpret in a plain name. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]]/g, (c) => `\\${c}`);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? parseInt(entity.slice(2), 16)
          : parseInt(entity.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      if (!valid) return '';
      return code === 0xa0 ? ' ' : String.fromCodePoint(code);
    }
    return Object.hasOwn(NAMED_ENTITIES, entity) ? (NAMED_ENTITIES[entity] ?? whole) : whole;
  });
}

/** Tags whose content is not text at all. */
const DROP_CONTENT = new Set(['script', 'style', 'head', 'title', 'template', 'iframe', 'object', 'svg']);

const INLINE_MARKS: Readonly<Record<string, string>> = {
  b: '**',
  strong: '**',
  i: '*',
  em: '*',
  u: '__',
  ins: '__',
  s: '~~',
  del: '~~',
  strike: '~~',
  code: '`',
};

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>/y;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

function safeHref(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const href = decodeEntities(raw).trim();
  if (!/^https?:\/\//i.test(href) || href.length > 2048) return null;
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // Parentheses and spaces would end a markdown link early.
    return url.href.replace(
      /[()\s]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
  } catch {
    return null;
  }
}

/**
 * Converts a Statuspage body (plain text mixed with minimal HTML, `\r\n`, markdown) to Discord
 * markdown: known formatting tags become markdown, links become masked links (http/https only),
 * every other tag is removed (never passed through raw), entities are decoded, and runs of blank
 * lines collapse to one. One linear pass; unclosed tags and comments cannot cause backtracking.
 */
export function htmlToDiscordMarkdown(body: string): string {
  const input = body.replace(/\r\n?/g, '\n');
  let out = '';
  const links: { href: string | null; start: number }[] = [];
  let text = '';
  const flush = () => {
    out += decodeEntities(text);
    text = '';
  };
  const breakLine = (count: 1 | 2) => {
    flush();
    out = out.replace(/[ \t]+$/, '');
    const trailing = /\n*$/.exec(out)?.[0].length ?? 0;
    if (out.length > 0 && trailing < count) out += '\n'.repeat(count - trailing);
  };
  const lower = input.toLowerCase();
  let i = 0;
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt < 0) {
      text += input.slice(i);
      break;
    }
    text += input.slice(i, lt);
    i = lt;
    if (input.startsWith('<!--', i)) {
      const end = input.indexOf('-->', i + 4);
      i = end < 0 ? input.length : end + 3;
      continue;
    }
    TAG.lastIndex = i;
    const match = TAG.exec(input);
    if (!match) {
      text += '<';
      i += 1;
      continue;
    }
    i = TAG.lastIndex;
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    const attributes = match[3] ?? '';
    if (!closing && DROP_CONTENT.has(name) && !attributes.trimEnd().endsWith('/')) {
      const end = lower.indexOf(`</${name}`, i);
      const close = end < 0 ? -1 : input.indexOf('>', end);
      i = close < 0 ? input.length : close + 1;
      continue;
    }
    const mark = INLINE_MARKS[name];
    if (mark !== undefined) {
      flush();
      out += mark;
      continue;
    }
    switch (name) {
      case 'br':
        flush();
        out = out.replace(/[ \t]+$/, '') + '\n';
        break;
      case 'p':
      case 'hr':
        breakLine(2);
        break;
      case 'div':
      case 'ul':
      case 'ol':
      case 'table':
      case 'blockquote':
        breakLine(1);
        break;
      case 'tr':
      case 'dt':
      case 'dd':
        breakLine(1);
        break;
      case 'li':
        if (!closing) {
          breakLine(1);
          out += '- ';
        }
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        if (closing) {
          flush();
          out += '**';
          breakLine(1);
        } else {
          breakLine(2);
          out += '**';
        }
        break;
      case 'pre':
        breakLine(1);
        out += '```';
        breakLine(1);
        break;
      case 'td':
      case 'th':
        if (closing) {
          flush();
          out += ' ';
        }
        break;
      case 'a':
        flush();
        if (closing) {
          const link = links.pop();
          if (link) {
            const label = out.slice(link.start).replace(/\s+/g, ' ').trim();
            out = out.slice(0, link.start);
            if (link.href === null) out += label;
            else if (label === '' || label === link.href) out += link.href;
            else out += `[${label.replace(/[[\]]/g, (c) => `\\${c}`)}](${link.href})`;
          }
        } else {
          links.push({
            href: safeHref(
              HREF.exec(attributes)
                ?.slice(1)
                .find((g) => g !== undefined),
            ),
            start: out.length,
          });
        }
        break;
      default:
        // Unknown or unsupported tag (img, span, font, …): removed, its text (if any) kept.
        break;
    }
  }
  flush();
  return (
    out
      .replace(/\r\n?/g, '\n')
      .replace(/[\u00a0\t]/g, ' ')
      // eslint-disable-next-line no-control-regex -- stray control characters are removed on purpose
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[ ]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
