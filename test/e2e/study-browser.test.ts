import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempStudy } from '../support/temp-study';
import { e2eSkipReason, launchChromium } from './support/chromium';
import { createManyRecordStudy } from './support/many-records';
import { saveScreenshot } from './support/screenshots';
import { startServe, type ServeProcess } from './support/serve';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`study browser end-to-end tests skipped: ${skipReason}`);

const RECORDS = 3000;

/** The record list's scroller as the tests move it (test/e2e is compiled without the DOM library). */
interface Scroller {
  scrollTop: number;
  readonly scrollHeight: number;
}

function scrollTo(page: Page, where: 'top' | 'bottom'): Promise<void> {
  return page.getByTestId('records-scroll').evaluate((element, to) => {
    const scroller = element as unknown as Scroller;
    scroller.scrollTop = to === 'top' ? 0 : scroller.scrollHeight;
  }, where);
}
const wfdbRecord = fileURLToPath(new URL('../fixtures/wfdb/100_3chan.hea', import.meta.url));

describe.skipIf(skipReason !== null)('the study browser in Chromium, over thousands of records', () => {
  let temp: TempStudy;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    temp = createManyRecordStudy(RECORDS);
    serve = await startServe(temp.path);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') pageProblems.push(message.text());
    });
    page.on('pageerror', (error) => pageProblems.push(error.message));
    await page.goto(serve.url);
    await page.getByText(`${RECORDS} records`).waitFor();
  });

  afterAll(async () => {
    await browser.close();
    expect(await serve.stop()).toBe(0);
    temp.remove();
  });

  const table = (): ReturnType<Page['getByRole']> => page.getByRole('table', { name: 'Records' });
  const drawnRows = (): Promise<number> => table().locator('tbody tr:not(.spacer)').count();
  const firstName = (): Promise<string | null> => table().locator('tbody tr:not(.spacer) th a').first().textContent();

  it('keeps only the rows in view in the DOM, however far it scrolls', async () => {
    expect(await table().getAttribute('aria-rowcount')).toBe(String(RECORDS + 1));
    // 800 px of window hold about 20 rows of 30 px; a few more are drawn on each side.
    expect(await drawnRows()).toBeLessThan(60);
    expect(await firstName()).toBe('rec-1');

    await scrollTo(page, 'bottom');
    await page.getByRole('link', { name: `rec-${RECORDS}`, exact: true }).waitFor();
    expect(await drawnRows()).toBeLessThan(60);
    await saveScreenshot(page, 'study-browser-scrolled');
  });

  it('sorts by a column header, and back', async () => {
    const nameHeader = page.getByRole('columnheader', { name: /Record/ });
    await page.getByRole('button', { name: 'Record' }).click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    await scrollTo(page, 'top');
    await expect.poll(firstName).toBe(`rec-${RECORDS}`);
    await page.getByRole('button', { name: 'Record' }).click();
    await expect.poll(firstName).toBe('rec-1');
  });

  it('filters by label, source, patient and annotations, together', async () => {
    await page.getByLabel('Label').selectOption('V');
    await page.getByText(`${RECORDS / 10} of ${RECORDS} records`).waitFor();
    await page.getByLabel('Source').selectOption('edf');
    // Multiples of 10 and of 3: multiples of 30.
    await page.getByText(`${RECORDS / 30} of ${RECORDS} records`).waitFor();
    expect(await firstName()).toBe('rec-30');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Annotated').selectOption('no');
    await page.getByText(`${RECORDS - RECORDS / 10} of ${RECORDS} records`).waitFor();
    // Patients p-7, p-70…p-79, p-170…: a substring of the patient id.
    await page.getByLabel('Patient').fill('p-7');
    await page.getByLabel('Annotated').selectOption('any');
    const expected = Array.from({ length: RECORDS }, (_, i) => `p-${(i + 1) % 500}`).filter((p) =>
      p.includes('p-7'),
    ).length;
    await page.getByText(`${expected} of ${RECORDS} records`).waitFor();
    await saveScreenshot(page, 'study-browser-filtered');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`${RECORDS} records`).waitFor();
  });

  it('imports a file from its path as a job, then lists the new record', async () => {
    await page.getByLabel('Files or folders to import').fill('relative/100_3chan.hea');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/absolute path/);

    await page.getByLabel('Files or folders to import').fill(wfdbRecord);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 1 record.' }).waitFor();
    await page.getByText(`${RECORDS + 1} records`).waitFor();
    await page.getByLabel('Filter records').fill('100_3chan');
    await page.getByRole('link', { name: '100_3chan' }).waitFor();
    expect(pageProblems).toEqual([]);
  });

  it('creates a new study from the study picker, refuses a file that is no study, opens the first again by path and the new one from the recent list', async () => {
    const second = join(temp.dir, 'second.sqlite');
    const picker = page.getByRole('dialog', { name: 'Study' });
    await page.getByRole('button', { name: /^Study: / }).click();
    await picker.getByText(temp.path).waitFor();
    await picker.getByLabel('Study file').fill(second);
    await picker.getByRole('button', { name: 'Create' }).click();
    // The app starts again on the new, empty study.
    await page.getByRole('button', { name: 'Study: second' }).waitFor();
    await page.getByText('0 records').waitFor();
    expect(existsSync(second)).toBe(true);

    await page.getByRole('button', { name: 'Study: second' }).click();
    await picker.getByLabel('Study file').fill(wfdbRecord);
    await picker.getByLabel('Study file').press('Enter');
    await expect(picker.getByRole('alert').textContent()).resolves.toContain(`${wfdbRecord}: not a Salience study`);
    await page.getByRole('button', { name: 'Study: second' }).waitFor();
    await saveScreenshot(page, 'study-picker');

    await picker.getByLabel('Study file').fill(temp.path);
    await picker.getByRole('button', { name: 'Open' }).click();
    await page.getByText(`${RECORDS + 1} records`).waitFor();

    await page.getByRole('button', { name: /^Study: / }).click();
    await picker.getByRole('list', { name: 'Recent studies' }).getByRole('button', { name: 'second' }).click();
    await page.getByRole('button', { name: 'Study: second' }).waitFor();
    expect(pageProblems).toEqual([]);
  });
});
