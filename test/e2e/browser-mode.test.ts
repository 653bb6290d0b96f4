import ort from 'onnxruntime-node';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempStudy, sampleRecords, type TempStudy } from '../support/temp-study';
import { e2eSkipReason, launchChromium } from './support/chromium';
import { startServe, type ServeProcess } from './support/serve';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`browser-mode end-to-end tests skipped: ${skipReason}`);

const resultsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const docsDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

describe.skipIf(skipReason !== null)('browser mode in Chromium', () => {
  let temp: TempStudy;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const pageProblems: string[] = [];
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    temp = createTempStudy();
    serve = await startServe(temp.path);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') pageProblems.push(message.text());
    });
    page.on('pageerror', (error) => pageProblems.push(error.message));
    page.on('request', (req) => {
      if (
        !req.url().startsWith(`http://127.0.0.1:${serve.port}/`) &&
        !req.url().startsWith(`ws://127.0.0.1:${serve.port}/`)
      ) {
        outsideRequests.push(req.url());
      }
    });
    await page.goto(serve.url);
  });

  afterAll(async () => {
    await browser.close();
    expect(await serve.stop()).toBe(0);
    temp.remove();
  });

  it('loads the app with the token and lists the study’s records', async () => {
    await expect(page.title()).resolves.toBe('Salience Workbench');
    const rows = page.getByRole('table', { name: 'Records' }).getByRole('rowheader');
    await rows.first().waitFor();
    expect(await rows.allTextContents()).toEqual(sampleRecords.map((r) => r.name).sort());
    await expect(page.getByText(`Study: study`).textContent()).resolves.toBe('Study: study');
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}records.png` });
    if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(`${resultsDir}records.png`, `${docsDir}records.png`);
  });

  it('filters the records through the API', async () => {
    await page.getByRole('searchbox', { name: 'Filter records' }).fill('mimic');
    const rows = page.getByRole('table', { name: 'Records' }).getByRole('rowheader');
    await expect.poll(() => rows.allTextContents()).toEqual(['stay-200001']);
    await page.getByRole('searchbox', { name: 'Filter records' }).fill('');
    await expect.poll(() => rows.count()).toBe(sampleRecords.length);
  });

  it('shows ONNX Runtime’s version and providers in the About panel', async () => {
    await page.getByRole('button', { name: 'About' }).click();
    const dialog = page.getByRole('dialog', { name: 'About Salience Workbench' });
    await expect(dialog.getByTestId('about-onnxruntime').textContent()).resolves.toBe(ort.env.versions.node);
    await expect(dialog.getByTestId('about-shell').textContent()).resolves.toBe('browser mode');
    await expect(dialog.getByText('cpu', { exact: true }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${resultsDir}about.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('keeps working after a reload, with the token now in its cookie', async () => {
    await page.reload();
    await page.getByRole('table', { name: 'Records' }).waitFor();
  });

  it('made no request outside the server and hit no CSP or script error', () => {
    expect(outsideRequests).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
});
