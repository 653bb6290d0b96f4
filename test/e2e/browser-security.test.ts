import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempStudy, type TempStudy } from '../support/temp-study';
import { e2eSkipReason, launchChromium } from './support/chromium';
import { startServe, type ServeProcess } from './support/serve';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`browser-mode security tests skipped: ${skipReason}`);

/** A name that Chromium resolves to 127.0.0.1, as a DNS-rebinding attacker's domain would. */
const rebindingHost = 'rebind.example';

/** Another origin on this machine: any page, on another port of 127.0.0.1. */
async function startOtherOrigin(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>another origin</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Opens a WebSocket from the page and tells how it ended: 'open', or the close code. */
function socketOutcome(page: Page, url: string): Promise<string> {
  return page.evaluate(
    (target) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(target);
        socket.onopen = () => {
          socket.close();
          resolve('open');
        };
        socket.onclose = (event) => resolve(`closed ${event.code}`);
      }),
    url,
  );
}

describe.skipIf(skipReason !== null)('browser-mode security in Chromium', () => {
  let temp: TempStudy;
  let serve: ServeProcess;
  let other: { server: Server; origin: string };
  let browser: Browser;
  let context: BrowserContext;
  let api: string;

  beforeAll(async () => {
    temp = createTempStudy();
    serve = await startServe(temp.path);
    other = await startOtherOrigin();
    browser = await launchChromium([`--host-resolver-rules=MAP ${rebindingHost} 127.0.0.1`]);
    context = await browser.newContext();
    api = `ws://127.0.0.1:${serve.port}/api?token=${serve.token}`;
  });

  afterAll(async () => {
    await browser.close();
    await new Promise((resolve) => other.server.close(resolve));
    expect(await serve.stop()).toBe(0);
    temp.remove();
  });

  it('answers 401 without the token and with a wrong one', async () => {
    const page = await context.newPage();
    expect((await page.goto(`http://127.0.0.1:${serve.port}/`))?.status()).toBe(401);
    expect((await page.goto(`http://127.0.0.1:${serve.port}/?token=not-the-token`))?.status()).toBe(401);
    expect((await page.goto(`http://127.0.0.1:${serve.port}/assets/`))?.status()).toBe(401);
    expect(await socketOutcome(page, `ws://127.0.0.1:${serve.port}/api`)).toBe('closed 1006');
    await page.close();
  });

  it('keeps a page of another origin from calling the API, even with the token and the cookie', async () => {
    const app = await context.newPage();
    expect((await app.goto(serve.url))?.status()).toBe(200);
    const page = await context.newPage();
    await page.goto(other.origin);
    // What the server answered, which the page itself is not allowed to see.
    // Only requests to the app's server count: the other origin's own requests (favicon…) are noise.
    const appRequests = new Set<string>();
    const answers = new Map<string, number>();
    const statuses = (): number[] => [...answers].filter(([id]) => appRequests.has(id)).map(([, status]) => status);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (event) => {
      if (event.request.url.startsWith(`http://127.0.0.1:${serve.port}/`)) appRequests.add(event.requestId);
    });
    cdp.on('Network.responseReceivedExtraInfo', (event) => answers.set(event.requestId, event.statusCode));
    expect(await socketOutcome(page, api)).toBe('closed 1006');
    expect(await socketOutcome(page, `ws://127.0.0.1:${serve.port}/api`)).toBe('closed 1006');
    const read = (mode: 'cors' | 'no-cors', url: string): Promise<string> =>
      page.evaluate(
        async ([fetchMode, target]) => {
          try {
            const response = await fetch(target, { mode: fetchMode, credentials: 'include' });
            return `${response.type} ${response.status} ${await response.text()}`;
          } catch (error) {
            return `refused: ${String(error)}`;
          }
        },
        [mode, url] as const,
      );
    expect(await read('cors', `http://127.0.0.1:${serve.port}/?token=${serve.token}`)).toMatch(/^refused: TypeError/);
    expect(await read('no-cors', `http://127.0.0.1:${serve.port}/index.html`)).toMatch(/^refused: TypeError/);
    await expect.poll(statuses).toEqual([403, 403]);
    await Promise.all([page.close(), app.close()]);
  });

  it('refuses a forged Host (DNS rebinding), the right token notwithstanding', async () => {
    const page = await context.newPage();
    const response = await page.goto(`http://${rebindingHost}:${serve.port}/?token=${serve.token}`);
    expect(response?.status()).toBe(403);
    expect(await socketOutcome(page, `ws://${rebindingHost}:${serve.port}/api?token=${serve.token}`)).toBe(
      'closed 1006',
    );
    await page.close();
  });

  it('closes the connection on an oversize message and keeps serving', async () => {
    const page = await context.newPage();
    await page.goto(serve.url);
    const code = await page.evaluate(
      (url) =>
        new Promise<number>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => socket.send('x'.repeat((1 << 20) + 1));
          socket.onclose = (event) => resolve(event.code);
        }),
      `ws://127.0.0.1:${serve.port}/api`,
    );
    expect(code).toBe(1009);
    expect(await socketOutcome(page, `ws://127.0.0.1:${serve.port}/api`)).toBe('open');
    await page.close();
  });
});
