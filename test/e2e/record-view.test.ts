import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClockTime } from '../../src-renderer/src/lib/format/clock';
import { e2eSkipReason } from './support/chromium';
import { openDemoApp, waitForTrace, type DemoApp } from './support/demo-app';
import type { DemoStudy } from './support/demo-study';
import type { PageGlobals } from './support/page-globals';
import { saveScreenshot } from './support/screenshots';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`record view end-to-end tests skipped: ${skipReason}`);

/** 25 mm/s on a screen of 96 CSS pixels per inch (not calibrated): pixels per second. */
const PX_PER_SEC = (25 * 96) / 25.4;

/** The window the toolbar says is shown, in seconds. */
async function windowShown(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('window-shown').textContent()) ?? '';
  const [start, end] = text.split('–').map((part) => parseClockTime(part));
  if (start === null || end === null || start === undefined || end === undefined) throw new Error(`window: ${text}`);
  return [start, end];
}

/** Pixels of the lanes' canvas that are trace ink, and that are grid lines (light theme). */
function laneCanvasPixels(page: Page): Promise<{ ink: number; grid: number; total: number }> {
  return page.evaluate(() => {
    const canvas = (globalThis as unknown as PageGlobals).document.querySelector('[aria-label="ECG lanes"] canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return { ink: 0, grid: 0, total: 0 };
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    let grid = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
      if (r < 90 && g < 90 && b < 90) ink++;
      else if (r > 200 && r - g > 25 && r - b > 25) grid++;
    }
    return { ink, grid, total: data.length / 4 };
  });
}

async function lanesBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByRole('region', { name: 'ECG lanes' }).boundingBox();
  if (box === null) throw new Error('the lanes are not on screen');
  return box;
}

describe.skipIf(skipReason !== null)('record view in Chromium', () => {
  let app: DemoApp;
  let demo: DemoStudy;
  let page: Page;
  let pageProblems: string[];

  beforeAll(async () => {
    app = await openDemoApp();
    ({ demo, page, problems: pageProblems } = app);
  });

  afterAll(async () => {
    expect(await app.close()).toBe(0);
  });

  it('opens an ECG record from the list and draws its leads on calibrated paper', async () => {
    await page.getByRole('link', { name: 'demo-ecg-01' }).click();
    await waitForTrace(page);
    expect(new URL(page.url()).hash).toMatch(/^#\/record\/\d+/);
    await expect(page.getByRole('group', { name: 'Lead MLII' }).textContent()).resolves.toContain('mV');
    await expect(page.getByRole('group', { name: 'Lead V5' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('gain-MLII').textContent()).resolves.toBe('10 mm/mV');
    await expect(page.getByTestId('paper-speed').textContent()).resolves.toBe('25 mm/s');

    const pixels = await laneCanvasPixels(page);
    expect(pixels.grid / pixels.total).toBeGreaterThan(0.05);
    expect(pixels.ink).toBeGreaterThan(2000);

    // At 25 mm/s the window is as many seconds long as the lanes are wide in 25-mm steps.
    const [start, end] = await windowShown(page);
    expect(start).toBe(0);
    expect(end).toBeCloseTo((await lanesBox(page)).width / PX_PER_SEC, 1);
    await saveScreenshot(page, 'record-view');
  });

  it('zooms with the keys and the wheel, and pages through the record', async () => {
    await page.keyboard.press('+');
    await expect(page.getByTestId('paper-speed').textContent()).resolves.toBe('50 mm/s');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect(page.getByTestId('paper-speed').textContent()).resolves.toBe('12.5 mm/s');
    await page.keyboard.press('0');
    await expect(page.getByTestId('paper-speed').textContent()).resolves.toBe('25 mm/s');

    const box = await lanesBox(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect
      .poll(async () => parseFloat((await page.getByTestId('paper-speed').textContent()) ?? ''))
      .toBeGreaterThan(30);
    await page.keyboard.press('0');

    const [, firstEnd] = await windowShown(page);
    await page.keyboard.press('PageDown');
    const [paged] = await windowShown(page);
    expect(paged).toBeCloseTo(firstEnd, 0);
    await page.keyboard.press('End');
    await expect.poll(async () => (await windowShown(page))[1]).toBe(30 * 60);
    await page.keyboard.press('Home');
    await expect.poll(async () => (await windowShown(page))[0]).toBe(0);
    await waitForTrace(page);
  });

  it('pans when the paper is dragged', async () => {
    const box = await lanesBox(page);
    await page.mouse.move(box.x + 700, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 400, box.y + 200, { steps: 5 });
    await page.mouse.up();
    const [start] = await windowShown(page);
    expect(start).toBeCloseTo(300 / PX_PER_SEC, 0);
    await page.keyboard.press('Home');
  });

  it('places two calipers on a lead and reads the heart rate from them', async () => {
    await page.keyboard.press('c');
    await expect(page.getByRole('button', { name: 'Calipers' }).getAttribute('aria-pressed')).resolves.toBe('true');
    const box = await lanesBox(page);
    const y = box.y + box.height / 4;
    await page.mouse.click(box.x + 200, y);
    await page.mouse.click(box.x + 200 + 0.8 * PX_PER_SEC, y - 20);
    const reading = page.getByRole('status', { name: 'Caliper reading' });
    const text = (await reading.textContent()) ?? '';
    const deltaSec = Number(/Δt ([\d.]+) s/.exec(text)?.[1]);
    expect(deltaSec).toBeCloseTo(0.8, 1);
    expect(text).toContain(`${Math.round(60 / deltaSec)} bpm`);
    expect(text).toMatch(/Δ 0\.5\d mV/);

    const tipB = page.getByRole('slider', { name: 'Caliper B on MLII' });
    const tip = await tipB.boundingBox();
    if (tip === null) throw new Error('caliper B is not on screen');
    await page.mouse.move(tip.x + tip.width / 2, tip.y + tip.height / 2);
    await page.mouse.down();
    await page.mouse.move(tip.x + tip.width / 2 + 0.2 * PX_PER_SEC, tip.y + tip.height / 2, { steps: 4 });
    await page.mouse.up();
    const dragged = Number(/Δt ([\d.]+) s/.exec((await reading.textContent()) ?? '')?.[1]);
    expect(dragged).toBeCloseTo(1.0, 1);
    await expect(reading.textContent()).resolves.toContain(`${Math.round(60 / dragged)} bpm`);
    await saveScreenshot(page, 'record-view-calipers');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(reading.textContent()).resolves.toBe('');
  });

  it('jumps to the next PVC and back', async () => {
    const pvcs = demo.annotationTimes('demo-ecg-01', 'V');
    const [start, end] = await windowShown(page);
    const middle = (start + end) / 2;
    const firstAfter = pvcs.find((t) => t > middle + 1e-6) ?? Number.NaN;
    const secondAfter = pvcs.find((t) => t > firstAfter + 1e-6) ?? Number.NaN;
    await expect(page.getByRole('combobox', { name: 'Annotation' }).inputValue()).resolves.toBe('V');

    await page.keyboard.press('n');
    await page.keyboard.press('n');
    const [nextStart, nextEnd] = await windowShown(page);
    expect((nextStart + nextEnd) / 2).toBeCloseTo(secondAfter, 0);
    await page.getByRole('button', { name: 'Previous V annotation' }).click();
    const [backStart, backEnd] = await windowShown(page);
    expect((backStart + backEnd) / 2).toBeCloseTo(Math.max(firstAfter, (end - start) / 2), 0);
  });

  it('keeps the record, the window and the layout across a reload', async () => {
    await page.getByRole('button', { name: 'Raise the gain of V5' }).click();
    await expect(page.getByTestId('gain-V5').textContent()).resolves.toBe('20 mm/mV');
    const shown = await page.getByTestId('window-shown').textContent();
    await expect.poll(() => new URL(page.url()).hash).toContain('gains=1:20');
    await page.reload();
    await waitForTrace(page);
    await expect(page.getByTestId('window-shown').textContent()).resolves.toBe(shown);
    await expect(page.getByTestId('gain-V5').textContent()).resolves.toBe('20 mm/mV');
  });

  it('chooses and orders the leads', async () => {
    await page.keyboard.press('l');
    const dialog = page.getByRole('dialog', { name: 'Leads' });
    await dialog.getByRole('button', { name: 'Move V5 up' }).click();
    await dialog.getByRole('checkbox', { name: 'MLII' }).uncheck();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const lanes = page.getByRole('group', { name: /^Lead / });
    await expect(lanes.allTextContents()).resolves.toEqual([expect.stringMatching(/^V5/)]);
    await page.keyboard.press('l');
    await dialog.getByRole('checkbox', { name: 'MLII' }).check();
    await page.keyboard.press('Escape');
    await expect(lanes.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^V5/),
      expect.stringMatching(/^MLII/),
    ]);
    await waitForTrace(page);
  });

  it('lists the keyboard shortcuts on ?', async () => {
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet.isVisible()).resolves.toBe(true);
    await expect(sheet.textContent()).resolves.toContain('next annotation of the chosen label');
    await expect(sheet.textContent()).resolves.toContain('start a segment (all leads) at the cursor');
    await page.keyboard.press('Escape');
    await expect(sheet.isVisible()).resolves.toBe(false);
  });

  it('reads well at 1920×1080 in the dark theme', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.keyboard.press('End');
    await waitForTrace(page);
    const [start, end] = await windowShown(page);
    expect(end - start).toBeCloseTo((await lanesBox(page)).width / PX_PER_SEC, 1);
    await saveScreenshot(page, 'record-view-dark-1920');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows an ICU stay as lanes per feature, and as a feature × hour heatmap', async () => {
    await page.getByRole('link', { name: '← Records' }).click();
    await page.getByRole('searchbox', { name: 'Filter records' }).fill('icustay');
    await page.getByRole('table', { name: 'Records' }).getByRole('link').first().click();
    const labels = page.getByTestId('feature-label');
    await expect.poll(() => labels.count()).toBe(31);
    await expect(labels.first().textContent()).resolves.toMatch(/ANION GAP\s+mEq\/L/);
    const canvas = page.locator('canvas[data-layout]');
    await expect(canvas.getAttribute('data-layout')).resolves.toBe('lanes');
    await saveScreenshot(page, 'icu-lanes');

    await page.keyboard.press('h');
    await expect(canvas.getAttribute('data-layout')).resolves.toBe('heatmap');
    await expect(page.getByRole('button', { name: 'Heatmap' }).getAttribute('aria-pressed')).resolves.toBe('true');
    const yellowCells = await page.evaluate(() => {
      const element = (globalThis as unknown as PageGlobals).document.querySelector('canvas[data-layout]');
      const data = element?.getContext('2d')?.getImageData(0, 0, element.width, element.height).data ?? [];
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) > 240 && (data[i + 2] ?? 255) < 60) count++;
      return count;
    });
    expect(yellowCells).toBeGreaterThan(100);
    await expect.poll(() => new URL(page.url()).hash).toContain('view=heatmap');
    await saveScreenshot(page, 'icu-heatmap');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'icu-heatmap-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('hit no console error, warning or CSP violation', () => {
    expect(pageProblems).toEqual([]);
  });
});
