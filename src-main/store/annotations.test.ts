import { describe, expect, it } from 'vitest';
import { openStudyPerTest } from '../../test/support/temp-study';
import {
  addAnnotationLabel,
  createAnnotation,
  deleteAnnotation,
  findAnnotation,
  insertAnnotations,
  listAnnotationLabels,
  listAnnotations,
  restoreAnnotation,
  updateAnnotation,
  type AnnotationEdit,
} from './annotations';
import { verifyAudit } from './audit';
import { listRecords } from './records';

const opened = openStudyPerTest();

/** Record 100 of the temp study: 650,000 samples, channels 0 and 1. */
function record100(): number {
  return listRecords(opened.study.db, '100')[0]?.id ?? -1;
}

const segment: AnnotationEdit = { sample: 1000, endSample: 1360, channel: 1, code: null, symbol: '(AFIB', aux: null };

interface AuditRow {
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  details: string;
}

function auditRows(): (Omit<AuditRow, 'details'> & { details: Record<string, Record<string, unknown> | number> })[] {
  return opened.study.db
    .prepare<[], AuditRow>('SELECT actor, action, entity, entity_id, details FROM audit_log ORDER BY id')
    .all()
    .map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, Record<string, unknown>> }));
}

/** The live annotations as the audit trail alone describes them: each row's "after" applied in order. */
function replayAudit(): Map<number, Record<string, unknown>> {
  const state = new Map<number, Record<string, unknown>>();
  for (const { action, entity_id, details } of auditRows()) {
    const id = Number(entity_id);
    const after = details.after as Record<string, unknown>;
    if (action === 'annotation-create' || action === 'annotation-restore') state.set(id, { ...after });
    if (action === 'annotation-update') state.set(id, { ...state.get(id), ...after });
    if (action === 'annotation-delete') state.delete(id);
  }
  return state;
}

describe('editing annotations', () => {
  it('creates an analyst annotation authored by the actor, audited with every field', () => {
    const created = createAnnotation(opened.study.db, record100(), segment, { actor: 'ana', source: 'analyst' });
    expect(created).toMatchObject({ ...segment, author: 'ana', source: 'analyst', subtype: 0 });
    expect(listAnnotations(opened.study.db, record100())).toEqual([created]);
    expect(auditRows()).toEqual([
      {
        actor: 'ana',
        action: 'annotation-create',
        entity: 'annotation',
        entity_id: String(created.id),
        details: { record: record100(), after: { ...segment, subtype: 0, author: 'ana', source: 'analyst' } },
      },
    ]);
    expect(verifyAudit(opened.study.db)).toEqual({ ok: true, rows: 1 });
  });

  it('changes bounds, channel, label and note, auditing each changed field before and after', () => {
    const created = createAnnotation(opened.study.db, record100(), segment, { actor: 'ana', source: 'analyst' });
    const later = new Date(Date.parse(created.createdAt) + 5000);
    const moved = updateAnnotation(
      opened.study.db,
      created.id,
      { sample: 900, endSample: 1500, channel: null },
      'bo',
      later,
    );
    expect(moved).toMatchObject({ sample: 900, endSample: 1500, channel: null, symbol: '(AFIB', author: 'ana' });
    expect(moved.updatedAt).toBe(later.toISOString());
    const relabelled = updateAnnotation(opened.study.db, created.id, { code: 5, symbol: 'V', aux: 'wide QRS' }, 'bo');
    expect(listAnnotations(opened.study.db, record100())).toEqual([relabelled]);

    const [, move, relabel] = auditRows();
    expect(move?.details).toEqual({
      record: record100(),
      before: { sample: 1000, endSample: 1360, channel: 1 },
      after: { sample: 900, endSample: 1500, channel: null },
    });
    expect(relabel).toMatchObject({ actor: 'bo', action: 'annotation-update' });
    expect(relabel?.details).toEqual({
      record: record100(),
      before: { code: null, symbol: '(AFIB', aux: null },
      after: { code: 5, symbol: 'V', aux: 'wide QRS' },
    });
    expect(verifyAudit(opened.study.db).ok).toBe(true);
  });

  it('writes nothing for a change to nothing', () => {
    const created = createAnnotation(opened.study.db, record100(), segment, { actor: 'ana', source: 'analyst' });
    expect(updateAnnotation(opened.study.db, created.id, { sample: 1000, symbol: '(AFIB' }, 'ana')).toEqual(created);
    expect(auditRows()).toHaveLength(1);
  });

  it('deletes softly and restores, refusing to edit a deleted annotation or restore a live one', () => {
    const created = createAnnotation(opened.study.db, record100(), segment, { actor: 'ana', source: 'explainer' });
    deleteAnnotation(opened.study.db, created.id, 'ana');
    expect(listAnnotations(opened.study.db, record100())).toEqual([]);
    expect(findAnnotation(opened.study.db, created.id)?.deletedAt).not.toBeNull();
    expect(() => updateAnnotation(opened.study.db, created.id, { aux: 'x' }, 'ana')).toThrow(
      `cannot change annotation ${created.id}: it is deleted (restore it first)`,
    );
    expect(() => deleteAnnotation(opened.study.db, created.id, 'ana')).toThrow(/it is deleted/);

    const restored = restoreAnnotation(opened.study.db, created.id, 'bo');
    expect(restored).toMatchObject({ ...segment, id: created.id, source: 'explainer', author: 'ana' });
    expect(listAnnotations(opened.study.db, record100())).toEqual([restored]);
    expect(() => restoreAnnotation(opened.study.db, created.id, 'bo')).toThrow(
      `annotation ${created.id} is not deleted`,
    );
    expect(() => restoreAnnotation(opened.study.db, 999_999, 'bo')).toThrow('no annotation 999999 in this study');

    expect(auditRows().map((r) => [r.action, r.actor])).toEqual([
      ['annotation-create', 'ana'],
      ['annotation-delete', 'ana'],
      ['annotation-restore', 'bo'],
    ]);
    expect(auditRows()[1]?.details).toEqual({
      record: record100(),
      before: { ...segment, subtype: 0, author: 'ana', source: 'explainer' },
    });
    expect(verifyAudit(opened.study.db).ok).toBe(true);
  });

  it('edits an imported annotation in the study, keeping its origin', () => {
    insertAnnotations(
      opened.study.db,
      record100(),
      [{ sample: 77, endSample: null, channel: null, code: 1, symbol: 'N', subtype: 0, aux: null }],
      { author: 'mitdb', source: 'imported' },
    );
    const [imported] = listAnnotations(opened.study.db, record100());
    const edited = updateAnnotation(opened.study.db, imported?.id ?? -1, { code: 5, symbol: 'V' }, 'ana');
    expect(edited).toMatchObject({ sample: 77, symbol: 'V', code: 5, author: 'mitdb', source: 'imported' });
  });

  it('leaves a trail from which the live annotations can be rebuilt', () => {
    const a = createAnnotation(opened.study.db, record100(), segment, { actor: 'ana', source: 'analyst' });
    const b = createAnnotation(
      opened.study.db,
      record100(),
      { ...segment, sample: 5, endSample: null, symbol: 'N', code: 1 },
      {
        actor: 'ana',
        source: 'analyst',
      },
    );
    const c = createAnnotation(
      opened.study.db,
      record100(),
      { ...segment, sample: 40_000, endSample: 41_000 },
      {
        actor: 'bo',
        source: 'explainer',
      },
    );
    updateAnnotation(opened.study.db, a.id, { endSample: 2000, aux: 'onset unclear' }, 'bo');
    deleteAnnotation(opened.study.db, b.id, 'ana');
    updateAnnotation(opened.study.db, c.id, { channel: 0 }, 'bo');
    deleteAnnotation(opened.study.db, c.id, 'ana');
    restoreAnnotation(opened.study.db, c.id, 'ana');

    const fromTrail = replayAudit();
    const fromStudy = listAnnotations(opened.study.db, record100());
    expect([...fromTrail.keys()].sort()).toEqual(fromStudy.map((x) => x.id).sort());
    for (const { id, sample, endSample, channel, code, symbol, subtype, aux, author, source } of fromStudy) {
      expect(fromTrail.get(id)).toEqual({ sample, endSample, channel, code, symbol, subtype, aux, author, source });
    }
    expect(verifyAudit(opened.study.db)).toEqual({ ok: true, rows: 8 });
  });
});

describe('annotation bounds', () => {
  const outside: [string, Partial<AnnotationEdit>, string][] = [
    ['a negative sample', { sample: -1 }, 'sample -1 is outside record 100, whose samples run from 0 to 649999'],
    ['a sample past the end', { sample: 650_000, endSample: null }, 'sample 650000 is outside record 100'],
    ['an end before the start', { endSample: 1000 }, 'endSample 1000 must be after sample 1000 and at most 650000'],
    ['an end past the record', { endSample: 650_001 }, 'endSample 650001 must be after sample 1000'],
    ['a channel it lacks', { channel: 2 }, 'record 100 has no channel 2; it has channels 0 to 1'],
  ];

  it.each(outside)('refuses %s when creating, writing nothing', (_, change, message) => {
    expect(() =>
      createAnnotation(opened.study.db, record100(), { ...segment, ...change }, { actor: 'ana', source: 'analyst' }),
    ).toThrow(message);
    expect(listAnnotations(opened.study.db, record100())).toEqual([]);
    expect(auditRows()).toEqual([]);
  });

  it.each(outside)('refuses %s when updating, changing nothing', (_, change, message) => {
    const created = createAnnotation(opened.study.db, record100(), segment, { actor: 'ana', source: 'analyst' });
    expect(() => updateAnnotation(opened.study.db, created.id, change, 'ana')).toThrow(message);
    expect(listAnnotations(opened.study.db, record100())).toEqual([created]);
    expect(auditRows()).toHaveLength(1);
  });

  it('accepts the record’s first and last samples, and an end at the record’s end', () => {
    const first = createAnnotation(
      opened.study.db,
      record100(),
      { ...segment, sample: 0, endSample: 650_000 },
      {
        actor: 'ana',
        source: 'analyst',
      },
    );
    const last = createAnnotation(
      opened.study.db,
      record100(),
      { ...segment, sample: 649_999, endSample: null },
      {
        actor: 'ana',
        source: 'analyst',
      },
    );
    expect(listAnnotations(opened.study.db, record100()).map((a) => a.id)).toEqual([first.id, last.id]);
  });

  it('refuses a record the study does not have', () => {
    expect(() => createAnnotation(opened.study.db, 4242, segment, { actor: 'ana', source: 'analyst' })).toThrow(
      'no record with id 4242 in this study',
    );
  });
});

describe('study labels', () => {
  it('adds labels in order, audited, and refuses one the study has already', () => {
    addAnnotationLabel(opened.study.db, { label: 'noise burst', description: 'EMG noise over a beat' }, 'ana');
    addAnnotationLabel(opened.study.db, { label: 'lead swap', description: '' }, 'bo');
    expect(listAnnotationLabels(opened.study.db)).toMatchObject([
      { label: 'noise burst', description: 'EMG noise over a beat', createdBy: 'ana' },
      { label: 'lead swap', description: '', createdBy: 'bo' },
    ]);
    expect(() => addAnnotationLabel(opened.study.db, { label: 'lead swap', description: 'again' }, 'ana')).toThrow(
      "the study already has the label 'lead swap'",
    );
    expect(auditRows().map((r) => [r.action, r.entity_id, r.details])).toEqual([
      ['annotation-label-add', 'noise burst', { label: 'noise burst', description: 'EMG noise over a beat' }],
      ['annotation-label-add', 'lead swap', { label: 'lead swap', description: '' }],
    ]);
    expect(verifyAudit(opened.study.db).ok).toBe(true);
  });
});
