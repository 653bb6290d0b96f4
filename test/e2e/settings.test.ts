import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudy } from '../../src-main/store';
import { createTempStudy, type TempStudy } from '../support/temp-study';
import { e2eSkipReason, launchChromium } from './support/chromium';
import { startServe, type ServeProcess } from './support/serve';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`settings end-to-end tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('settings in Chromium', () => {
  let temp: TempStudy;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    temp = createTempStudy();
    serve = await startServe(temp.path);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    await page.goto(serve.url);
  });

  afterAll(async () => {
    await browser.close();
    expect(await serve.stop()).toBe(0);
    temp.remove();
  });

  it('lists the execution providers, saves a theme and a grid, and keeps them across a reload', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const provider = page.getByLabel('Execution provider');
    await provider.waitFor();
    expect(await provider.locator('option').allTextContents()).toContain('cpu');
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByLabel('Grid').selectOption('grey');
    await page.getByLabel('Threads').fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Threads: a whole number from 1 to 256/);

    await page.getByLabel('Threads').fill('1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved 3 settings.').waitFor();
    const html = page.locator('html');
    const root = async () => ({
      theme: await html.getAttribute('data-theme'),
      grid: await html.getAttribute('data-grid'),
    });
    await expect(root()).resolves.toMatchObject({ theme: 'dark', grid: 'grey' });

    await page.reload();
    await page.getByLabel('Theme').waitFor();
    await expect(page.getByLabel('Theme').inputValue()).resolves.toBe('dark');
    await expect(root()).resolves.toMatchObject({ theme: 'dark', grid: 'grey' });
    // test/e2e has no DOM types: the callback sees the page's globals through this much of them.
    type Styles = { getComputedStyle(element: unknown): { getPropertyValue(name: string): string } };
    const background = await html.evaluate((element) =>
      (globalThis as unknown as Styles).getComputedStyle(element).getPropertyValue('--bg'),
    );
    expect(background.trim()).toBe('#16181b');

    const study = openStudy(temp.path);
    try {
      const audited = study.db.prepare("SELECT details FROM audit_log WHERE action = 'settings-update'").pluck().all();
      expect(audited).toHaveLength(1);
    } finally {
      study.close();
    }
  });
});
