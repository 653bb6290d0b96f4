import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { createTempDemoStudy, type DemoStudy } from './demo-study';
import { startServe, type ServeProcess } from './serve';

/** The real `salience serve` on a fresh demo study, and a Chromium page on it at 1280×800. */
export interface DemoApp {
  demo: DemoStudy;
  page: Page;
  /** Console errors and warnings, and uncaught exceptions, of the page. */
  problems: string[];
  /** Closes the browser, stops the server (resolving with its exit code) and removes the study. */
  close(): Promise<number | null>;
}

export async function openDemoApp(): Promise<DemoApp> {
  const demo = await createTempDemoStudy();
  const serve: ServeProcess = await startServe(demo.path);
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(serve.url);
  return {
    demo,
    page,
    problems,
    async close() {
      await browser.close();
      const code = await serve.stop();
      demo.remove();
      return code;
    },
  };
}

/** Waits until every shown lead of the open ECG record is drawn from its own samples. */
export async function waitForTrace(page: Page): Promise<void> {
  await page.locator('[aria-label="ECG lanes"][data-complete="true"]').waitFor();
}
