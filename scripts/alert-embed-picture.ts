/**
 * The README's picture of an alert (docs/images/alert-embed.png). It builds a realistic incident
 * alert with the real code (`truncateAlertContent` and `buildAlertEmbed`, the same calls a fan-out
 * makes), draws that embed JSON as an HTML page styled like Discord's dark theme, and screenshots the
 * message with headless Chromium (Debian's `chromium`) through the DevTools protocol.
 *
 *   npx tsc -p tsconfig.json --outDir dist/all && \
 *     node dist/all/scripts/alert-embed-picture.js docs/images/alert-embed.png
 *
 * `--language ko` draws the Korean embed; `--html page.html` also keeps the page. Discord shows
 * `<t:…>` times in the reader's time zone; the picture uses UTC and a fixed "now".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { IncidentAlertContent } from '../src/contracts/alert-content';
import { truncateAlertContent } from '../src/alerts/truncate-content';
import { buildAlertEmbed } from '../src/alerts/embeds';
import type { DiscordEmbed } from '../src/discord/presentation';
import { isLanguage, type Language } from '../src/i18n';
import { sleep, withPage } from './lib/chromium';

/** The moment the picture is taken: a few minutes after the incident's first update. */
const NOW = Date.parse('2026-11-25T22:14:00Z');

/** What `loadAlertContent` reads for a new incident (src/alerts/load-content.ts), as plain JSON. */
const INCIDENT: IncidentAlertContent = {
  type: 'incident',
  referenceId: '9cn3s26glx4d',
  incidentId: '9cn3s26glx4d',
  title: 'Login failures and elevated API errors',
  status: 'investigating',
  impact: 'major',
  startedAt: '2026-11-25T21:52:00.000Z',
  resolvedAt: null,
  url: 'https://status.vrchat.com/incidents/9cn3s26glx4d',
  latestUpdate: {
    status: 'investigating',
    body:
      'We are investigating reports of users being <strong>unable to log in</strong> and elevated ' +
      'error rates on the API. Some users may also fail to join instances.<br /><br />' +
      'We will post an update as soon as we know more.',
    publishedAt: '2026-11-25T22:07:31.000Z',
  },
};

// ---------------------------------------------------------------------------------------------
// Discord's rendering, as much of it as an alert embed uses

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const dateFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  month: 'long',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const shortFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  month: '2-digit',
  day: '2-digit',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' });

function relative(ms: number): string {
  const minutes = Math.round((NOW - ms) / 60_000);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const span =
    Math.abs(minutes) < 60
      ? unit(Math.abs(minutes), 'minute')
      : unit(Math.round(Math.abs(minutes) / 60), 'hour');
  return minutes >= 0 ? `${span} ago` : `in ${span}`;
}

/** `<t:UNIX:style>` as a Discord client shows it (styles f, F, R, t, d, D). */
function timestampToken(seconds: number, style: string): string {
  const ms = seconds * 1000;
  const text =
    style === 'R'
      ? relative(ms)
      : style === 't'
        ? timeFormat.format(ms)
        : style === 'd'
          ? shortFormat.format(ms).split(',')[0]!
          : dateFormat.format(ms).replace(' at ', ' ');
  return `<span class="timestamp">${escapeHtml(text)}</span>`;
}

/** Discord markdown to HTML: escapes, `<t:…>`, links, bold, underline, italics, line breaks. */
function markdown(text: string): string {
  const escapes: string[] = [];
  let html = text.replace(/\\([\\*_~`|>[\]()#-])/g, (_, c: string) => `\uE000${escapes.push(c) - 1}\uE000`);
  html = escapeHtml(html);
  html = html.replace(/&lt;t:(-?\d+)(?::([tTdDfFR]))?&gt;/g, (_, s: string, style?: string) =>
    timestampToken(Number(s), style ?? 'f'),
  );
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
  html = html.replace(/\*\*(.+?)\*\*/gs, '<strong>$1</strong>');
  html = html.replace(/__(.+?)__/gs, '<u>$1</u>');
  html = html.replace(/(^|[^\w*])[*_](?![\s*_])(.+?)[*_](?!\w)/gs, '$1<em>$2</em>');
  html = html.replace(/^&gt; (.*)$/gm, '<span class="quote">$1</span>');
  html = html.replace(/\n/g, '<br>');
  return html.replace(/\uE000(\d+)\uE000/g, (_, i: string) => escapeHtml(escapes[Number(i)]!));
}

/** Inline fields sit up to three in a row; a field that is not inline takes a row of its own. */
function fieldRows(embed: DiscordEmbed): string {
  const rows: string[] = [];
  let row: string[] = [];
  const flush = () => {
    if (row.length > 0) rows.push(`<div class="row">${row.join('')}</div>`);
    row = [];
  };
  for (const field of embed.fields) {
    if (!field.inline || row.length === 3) flush();
    row.push(
      `<div class="field"><div class="name">${markdown(field.name)}</div>` +
        `<div class="value">${markdown(field.value)}</div></div>`,
    );
    if (!field.inline) flush();
  }
  flush();
  return rows.join('');
}

function page(embed: DiscordEmbed): string {
  const color = `#${embed.color.toString(16).padStart(6, '0')}`;
  const title = markdown(embed.title);
  const footerTime = embed.timestamp
    ? ` • ${escapeHtml(shortFormat.format(Date.parse(embed.timestamp)).replace(',', ''))}`
    : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
  body { margin: 0; background: #313338; font-family: 'Liberation Sans', 'DejaVu Sans', 'Noto Color Emoji', sans-serif; }
  .message { display: flex; gap: 16px; padding: 18px 24px 20px 16px; width: 600px; }
  .avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; background: #5865f2; color: #fff;
    font: bold 15px/40px 'Liberation Sans', sans-serif; text-align: center; }
  .header { display: flex; align-items: baseline; gap: 6px; margin-bottom: 4px; }
  .author { color: #f2f3f5; font-weight: 600; font-size: 16px; }
  .tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 700; padding: 1px 4px; border-radius: 3px;
    position: relative; top: -2px; }
  .sent { color: #949ba4; font-size: 12px; }
  .embed { background: #2b2d31; border-left: 4px solid ${color}; border-radius: 4px; padding: 10px 16px 14px 12px;
    max-width: 516px; box-sizing: border-box; color: #dbdee1; font-size: 14px; line-height: 1.375; }
  .title { font-weight: 700; font-size: 16px; margin: 4px 0 8px; }
  .title a { color: #00a8fc; text-decoration: none; }
  .description { margin-bottom: 8px; }
  .row { display: flex; gap: 8px; margin-top: 8px; }
  .field { flex: 1; min-width: 0; }
  .name { font-weight: 700; color: #f2f3f5; margin-bottom: 2px; font-size: 14px; }
  .timestamp { background: rgba(78, 80, 88, 0.48); border-radius: 3px; padding: 0 2px; }
  .quote { display: block; border-left: 4px solid #4e5058; padding-left: 10px; }
  .footer { margin-top: 10px; color: #b5bac1; font-size: 12px; }
  a { color: #00a8fc; text-decoration: none; }
</style></head><body>
<div class="message">
  <div class="avatar">VP</div>
  <div>
    <div class="header"><span class="author">VRCPulse</span><span class="tag">APP</span>
      <span class="sent">Today at ${escapeHtml(timeFormat.format(NOW))}</span></div>
    <div class="embed">
      <div class="title">${embed.url ? `<a href="${escapeHtml(embed.url)}">${title}</a>` : title}</div>
      <div class="description">${markdown(embed.description)}</div>
      ${fieldRows(embed)}
      <div class="footer">${escapeHtml(embed.footer.text)}${footerTime}</div>
    </div>
  </div>
</div>
</body></html>`;
}

/** Opens the page at 700 px wide and captures just the message (the embed and its avatar row). */
async function screenshot(htmlPath: string, out: string): Promise<void> {
  await withPage({ width: 700, height: 1000, deviceScaleFactor: 1.5 }, async (send) => {
    await send('Page.navigate', { url: `file://${resolve(htmlPath)}` });
    await sleep(1500);
    const measured = await send('Runtime.evaluate', {
      expression:
        'JSON.stringify((({x, y, width, height}) => ({x, y, width, height}))(document.querySelector(".message").getBoundingClientRect()))',
      returnByValue: true,
    });
    const box = JSON.parse(String((measured.result as { value: string }).value)) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    const shot = await send('Page.captureScreenshot', { format: 'png', clip: { ...box, scale: 1 } });
    writeFileSync(out, Buffer.from(String(shot.data), 'base64'));
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { language: { type: 'string', default: 'en' }, html: { type: 'string' } },
  });
  const [out] = positionals;
  const language = values.language;
  if (!out || !isLanguage(language)) {
    throw new Error('usage: alert-embed-picture <out.png> [--language en|ko] [--html page.html]');
  }
  const embed = buildAlertEmbed(truncateAlertContent(INCIDENT), language as Language);
  const folder = mkdtempSync(join(tmpdir(), 'vrcpulse-embed-'));
  const htmlPath = values.html ?? join(folder, 'embed.html');
  try {
    writeFileSync(htmlPath, page(embed));
    await screenshot(htmlPath, out);
    console.log(JSON.stringify(embed, null, 2));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
