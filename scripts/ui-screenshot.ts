/**
 * Screenshots of the Temporal Web UI (a single-page app, so `chromium --screenshot` catches it before
 * it has rendered): starts headless Chromium (Debian's `chromium` package) with the DevTools protocol,
 * opens the page at 1400x900, waits, optionally clicks a button or tab by its text, and saves a PNG.
 *
 *   node dist/ui-demo/scripts/ui-screenshot.js <out.png> <url> [--click "Run Query"] [--wait 8000]
 *
 * Compiled together with scripts/ui-demo.ts (see there); docs/operations.md lists the pages.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sleep, withPage } from './lib/chromium';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { click: { type: 'string' }, wait: { type: 'string', default: '8000' } },
  });
  const [out, url] = positionals;
  if (!out || !url) throw new Error('usage: ui-screenshot <out.png> <url> [--click TEXT] [--wait MS]');
  await withPage({ width: 1400, height: 900 }, async (send) => {
    await send('Page.navigate', { url });
    await sleep(Number(values.wait));
    if (values.click) {
      const text = JSON.stringify(values.click);
      await send('Runtime.evaluate', {
        expression: `[...document.querySelectorAll('a,button')].find((e) => e.textContent.trim() === ${text})?.click()`,
      });
      await sleep(2_500);
    }
    const shot = await send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(out, Buffer.from(String(shot.data), 'base64'));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
