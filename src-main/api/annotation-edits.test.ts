import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../test/support/sample-data';
import { openStudyPerTest } from '../../test/support/temp-study';
import { importSources, openSources } from '../formats';
import { listAnnotations, listRecords, verifyAudit } from '../store';
import { annotationEditCalls } from './annotation-edits';
import type { Api } from './contract';
import { dispatch } from './dispatch';
import type { CallOutcome } from './wire';

const opened = openStudyPerTest();
let recordId: number;
beforeEach(() => {
  recordId = listRecords(opened.study.db, '100')[0]?.id ?? -1;
});

/** The edit calls through the one entry point both transports use, so the contract's validation runs. */
function call(method: string, params: unknown): Promise<CallOutcome> {
  // dispatch reaches only the method named, and every method named here is an edit call.
  return dispatch(annotationEditCalls(opened.study.db, 'ana') as Api, method, params);
}

async function result<T>(method: string, params: unknown): Promise<T> {
  const outcome = await call(method, params);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result as T;
}

async function refusal(method: string, params: unknown): Promise<string> {
  const outcome = await call(method, params);
  if (outcome.ok) throw new Error(`${method} accepted ${JSON.stringify(params)}`);
  expect(outcome.error.kind).toBe('invalid-request');
  return outcome.error.message;
}

const vSegment = { recordId: -1, sample: 3600, endSample: 3700, channel: 0, label: 'V' };

describe('creating annotations', () => {
  it('stores an analyst’s annotation with its MIT code, authored by the actor', async () => {
    const created = await result<{ id: number }>('createAnnotation', { ...vSegment, recordId, note: 'wide' });
    expect(created).toMatchObject({ symbol: 'V', code: 5, aux: 'wide', author: 'ana', source: 'analyst' });
    const rhythm = await result('createAnnotation', { ...vSegment, recordId, label: '(AFIB', source: 'explainer' });
    expect(rhythm).toMatchObject({ symbol: '(AFIB', code: null, aux: null, source: 'explainer' });
    expect(listAnnotations(opened.study.db, recordId)).toHaveLength(2);
    expect(verifyAudit(opened.study.db)).toEqual({ ok: true, rows: 2 });
  });

  it('takes a label outside the list (an undo may put back an imported file’s own), without an MIT code', async () => {
    const created = await result('createAnnotation', { ...vSegment, recordId, label: 'Sleep stage W' });
    expect(created).toMatchObject({ symbol: 'Sleep stage W', code: null });
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['an empty label', { label: '  ' }, /label/],
    ['a label over 40 characters', { label: 'x'.repeat(41) }, /label/],
    ['a label with a line break', { label: 'V\nN' }, /control characters/],
    ['a note over 2000 characters', { note: 'x'.repeat(2001) }, /note/],
    ['a negative sample', { sample: -1 }, /sample/],
    ['a fractional sample', { sample: 1.5 }, /sample/],
    ['a negative channel', { channel: -1 }, /channel/],
    ['an unknown parameter', { author: 'someone else' }, /author/],
    ['an imported source', { source: 'imported' }, /source/],
  ];

  it.each(invalid)('refuses %s before it reaches the study', async (_, change, message) => {
    expect(await refusal('createAnnotation', { ...vSegment, recordId, ...change })).toMatch(message);
    expect(listAnnotations(opened.study.db, recordId)).toEqual([]);
  });

  it('refuses bounds outside the record, naming them', async () => {
    expect(await refusal('createAnnotation', { ...vSegment, recordId, sample: 650_000, endSample: null })).toBe(
      'sample 650000 is outside record 100, whose samples run from 0 to 649999',
    );
    expect(await refusal('createAnnotation', { ...vSegment, recordId, endSample: 3000 })).toMatch(
      /^endSample 3000 must be after sample 3600/,
    );
    expect(await refusal('createAnnotation', { ...vSegment, recordId, channel: 2 })).toBe(
      'record 100 has no channel 2; it has channels 0 to 1',
    );
    expect(await call('createAnnotation', { ...vSegment, recordId: 4242 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });
});

describe('changing, deleting and restoring', () => {
  it('changes only what is given; an empty note is no note', async () => {
    const { id } = await result<{ id: number }>('createAnnotation', { ...vSegment, recordId, note: 'wide' });
    const relabelled = await result('updateAnnotation', { annotationId: id, label: 'A', note: '' });
    expect(relabelled).toMatchObject({ id, symbol: 'A', code: 8, aux: null, sample: 3600, endSample: 3700 });
    const moved = await result('updateAnnotation', { annotationId: id, endSample: 4000, channel: null });
    expect(moved).toMatchObject({ symbol: 'A', endSample: 4000, channel: null });
    expect(await refusal('updateAnnotation', { annotationId: id })).toMatch(/give at least one of sample/);
    expect(await refusal('updateAnnotation', { annotationId: id, sample: 4000 })).toMatch(
      /^endSample 4000 must be after sample 4000/,
    );
  });

  it('deletes and restores, and refuses an annotation the study does not have', async () => {
    const { id } = await result<{ id: number }>('createAnnotation', { ...vSegment, recordId });
    await result('deleteAnnotation', { annotationId: id });
    expect(listAnnotations(opened.study.db, recordId)).toEqual([]);
    await result('restoreAnnotation', { annotationId: id });
    expect(listAnnotations(opened.study.db, recordId).map((a) => a.id)).toEqual([id]);
    expect(await call('deleteAnnotation', { annotationId: 999 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', message: 'no annotation 999 in this study' },
    });
    expect(verifyAudit(opened.study.db)).toEqual({ ok: true, rows: 3 });
  });
});

describe('the label list', () => {
  it('offers the MIT beat labels, non-beat codes and rhythms, then the study’s own', async () => {
    await result('addAnnotationLabel', { label: 'noise burst' });
    const { labels, limits } = await result<{
      labels: { label: string; kind: string; code: number | null }[];
      limits: unknown;
    }>('listAnnotationLabels', {});
    const of = (kind: string): string[] => labels.filter((l) => l.kind === kind).map((l) => l.label);
    // MIT-BIH beat annotation mnemonics (WFDB ecgcodes.h / PhysioBank annotation list).
    expect(of('beat')).toEqual([
      'N',
      'L',
      'R',
      'B',
      'A',
      'a',
      'J',
      'S',
      'V',
      'r',
      'F',
      'e',
      'j',
      'n',
      'E',
      '/',
      'f',
      'Q',
    ]);
    expect(of('non-beat')).toEqual(['[', '!', ']', 'x', 'p', 't', 'u', '^', '|', '~', 's', 'T', '"']);
    expect(of('rhythm')).toContain('(AFIB');
    expect(of('study')).toEqual(['noise burst']);
    expect(labels.find((l) => l.label === 'V')?.code).toBe(5);
    expect(labels.at(-1)).toEqual({ label: 'noise burst', description: '', kind: 'study', code: null });
    expect(limits).toEqual({ labelChars: 40, noteChars: 2000 });
  });

  it('refuses a study label that is an MIT label, or one it has already', async () => {
    expect(await refusal('addAnnotationLabel', { label: 'V' })).toBe("'V' is an MIT label already");
    expect(await refusal('addAnnotationLabel', { label: '(VT' })).toBe("'(VT' is an MIT label already");
    await result('addAnnotationLabel', { label: 'noise burst' });
    expect(await refusal('addAnnotationLabel', { label: 'noise burst' })).toBe(
      "the study already has the label 'noise burst'",
    );
  });
});

describe('source files', () => {
  it('are never touched: edits of imported annotations change the study only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salience-ludb-'));
    try {
      const names = readdirSync(fixturesDir('wfdb')).filter((name) => name.startsWith('ludb-ecg.'));
      for (const name of names) copyFileSync(join(fixturesDir('wfdb'), name), join(dir, name));
      const digests = (): string[] =>
        names.map((name) =>
          createHash('sha256')
            .update(readFileSync(join(dir, name)))
            .digest('hex'),
        );
      const before = digests();
      const items = await openSources(join(dir, 'ludb-ecg.hea'), 'wfdb');
      const imported = importSources(opened.study, items, 'tester')[0]?.recordId ?? -1;
      for (const { source } of items) source.close();
      const [first, second] = listAnnotations(opened.study.db, imported);
      expect(first?.source).toBe('imported');

      await result('updateAnnotation', { annotationId: first?.id, label: 'V', note: 'relabelled', sample: 10 });
      await result('deleteAnnotation', { annotationId: second?.id });
      await result('restoreAnnotation', { annotationId: second?.id });
      await result('createAnnotation', { recordId: imported, sample: 100, endSample: 200, channel: 0, label: '~' });

      expect(listAnnotations(opened.study.db, imported)[0]).toMatchObject({
        symbol: 'V',
        aux: 'relabelled',
        author: first?.author,
      });
      expect(digests()).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
