import { describe, expect, it } from 'vitest';
import { openStudyPerTest } from '../../test/support/temp-study';
import { verifyAudit } from './audit';
import { insertExplanation, listExplanations, readExplanation, type NewExplanation } from './explanations';
import { listRecords } from './records';

const opened = openStudyPerTest();

function record100(): { id: number; channelIds: number[] } {
  const id = listRecords(opened.study.db, '100')[0]?.id ?? -1;
  const channelIds = opened.study.db
    .prepare<[number], number>('SELECT id FROM channels WHERE record_id = ? ORDER BY id')
    .pluck()
    .all(id);
  return { id, channelIds };
}

function explanation(overrides: Partial<NewExplanation> = {}): NewExplanation {
  const { id, channelIds } = record100();
  // An odd offset into a larger buffer: the store must not assume an aligned, whole buffer.
  const saliency = new Float32Array(new ArrayBuffer(4 * 13), 4, 6).map((_, i) => (i - 2.5) / 3);
  return {
    recordId: id,
    modelId: 'ecg-beat-cnn',
    modelSha256: 'ab'.repeat(32),
    method: 'integrated-gradients',
    params: { nSteps: 50, method: 'gausslegendre', baseline: 'zero' },
    seed: 7,
    target: 1,
    channelIds,
    startSample: 720,
    sampleCount: 3,
    windowLength: 3,
    scale: 'signed',
    saliency,
    info: { runtimeMs: 12.5, steps: 50 },
    jobId: null,
    ...overrides,
  };
}

describe('explanations', () => {
  it('stores a map with its provenance and reads it back exactly, audited', () => {
    const input = explanation();
    const id = insertExplanation(opened.study.db, input, 'ana');
    const stored = readExplanation(opened.study.db, id);
    const { saliency, ...provenance } = input;
    expect(stored).toMatchObject({ ...provenance, featureCount: 2, createdBy: 'ana' });
    expect(Array.from(stored?.saliency ?? [])).toEqual(Array.from(saliency));
    const audit = opened.study.db.prepare('SELECT action, entity_id FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(audit).toEqual({ action: 'explanation-create', entity_id: String(input.recordId) });
    expect(verifyAudit(opened.study.db).ok).toBe(true);
  });

  it('lists a record’s explanations in window order without their maps', () => {
    const later = insertExplanation(opened.study.db, explanation({ startSample: 9000 }), 'ana');
    const earlier = insertExplanation(opened.study.db, explanation({ startSample: 10, method: 'occlusion' }), 'ana');
    const list = listExplanations(opened.study.db, record100().id);
    expect(list.map((e) => e.id)).toEqual([earlier, later]);
    expect(list[0]).not.toHaveProperty('saliency');
    expect(readExplanation(opened.study.db, 999_999)).toBeUndefined();
  });

  it('refuses a map whose size does not match its window and channels, writing nothing', () => {
    expect(() => insertExplanation(opened.study.db, explanation({ windowLength: 4 }), 'ana')).toThrow(
      /6 values, expected 4 samples × 2 channels/,
    );
    expect(listExplanations(opened.study.db, record100().id)).toEqual([]);
  });
});
