import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClockTime } from '../../src-renderer/src/lib/format/clock';
import { e2eSkipReason } from './support/chromium';
import { expectTwoMethodsCompared } from './support/compare-dialog';
import { openDemoApp, type DemoApp } from './support/demo-app';
import { saliencyPixels } from './support/saliency-pixels';
import { saveScreenshot } from './support/screenshots';

/** What the tests call on a page element (test/e2e is compiled without the DOM library). */
interface ScrollsIntoView {
  scrollIntoView(options: { block: 'start' }): void;
}

const skipReason = e2eSkipReason();
/** For what waits on the model: its first session, a prediction, reading maps back. */
const SLOW = { timeout: 15_000 };
if (skipReason !== null) console.warn(`explain end-to-end tests skipped: ${skipReason}`);

async function runMethod(page: Page, title: string, runs: number): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Explain' });
  await panel.getByRole('button', { name: 'Explain', exact: true }).click();
  // The progress shows while the job runs, then the run appears, shown as a strip.
  await panel.getByRole('progressbar', { name: 'Explain progress' }).waitFor();
  await expect
    .poll(() => page.getByRole('list', { name: 'Explainer runs' }).getByRole('listitem').count(), { timeout: 30_000 })
    .toBe(runs);
  const shown = page.getByRole('list', { name: 'Explainer runs' }).getByRole('checkbox', { name: `Show ${title}` });
  await expect.poll(() => shown.isChecked(), SLOW).toBe(true);
  await expect
    .poll(() => page.getByRole('region', { name: 'ECG lanes' }).getAttribute('data-saliency'), SLOW)
    .toBe(String(runs));
}

describe.skipIf(skipReason !== null)('explaining a record in Chromium', () => {
  let app: DemoApp;
  let page: Page;

  beforeAll(async () => {
    app = await openDemoApp();
    page = app.page;
  });

  afterAll(async () => {
    expect(await app.close()).toBe(0);
  });

  it('opens the explain panel on a record, with the predicted class of the window', async () => {
    await page.getByRole('link', { name: 'demo-ecg-01' }).click();
    await page.locator('[aria-label="ECG lanes"][data-complete="true"]').waitFor();
    // Centre a PVC, so that the window holds a beat the model calls V.
    await expect.poll(() => page.getByRole('combobox', { name: 'Annotation' }).inputValue(), SLOW).toBe('V');
    await page.keyboard.press('n');
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Explain' });
    const predicted = async (): Promise<string> =>
      (await panel.getByRole('status', { name: 'Predicted class' }).textContent()) ?? '';
    await expect.poll(() => panel.getByRole('combobox', { name: 'Model' }).inputValue(), SLOW).toBe('ecg-beat-cnn');
    await expect.poll(predicted, SLOW).toMatch(/^[NSV] ×\d+( · [NSV] ×\d+)*$/);
    await panel.getByRole('radio', { name: /^Beat V/ }).check();
    await expect.poll(predicted, SLOW).toMatch(/^V · \d+ %$/);
    await panel.getByRole('radio', { name: /^Current view/ }).check();
  });

  it('predicts every window of the record as a strip, and goes to a window from it', async () => {
    await page.getByRole('button', { name: 'Predict the 1800 windows of the record' }).click();
    const strip = page.getByRole('button', { name: 'Predictions of ecg-beat-cnn along the record: go to a window' });
    await strip.waitFor(SLOW);
    await expect(page.getByText(/^ecg-beat-cnn · N ×\d+ · V ×\d+/).textContent()).resolves.toContain('not stored');
    // A click where a PVC is brings it on screen: its column shows the rarest class, V.
    const pvc = app.demo.annotationTimes('demo-ecg-01', 'V')[20] ?? Number.NaN;
    const box = await strip.boundingBox();
    if (box === null) throw new Error('the predictions strip is not on screen');
    await strip.click({ position: { x: (pvc / 1800) * box.width, y: box.height / 2 } });
    const shown = (await page.getByTestId('window-shown').textContent()) ?? '';
    const [start = NaN, end = NaN] = shown.split('–').map((part) => parseClockTime(part) ?? NaN);
    expect(pvc).toBeGreaterThan(start);
    expect(pvc).toBeLessThan(end);
  });

  it('runs integrated gradients on the current view and draws its strip, with the top segments', async () => {
    // The study's settings tick integrated gradients and occlusion; one at a time here.
    await expect(page.getByRole('checkbox', { name: 'Integrated Gradients', exact: true }).isChecked()).resolves.toBe(
      true,
    );
    await page.getByRole('checkbox', { name: 'Occlusion', exact: true }).uncheck();
    await runMethod(page, 'integrated-gradients', 1);
    await expect(
      page.getByRole('img', { name: /integrated-gradients legend: signed; ±1 = 98th percentile/ }).count(),
    ).resolves.toBe(1);
    // The strip and the band: about 1,800 pixels of the palettes' strong ends (annotation marks: about 130).
    expect(await saliencyPixels(page, '[aria-label="ECG lanes"] canvas')).toBeGreaterThan(1000);

    const segments = page.getByRole('table', { name: 'Top segments' });
    const rows = segments.getByRole('row');
    await expect.poll(() => rows.count(), SLOW).toBeGreaterThan(2);
    await expect(rows.nth(1).textContent()).resolves.toMatch(
      /^1\d:\d\d:\d\d\.\d\d–\d\d\.\d\d(MLII|V5)\d+\.\dGo Accept$/,
    );
    await page.getByRole('button', { name: 'Go to segment 1', exact: true }).click();
    await expect(rows.nth(1).getAttribute('class')).resolves.toContain('current');

    // Accepted as an annotation: stored in the study with the explainer's note.
    await page.getByRole('button', { name: 'Accept segment 1 as an annotation' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Accepted segments' }).textContent(), SLOW)
      .toBe('Segment 1 is an annotation now (Ctrl+Z undoes it).');
    expect(app.demo.annotationTimes('demo-ecg-01', '"')).toHaveLength(1);
  });

  it('runs occlusion as a second method, then compares both on one window', async () => {
    await page.getByRole('checkbox', { name: 'Integrated Gradients', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Occlusion', exact: true }).check();
    await runMethod(page, 'occlusion', 2);
    // The panel scrolled to the runs, their legends and the top segments.
    await page
      .getByRole('heading', { name: 'Saliency' })
      .evaluate((heading) => (heading as unknown as ScrollsIntoView).scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'record-view-saliency');

    await page.getByRole('button', { name: 'Compare…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare explanations' });
    await expect.poll(() => dialog.getByRole('group', { name: /saliency$/ }).count(), SLOW).toBe(2);
    await expectTwoMethodsCompared(dialog, 30_000);
    await expect(dialog.textContent()).resolves.toMatch(/Runtime\s*\d+\.\d\d s for \d+ windows/);
    // The demo's synthetic PVC carries its ground truth: each method is scored against it.
    const scores = await dialog.getByTestId('ground-truth-scores').allTextContents();
    expect(scores).toHaveLength(2);
    for (const text of scores) expect(text.trim()).toMatch(/^AUP [01]\.\d{3} · AUR [01]\.\d{3}$/);
    await expect(dialog.textContent()).resolves.toMatch(/covers \d+\.\d % of this window on every lead/);
    await saveScreenshot(page, 'compare-view');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('hit no console error, warning or CSP violation', () => {
    expect(app.problems).toEqual([]);
  });
});
