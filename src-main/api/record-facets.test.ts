import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModels, predictRecord } from '../models';
import { deleteAnnotation, insertAnnotations, listAnnotations } from '../store';
import { GROUND_TRUTH_LABEL } from './method-names';
import { recordFacets } from './record-facets';
import { openBeatStudy, type BeatStudy } from './testing/beat-study';

const RATE = 360;
let beats: BeatStudy;

beforeAll(async () => (beats = await openBeatStudy()));
afterAll(() => beats.close());

describe('recordFacets', () => {
  it("lists a record's annotation labels (a rhythm change by its rhythm) and the classes a model predicted", async () => {
    const { study, recordId, ecg } = beats;
    const beatSymbols = [...new Set(ecg.beats.map((b) => b.symbol))];
    // The synthetic record's rhythm annotation is a '+' with aux '(N'; its PVCs come with ground-truth segments.
    expect(recordFacets(study.db)).toEqual([
      { recordId, labels: ['+(N', GROUND_TRUTH_LABEL, ...beatSymbols].sort(), predicted: [] },
    ]);

    await predictRecord(study.db, 'ecg-beat-cnn', String(recordId), { actor: 'tester', toSample: 20 * RATE });
    const classNames = listModels(study.db)[0]?.card.classNames ?? [];
    const windows = study.db
      .prepare<[number], { label: number }>('SELECT label FROM model_predictions WHERE record_id = ?')
      .all(recordId);
    expect(windows).toHaveLength(20);
    const expected = [...new Set(windows.map((w) => classNames[w.label]))].sort();
    const [facets] = recordFacets(study.db);
    expect(facets?.predicted.map((p) => ({ ...p, classes: [...p.classes].sort() }))).toEqual([
      { modelId: 'ecg-beat-cnn', classes: expected },
    ]);
  });

  it('leaves out deleted annotations', () => {
    const { study, recordId } = beats;
    insertAnnotations(
      study.db,
      recordId,
      [{ sample: 10, endSample: 400, channel: 0, code: null, symbol: 'Noisy', subtype: 0, aux: null }],
      { author: 'tester', source: 'analyst' },
    );
    expect(recordFacets(study.db)[0]?.labels).toContain('Noisy');
    const added = listAnnotations(study.db, recordId).find((a) => a.symbol === 'Noisy');
    if (added === undefined) throw new Error('the annotation was not stored');
    deleteAnnotation(study.db, added.id, 'tester');
    expect(recordFacets(study.db)[0]?.labels).not.toContain('Noisy');
  });
});
