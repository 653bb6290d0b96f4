import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eSkipReason } from './support/chromium';
import { expectTwoMethodsCompared } from './support/compare-dialog';
import { openDemoApp, type DemoApp } from './support/demo-app';
import { saliencyPixels } from './support/saliency-pixels';
import { saveScreenshot } from './support/screenshots';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`ICU explain end-to-end tests skipped: ${skipReason}`);

/** Explaining the 48-hour GRU's window can take a while on a shared machine. */
const SLOW = { timeout: 120_000 };

describe.skipIf(skipReason !== null)('explaining an ICU stay in Chromium', () => {
  let app: DemoApp;
  let page: Page;
  let stay: string;

  beforeAll(async () => {
    app = await openDemoApp();
    page = app.page;
    await page.getByRole('searchbox', { name: 'Filter records' }).fill('icustay');
    const link = page.getByRole('table', { name: 'Records' }).getByRole('link').first();
    stay = ((await link.textContent()) ?? '').trim();
    await link.click();
    await page.locator('canvas[data-layout]').waitFor();
  });
  afterAll(async () => expect(await app.close()).toBe(0));

  it("offers the model's one output as the target, with the predicted outcome and its probability", async () => {
    await page.keyboard.press('e');
    const form = page.getByRole('form', { name: 'Explain the stay' });
    await expect.poll(() => form.getByRole('combobox', { name: 'Model' }).inputValue()).toBe('icu-mortality-gru');
    await expect(form.getByRole('status', { name: 'Window to explain' }).textContent()).resolves.toBe(
      '0–48 h, 1 window',
    );
    const target = form.getByRole('combobox', { name: 'Target class' });
    await expect(target.getByRole('option').allTextContents()).resolves.toEqual(['Risk of died']);
    await expect
      .poll(async () => (await form.getByRole('status', { name: 'Predicted class' }).textContent()) ?? '', SLOW)
      .toMatch(/^(survived|died) · \d+ %$/);
  });

  it('runs two methods on the stay: a strip each under every feature, one as the band, its segments listed', async () => {
    const form = page.getByRole('form', { name: 'Explain the stay' });
    // The study's settings tick integrated gradients and occlusion: both run in one job.
    for (const name of ['Integrated Gradients', 'Occlusion']) {
      await expect(form.getByRole('checkbox', { name, exact: true }).isChecked()).resolves.toBe(true);
    }
    await form.getByRole('button', { name: 'Explain', exact: true }).click();
    const runs = page.getByRole('list', { name: 'Explainer runs' });
    await expect.poll(() => runs.getByRole('checkbox', { checked: true }).count(), SLOW).toBe(2);
    const canvas = page.locator('canvas[data-layout]');
    await expect.poll(() => canvas.getAttribute('data-saliency'), SLOW).toBe('2');
    // The lanes draw no red or blue of their own: these are the strips, the band and the segments' boxes.
    expect(await saliencyPixels(page, 'canvas[data-layout]')).toBeGreaterThan(1000);
    for (const method of ['integrated-gradients', 'occlusion']) {
      await expect(
        page
          .getByRole('img', { name: new RegExp(`^${method} legend: (signed|non-negative); .*98th percentile`) })
          .count(),
      ).resolves.toBe(1);
    }

    const rows = page.getByRole('table', { name: 'Top segments' }).getByRole('row');
    await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(2);
    await expect(rows.first().textContent()).resolves.toMatch(/^#TimeFeatureScore/);
    await expect(rows.nth(1).textContent()).resolves.toMatch(/^1\d+(\.\d)?–\d+(\.\d)? h.+\d+\.\dGo Accept$/);
    await saveScreenshot(page, 'icu-explain-lanes');

    await page.getByRole('button', { name: 'Go to segment 1', exact: true }).click();
    await expect(rows.nth(1).getAttribute('class')).resolves.toContain('current');
    await expect(page.getByRole('status', { name: 'Value under the pointer' }).textContent()).resolves.toMatch(
      /Segment: .+, \d+(\.\d)?–\d+(\.\d)? h/,
    );
  });

  it('accepts the top segment as an annotation of its feature', async () => {
    await page.getByRole('button', { name: 'Accept segment 1 as an annotation' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Accepted segments' }).textContent(), SLOW)
      .toBe('Segment 1 is an annotation now (Ctrl+Z undoes it).');
    expect(app.demo.annotationTimes(stay, '"')).toHaveLength(1);
  });

  it('shows the saliency on the heatmap too', async () => {
    await page.getByRole('button', { name: 'Heatmap' }).click();
    const canvas = page.locator('canvas[data-layout]');
    await expect(canvas.getAttribute('data-layout')).resolves.toBe('heatmap');
    await expect(canvas.getAttribute('data-saliency')).resolves.toBe('2');
    await saveScreenshot(page, 'icu-explain-heatmap');
  });

  it("compares both methods of the stay's window: agreement, faithfulness on the risk, runtime", async () => {
    // Taller, so that the screenshot holds a pane row per feature and the agreement under them.
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.getByRole('button', { name: 'Compare…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare explanations' });
    await expect.poll(() => dialog.getByRole('group', { name: /saliency$/ }).count(), SLOW).toBe(2);
    await expect(dialog.getByRole('combobox', { name: 'Window' }).textContent()).resolves.toBe('0–48 h');
    await expectTwoMethodsCompared(dialog, SLOW.timeout);
    await expect(dialog.getByRole('table', { name: 'Agreement' }).getByRole('rowheader').textContent()).resolves.toBe(
      'integrated-gradients · occlusion',
    );
    const text = (await dialog.textContent()) ?? '';
    expect(text.match(/Target\s*risk of died \(probability\)/g)).toHaveLength(2);
    expect(text).toMatch(/Runtime\s*\d+\.\d\d s/);
    await saveScreenshot(page, 'icu-compare-view');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('hit no console error, warning or CSP violation', () => {
    expect(app.problems).toEqual([]);
  });
});
