import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseModelSessions } from '../../src-main/models';
import { createReportStudy, type ReportStudy } from '../../src-main/report/testing/report-study';
import { salience } from '../support/run-cli';
import { e2eSkipReason, launchChromium } from './support/chromium';
import { saveScreenshot } from './support/screenshots';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`HTML report end-to-end test skipped: ${skipReason}`);

/** CSS pixels per millimetre (96 per inch): the HTML report sizes its figures in mm. */
const PX_PER_MM = 96 / 25.4;

describe.skipIf(skipReason !== null)('the HTML report in Chromium', () => {
  let study: ReportStudy;
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    study = await createReportStudy();
    report = join(study.dir, 'report.html');
    const args = ['--study', study.study, '--record', study.recordName, '--out', report, '--from', '0', '--to', '10'];
    const result = await salience('report', ...args);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    study.remove();
    await releaseModelSessions();
  });

  it('loads from its file with no other request, draws the calibrated grid, and reports no error', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const url = pathToFileURL(report).href;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);

    await expect.poll(() => page.locator('h1').textContent()).toBe(`Annotated ECG report: record ${study.recordName}`);
    // A 10 s row: 20 mm of lead labels, 250 mm of trace at 25 mm/s, 2 mm of margin.
    const lead = page.getByRole('img', { name: 'MLII, 0.00 s to 10.00 s' });
    const box = await lead.boundingBox();
    expect(box?.width).toBeCloseTo(272 * PX_PER_MM, 1);
    expect(await page.locator('figure svg').count()).toBe(4); // two leads, two colour legends
    await saveScreenshot(page, 'report-html');
    await page.close();
  });
});
