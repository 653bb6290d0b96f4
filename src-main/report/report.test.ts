import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { salience } from '../../test/support/run-cli';
import type { Command } from '../cli/command';
import { listPredictionRuns, readPredictions, releaseModelSessions, removeModel } from '../models';
import { listAnnotations, openStudy, verifyAudit } from '../store';
import { pdfText } from './pdf';
import {
  ANALYST,
  createReportStudy,
  EXPLAINED_START,
  MODEL_ID,
  modelPath,
  PLANTED_NAME,
  WINDOW,
  type ReportStudy,
} from './testing/report-study';

// The command table is wired by the CLI's owner; these tests run the command through the real CLI edge.
vi.mock('../cli/commands/index', async (importOriginal) => {
  const original = await importOriginal<{ commands: readonly Command[] }>();
  const { reportCommand } = await import('../cli/commands/report');
  return { commands: [...original.commands.filter((c) => c.name !== 'report'), reportCommand] };
});

/** Where the rendered page is kept for people to look at (CI keeps test-results/). */
const artefacts = fileURLToPath(new URL('../../test-results/report/', import.meta.url));

let s: ReportStudy;
beforeAll(async () => {
  s = await createReportStudy();
  mkdirSync(artefacts, { recursive: true });
});
afterAll(async () => {
  s.remove();
  await releaseModelSessions();
});

const pdftotext = (path: string): string => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

/** pdfinfo's fields, e.g. { Title: …, Creator: …, Producer: … }. */
function pdfinfo(path: string): Record<string, string> {
  const lines = execFileSync('pdfinfo', [path], { encoding: 'utf8' }).split('\n');
  return Object.fromEntries(
    lines.filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** The record's annotations with their times, from the study the importer filled. */
function storedAnnotations(): { symbol: string; seconds: number; source: string }[] {
  const study = openStudy(s.study);
  try {
    return listAnnotations(study.db, s.recordId).map((a) => ({
      symbol: a.symbol,
      seconds: a.sample / 360,
      source: a.source,
    }));
  } finally {
    study.close();
  }
}

function auditRows(): { action: string; entity: string; entity_id: string; details: string }[] {
  const study = openStudy(s.study);
  try {
    expect(verifyAudit(study.db).ok).toBe(true);
    return study.db
      .prepare("SELECT action, entity, entity_id, details FROM audit_log WHERE action = 'export' ORDER BY id")
      .all() as { action: string; entity: string; entity_id: string; details: string }[];
  } finally {
    study.close();
  }
}

const modelSha256 = (): string => createHash('sha256').update(readFileSync(modelPath())).digest('hex');
const summary = 'Sinus rhythm; the model attends to the QRS complex.';

describe('salience report', () => {
  it('writes a de-identified PDF of the explained window that pdftotext reads', async () => {
    const out = join(s.dir, 'report.pdf');
    const result = await salience(
      'report',
      '--study',
      s.study,
      '--record',
      s.recordName,
      '--out',
      out,
      '--summary',
      summary,
      '--json',
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      recordId: s.recordId,
      format: 'pdf',
      windows: [{ startSec: EXPLAINED_START / 360, endSec: (EXPLAINED_START + WINDOW) / 360 }],
      explanations: 2,
      deidentified: true,
    });
    const text = pdftotext(out);
    expect(text).toContain(s.recordName);
    expect(text).toContain(modelSha256());
    expect(text).toContain(summary);
    expect(text).toContain('ECG beat classifier (1-D CNN)');
    expect(text).toMatch(/integrated-gradients/);
    expect(text).toMatch(/deletionAuc 0\.125/);
    // The labels of the beats in the window and the analyst's findings anywhere in the record.
    const inWindow = storedAnnotations().filter((a) => a.seconds >= 2 && a.seconds < 3);
    expect(inWindow.length).toBeGreaterThan(0);
    for (const a of inWindow) expect(text).toContain(`${a.seconds.toFixed(3)} s`);
    for (const label of ['N', 'noisy', 'PVC?']) expect(text).toMatch(new RegExp(`\\s${label.replace('?', '\\?')}\\s`));
    expect(text).toContain(ANALYST);
    // De-identified: neither the header comment nor the notes that carry the planted name.
    expect(text).not.toContain(PLANTED_NAME);
    expect(text).not.toContain('Aldomet');
  });

  it('keeps the user name and paths out of the PDF metadata', () => {
    const info = pdfinfo(join(s.dir, 'report.pdf'));
    const user = userInfo().username;
    for (const field of ['Author', 'Creator', 'Producer', 'Title', 'Subject']) {
      const value = info[field] ?? '';
      expect(value.split(/[^\w.-]+/)).not.toContain(user);
      expect(value).not.toMatch(/[/\\]/);
      expect(value).not.toContain(s.dir);
    }
    expect(info.Creator).toMatch(/^Salience Workbench \d+\.\d+\.\d+$/);
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(2);
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
  });

  it('renders page 1 with pdftoppm into test-results/report', () => {
    const pdf = join(s.dir, 'report.pdf');
    execFileSync('pdftoppm', [
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      '-png',
      '-singlefile',
      pdf,
      join(artefacts, 'report-page-1'),
    ]);
    const png = join(artefacts, 'report-page-1.png');
    expect(statSync(png).size).toBeGreaterThan(0);
    // The same page as a grey map: a blank page would be all white.
    const pgm = execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-gray', '-singlefile', pdf]);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 32));
    expect(header).not.toBeNull();
    const [width, height] = [Number(header?.[1]), Number(header?.[2])];
    expect(width).toBeGreaterThan(height); // landscape
    const pixels = pgm.subarray(pgm.length - width * height);
    const inked = pixels.filter((p) => p < 200).length;
    expect(inked / pixels.length).toBeGreaterThan(0.005);
  });

  it('reports the model prediction it computes, the same as the stored one once predictions are stored', async () => {
    const computed = join(s.dir, 'computed.html');
    expect((await salience('report', '--study', s.study, '--record', s.recordName, '--out', computed)).code).toBe(0);
    const from = String(EXPLAINED_START / 360);
    const to = String((EXPLAINED_START + WINDOW) / 360);
    const predicted = await salience(
      'predict',
      '--model',
      MODEL_ID,
      '--study',
      s.study,
      '--record',
      s.recordName,
      '--from',
      from,
      '--to',
      to,
    );
    expect(predicted.code).toBe(0);
    const study = openStudy(s.study);
    let expected: { label: number | null; score: number | null } | undefined;
    try {
      expect(listPredictionRuns(study.db, s.recordId)[0]?.windowCount).toBe(1);
      expected = readPredictions(study.db, MODEL_ID, s.recordId)[0];
    } finally {
      study.close();
    }
    const className = ['N', 'S', 'V'][expected?.label ?? -1] ?? '?';
    const row = `<td>${className}</td><td>${(expected?.score ?? NaN).toFixed(3)}</td>`;
    expect(readFileSync(computed, 'utf8')).toContain(`${row}<td>N</td><td>computed for this report</td>`);
    const stored = join(s.dir, 'stored.html');
    expect((await salience('report', '--study', s.study, '--record', s.recordName, '--out', stored)).code).toBe(0);
    expect(readFileSync(stored, 'utf8')).toContain(`${row}<td>N</td><td>stored prediction</td>`);
  });

  it('writes an identified HTML report of the windows asked for, with the same facts', async () => {
    const out = join(s.dir, 'report.html');
    const args = ['--from', '0', '--to', '12', '--from', '20', '--to', '21', '--identified', '--summary', summary];
    const result = await salience('report', '--study', s.study, '--record', String(s.recordId), '--out', out, ...args);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(s.recordName);
    expect(html).toContain(modelSha256());
    expect(html).toContain(summary);
    expect(html).toContain(PLANTED_NAME);
    expect(html).toContain('Aldomet');
    // Every annotation in the two windows is listed with its time.
    const shown = storedAnnotations().filter((a) => a.seconds < 12 || (a.seconds >= 20 && a.seconds < 21));
    for (const a of shown) expect(html).toContain(`<td>${a.seconds.toFixed(3)} s`);
    expect(shown.some((a) => a.symbol === 'A')).toBe(true);
    // 0–12 s is two rows (10 s + 2 s) of two leads, 20–21 s one row of two; two colour legends.
    const svgs = [...html.matchAll(/<svg [^>]*width="([\d.]+)mm"/g)].map((m) => Number(m[1]));
    expect(svgs).toHaveLength(8);
    expect(svgs.slice(0, 2)).toEqual([272, 272]); // 20 mm of labels + 250 mm for 10 s + 2 mm
    expect(svgs.slice(2, 4)).toEqual([72, 72]); // 2 s
    expect(html).not.toMatch(/<script|<link|src=|url\((?!#)/);
  });

  it('audits every report: format, file name without folder, de-identified or not', () => {
    const rows = auditRows();
    expect(rows.map((r) => [r.entity, r.entity_id])).toEqual(rows.map(() => ['record', String(s.recordId)]));
    expect(rows.map((r) => JSON.parse(r.details) as unknown)).toEqual([
      { format: 'pdf', file: 'report.pdf', deidentified: true },
      { format: 'html', file: 'computed.html', deidentified: true },
      { format: 'html', file: 'stored.html', deidentified: true },
      { format: 'html', file: 'report.html', deidentified: false },
    ]);
  });

  it('fails for a missing record with exit 1, naming it, and leaves the file as it was', async () => {
    const out = join(s.dir, 'old.pdf');
    writeFileSync(out, 'an earlier report');
    const before = readdirSync(s.dir).sort();
    const result = await salience('report', '--study', s.study, '--record', 'no-such-record', '--out', out);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no record 'no-such-record'/);
    expect(readFileSync(out, 'utf8')).toBe('an earlier report');
    expect(readdirSync(s.dir).sort()).toEqual(before);
    const missing = join(s.dir, 'missing.pdf');
    expect((await salience('report', '--study', s.study, '--record', 'nope', '--out', missing)).code).toBe(1);
    expect(existsSync(missing)).toBe(false);
    expect(auditRows()).toHaveLength(4);
  });

  it('still names the model and its sha256 once the model is removed, without a prediction', async () => {
    const study = openStudy(s.study);
    try {
      removeModel(study.db, MODEL_ID, 'tester');
    } finally {
      study.close();
    }
    const out = join(s.dir, 'removed.html');
    expect((await salience('report', '--study', s.study, '--record', s.recordName, '--out', out)).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(modelSha256());
    expect(html).toContain('<td>not available</td><td></td><td>0</td><td>no longer registered in this study</td>');
  });

  it('writes PDF text in the standard fonts’ Windows-1252, leaving the HTML every character', () => {
    expect(pdfText('10 µV → 1 mV − 0.5 ≥ –1 “ok” €')).toBe('10 µV -> 1 mV - 0.5 >= –1 “ok” €');
    expect(pdfText('心电图 \u0007')).toBe('??? ?');
  });

  it('refuses an unknown extension, a folder that does not exist and unpaired windows', async () => {
    const base = ['report', '--study', s.study, '--record', s.recordName];
    const text = await salience(...base, '--out', join(s.dir, 'report.txt'));
    expect([text.code, text.err]).toEqual([
      1,
      expect.stringMatching(/report\.txt: a report is written as \.pdf or \.html/),
    ]);
    const folder = await salience(...base, '--out', join(s.dir, 'absent', 'report.pdf'));
    expect([folder.code, folder.err]).toEqual([1, expect.stringMatching(/does not exist/)]);
    const unpaired = await salience(...base, '--out', join(s.dir, 'r.pdf'), '--from', '1');
    expect([unpaired.code, unpaired.err]).toEqual([2, expect.stringMatching(/--from and --to in pairs/)]);
    const outside = await salience(...base, '--out', join(s.dir, 'r.pdf'), '--from', '40', '--to', '45');
    expect([outside.code, outside.err]).toEqual([1, expect.stringMatching(/not within the record/)]);
    expect(existsSync(join(s.dir, 'r.pdf'))).toBe(false);
  });
});
