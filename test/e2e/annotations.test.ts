import { userInfo } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecord, listAnnotations, openStudy, verifyAudit } from '../../src-main/store';
import { e2eSkipReason } from './support/chromium';
import { openDemoApp, waitForTrace, type DemoApp } from './support/demo-app';
import type { DemoStudy } from './support/demo-study';
import { saveScreenshot } from './support/screenshots';

const skipReason = e2eSkipReason();
if (skipReason !== null) console.warn(`annotation end-to-end tests skipped: ${skipReason}`);

/** 25 mm/s on a screen of 96 CSS pixels per inch (not calibrated): pixels per second. */
const PX_PER_SEC = (25 * 96) / 25.4;

/** What the study file says about demo-ecg-01's analyst annotations and the annotation audit rows. */
function studyState(path: string): {
  analyst: ReturnType<typeof listAnnotations>;
  actions: string[];
  auditOk: boolean;
  rateHz: number;
} {
  const study = openStudy(path);
  try {
    const record = findRecord(study.db, 'demo-ecg-01');
    const actions = study.db
      .prepare<[], string>("SELECT action FROM audit_log WHERE entity = 'annotation' ORDER BY id")
      .pluck()
      .all();
    return {
      analyst: listAnnotations(study.db, record.id).filter((a) => a.source === 'analyst'),
      actions,
      auditOk: verifyAudit(study.db).ok,
      rateHz: record.frameRateHz,
    };
  } finally {
    study.close();
  }
}

describe.skipIf(skipReason !== null)('annotation editing in Chromium', () => {
  let app: DemoApp;
  let demo: DemoStudy;
  let page: Page;
  let pageProblems: string[];

  beforeAll(async () => {
    app = await openDemoApp();
    ({ demo, page, problems: pageProblems } = app);
    await page.getByRole('link', { name: 'demo-ecg-01' }).click();
    await waitForTrace(page);
  });

  afterAll(async () => {
    expect(await app.close()).toBe(0);
  });

  const status = (): Promise<string | null> => page.getByRole('status', { name: 'Annotation status' }).textContent();

  it('draws a segment on a lane, labels it from a number key and gives it a note', async () => {
    await page.keyboard.press('a');
    await expect(page.getByRole('button', { name: 'Annotate' }).getAttribute('aria-pressed')).resolves.toBe('true');
    const box = await page.getByRole('region', { name: 'ECG lanes' }).boundingBox();
    if (box === null) throw new Error('the lanes are not on screen');
    const y = box.y + box.height / 4;
    await page.mouse.move(box.x + 300, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 500, y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(status).toMatch(/^Added N at 0:00:0\d\.\d\d–0:00:0\d\.\d\d$/);
    await expect(page.getByTestId('selected-annotation').isVisible()).resolves.toBe(true);

    await page.keyboard.press('2');
    const label = page.getByRole('combobox', { name: 'Annotation label' });
    await expect.poll(() => label.inputValue()).toBe('V');
    const note = page.getByRole('textbox', { name: 'Annotation note' });
    await note.fill('wide, notched: check V1');
    await note.press('Enter');
    await expect.poll(status).toMatch(/: wide, notched: check V1$/);

    const { analyst, rateHz } = studyState(demo.path);
    expect(analyst).toHaveLength(1);
    const [drawn] = analyst;
    expect(drawn).toMatchObject({ symbol: 'V', code: 5, aux: 'wide, notched: check V1', channel: 0 });
    expect(drawn?.author).toBe(userInfo().username);
    expect(((drawn?.endSample ?? 0) - (drawn?.sample ?? 0)) / rateHz).toBeCloseTo(200 / PX_PER_SEC, 1);
    expect((drawn?.sample ?? 0) / rateHz).toBeCloseTo(300 / PX_PER_SEC, 1);
  });

  it('finds it again after a reload, in the list filtered to the analyst’s annotations', async () => {
    await page.reload();
    await waitForTrace(page);
    await page.keyboard.press('t');
    const list = page.getByRole('region', { name: 'Annotations' });
    await list.getByRole('combobox', { name: 'Source' }).selectOption('analyst');
    const rows = list.getByRole('list', { name: 'Matching annotations' }).getByRole('button');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toMatch(/V\s*MLII\s*wide, notched: check V1/);
    await rows.first().click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Annotation label' }).inputValue()).toBe('V');
    await expect(page.getByRole('textbox', { name: 'Annotation note' }).inputValue()).resolves.toBe(
      'wide, notched: check V1',
    );
  });

  it('deletes it with Delete, and Ctrl+Z brings it back', async () => {
    const list = page.getByRole('region', { name: 'Annotations' });
    const rows = list.getByRole('list', { name: 'Matching annotations' }).getByRole('button');
    await page.keyboard.press('Delete');
    await expect.poll(() => rows.count()).toBe(0);
    expect(studyState(demo.path).analyst).toEqual([]);

    await page.keyboard.press('Control+z');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(status).toBe('Undid: delete V');
    await expect.poll(() => page.getByRole('combobox', { name: 'Annotation label' }).inputValue()).toBe('V');
    await saveScreenshot(page, 'record-view-annotations');

    const { analyst, actions, auditOk } = studyState(demo.path);
    expect(analyst).toHaveLength(1);
    expect(actions).toEqual([
      'annotation-create',
      'annotation-update',
      'annotation-update',
      'annotation-delete',
      'annotation-restore',
    ]);
    expect(auditOk).toBe(true);
    expect(pageProblems).toEqual([]);
  });
});
