import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eSkipReason } from './support/chromium';
import { openDemoApp, type DemoApp } from './support/demo-app';
import { saveScreenshot } from './support/screenshots';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`readability end-to-end tests skipped: ${skipReason}`);

/** The controls a keyboard or screen-reader user operates: each must have a name. */
const CONTROL_ROLES = [
  'button',
  'textbox',
  'searchbox',
  'combobox',
  'checkbox',
  'slider',
  'spinbutton',
  'radio',
  'link',
];

/** Lines of the page's accessibility tree that are controls without a name ("- button", "- combobox:"). */
async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  const unnamed = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})(\\s*\\[[^\\]]*\\])*\\s*(:.*)?$`);
  return tree.split('\n').filter((line) => unnamed.test(line));
}

/** Whether the page is wider than the window (a view that needs a horizontal scroll to be read). */
function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
    return root.documentElement.scrollWidth > (globalThis as unknown as { innerWidth: number }).innerWidth;
  });
}

const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const themes = ['light', 'dark'] as const;

describe.skipIf(skipReason !== null)('the views at 1280×800 and 1920×1080, light and dark', () => {
  let app: DemoApp;

  beforeAll(async () => {
    app = await openDemoApp();
  });
  afterAll(async () => expect(await app.close()).toBe(0));

  it('name every control of the study browser, the record view with its panels, and the settings', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'demo-ecg-01' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);

    await page.getByRole('link', { name: 'demo-ecg-01' }).click();
    await page.locator('[aria-label="ECG lanes"][data-complete="true"]').waitFor();
    await page.keyboard.press('e');
    await page.keyboard.press('t');
    await page.keyboard.press('a');
    await page.getByRole('checkbox', { name: 'Integrated Gradients', exact: true }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);

    await page.keyboard.press('?');
    expect(await unnamedControls(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Execution provider').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
  });

  for (const size of sizes) {
    for (const theme of themes) {
      it(`fit the window at ${size.width}×${size.height} in the ${theme} theme`, async () => {
        const { page } = app;
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: theme });
        const name = `${size.width}x${size.height}-${theme}`;

        await page.goto(new URL('#/', page.url()).href);
        await page.getByRole('link', { name: 'demo-ecg-01' }).waitFor();
        expect(await overflowsSideways(page)).toBe(false);
        await saveScreenshot(page, `views-records-${name}`);

        await page.getByRole('link', { name: 'demo-ecg-01' }).click();
        await page.locator('[aria-label="ECG lanes"][data-complete="true"]').waitFor();
        await page.keyboard.press('e');
        await page.getByRole('checkbox', { name: 'Integrated Gradients', exact: true }).waitFor();
        expect(await overflowsSideways(page)).toBe(false);
        await saveScreenshot(page, `views-record-${name}`);

        await page.getByRole('link', { name: '← Records' }).click();
        await page.getByRole('searchbox', { name: 'Filter records' }).fill('icustay');
        await page.getByRole('table', { name: 'Records' }).getByRole('link').first().click();
        await page.locator('canvas[data-layout]').waitFor();
        expect(await overflowsSideways(page)).toBe(false);
        await saveScreenshot(page, `views-icu-${name}`);
      });
    }
  }

  it('hit no console error, warning or CSP violation', () => {
    expect(app.problems).toEqual([]);
  });
});
