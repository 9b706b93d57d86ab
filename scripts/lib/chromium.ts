/**
 * Headless Chromium (Debian's `chromium` package, or $CHROMIUM) driven through the DevTools
 * protocol, for the scripts that take pictures of pages: a single-page app (the Temporal UI) needs
 * time to render, which `chromium --screenshot` does not give it. `withPage` starts Chromium with a
 * fresh profile, hands `work` a `send(method, params)` for the open page, and always cleans up.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type DevtoolsSend = (
  method: string,
  params?: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withPage<T>(
  viewport: { width: number; height: number; deviceScaleFactor?: number },
  work: (send: DevtoolsSend) => Promise<T>,
): Promise<T> {
  const port = 9222 + Math.floor(Math.random() * 1000);
  const profile = mkdtempSync(join(tmpdir(), 'vrcpulse-chromium-'));
  const chromium = spawn(
    process.env.CHROMIUM ?? 'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      `--window-size=${viewport.width},${viewport.height}`,
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
    await new Promise((ready, fail) => {
      socket.addEventListener('open', ready);
      socket.addEventListener('error', fail);
    });
    const waiting = new Map<number, (result: Record<string, unknown>) => void>();
    socket.addEventListener('message', (event: MessageEvent) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown> };
      if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? {});
    });
    let nextId = 0;
    const send: DevtoolsSend = (method, params = {}) =>
      new Promise((done) => {
        const id = ++nextId;
        waiting.set(id, done);
        socket.send(JSON.stringify({ id, method, params }));
      });
    await send('Page.enable');
    await send('Emulation.setDeviceMetricsOverride', {
      width: viewport.width,
      height: viewport.height,
      deviceScaleFactor: viewport.deviceScaleFactor ?? 1,
      mobile: false,
    });
    try {
      return await work(send);
    } finally {
      socket.close();
    }
  } finally {
    chromium.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}
