import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eSkipReason } from './support/chromium';
import { openDemoApp, type DemoApp } from './support/demo-app';
import { saveScreenshot } from './support/screenshots';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`ICU explain end-to-end tests skipped: ${skipReason}`);

/** Explaining the 48-hour GRU's window can take a while on a shared machine. */
const SLOW = { timeout: 120_000 };

describe.skipIf(skipReason !== null)('explaining an ICU stay in Chromium', () => {
  let app: DemoApp;

  beforeAll(async () => {
    app = await openDemoApp();
    await app.page.getByRole('searchbox', { name: 'Filter records' }).fill('icustay');
    await app.page.getByRole('table', { name: 'Records' }).getByRole('link').first().click();
    await app.page.locator('canvas[data-layout]').waitFor();
  });
  afterAll(async () => expect(await app.close()).toBe(0));

  it('runs a method on the stay and shows its saliency under every feature, on the lanes and on the heatmap', async () => {
    const { page } = app;
    await page.keyboard.press('e');
    const form = page.getByRole('form', { name: 'Explain the stay' });
    await expect.poll(() => form.getByRole('combobox', { name: 'Model' }).inputValue()).toBe('icu-mortality-gru');
    const checked = form.getByRole('checkbox', { checked: true });
    await expect.poll(() => checked.count()).toBe(1);
    await form.getByRole('button', { name: 'Explain' }).click();
    const legend = page.getByTestId('icu-saliency-legend');
    await legend.waitFor(SLOW);
    await expect(legend.textContent()).resolves.toMatch(/(signed|non-negative|mask)/);
    await expect(form.getByRole('combobox', { name: 'Saliency' }).inputValue()).resolves.not.toBe('');
    await saveScreenshot(page, 'icu-explain-lanes');
    await page.keyboard.press('h');
    await expect(page.locator('canvas[data-layout]').getAttribute('data-layout')).resolves.toBe('heatmap');
    await saveScreenshot(page, 'icu-explain-heatmap');
    await form.getByRole('combobox', { name: 'Saliency' }).selectOption('');
    await expect(legend.count()).resolves.toBe(0);
  });

  it('hit no console error, warning or CSP violation', () => {
    expect(app.problems).toEqual([]);
  });
});
