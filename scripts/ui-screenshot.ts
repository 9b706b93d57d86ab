/**
 * Screenshots of the Temporal Web UI (a single-page app, so `chromium --screenshot` catches it before
 * it has rendered): starts headless Chromium (Debian's `chromium` package) with the DevTools protocol,
 * opens the page at 1400x900, waits, optionally clicks a button or tab by its text, and saves a PNG.
 *
 *   node dist/ui-demo/scripts/ui-screenshot.js <out.png> <url> [--click "Run Query"] [--wait 8000]
 *
 * Compiled together with scripts/ui-demo.ts (see there); docs/operations.md lists the pages.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { click: { type: 'string' }, wait: { type: 'string', default: '8000' } },
  });
  const [out, url] = positionals;
  if (!out || !url) throw new Error('usage: ui-screenshot <out.png> <url> [--click TEXT] [--wait MS]');
  const port = 9222 + Math.floor(Math.random() * 1000);
  const profile = mkdtempSync(join(tmpdir(), 'vrcpulse-chromium-'));
  const chromium = spawn(
    process.env.CHROMIUM ?? 'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--window-size=1400,900',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  try {
    let target: { type: string; webSocketDebuggerUrl: string } | undefined;
    for (let i = 0; i < 100 && !target; i++) {
      const list = await fetch(`http://127.0.0.1:${port}/json/list`)
        .then((r) => r.json() as Promise<{ type: string; webSocketDebuggerUrl: string }[]>)
        .catch(() => []);
      target = list.find((t) => t.type === 'page');
      if (!target) await sleep(100);
    }
    if (!target) throw new Error('chromium did not open its DevTools port');
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', reject);
    });
    const waiting = new Map<number, (result: Record<string, unknown>) => void>();
    socket.addEventListener('message', (event: MessageEvent) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown> };
      if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? {});
    });
    let nextId = 0;
    const send = (method: string, params: Record<string, unknown> = {}) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const id = ++nextId;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      });

    await send('Page.enable');
    await send('Emulation.setDeviceMetricsOverride', {
      width: 1400,
      height: 900,
      deviceScaleFactor: 1,
      mobile: false,
    });
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
    socket.close();
  } finally {
    chromium.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
