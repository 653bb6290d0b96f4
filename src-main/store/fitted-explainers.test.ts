import { describe, expect, it } from 'vitest';
import { openStudyPerTest } from '../../test/support/temp-study';
import { verifyAudit } from './audit';
import {
  deleteFittedExplainer,
  insertFittedExplainer,
  listFittedExplainers,
  readFittedExplainer,
  type NewFittedExplainer,
} from './fitted-explainers';

const opened = openStudyPerTest();

function fitted(overrides: Partial<NewFittedExplainer> = {}): NewFittedExplainer {
  // An odd offset into a larger buffer: the store must copy exactly the view's bytes.
  const onnx = new Uint8Array(new ArrayBuffer(32), 3, 10).map((_, i) => 200 + i);
  return {
    modelId: 'timex-freqshapes-split-0',
    modelSha256: 'cd'.repeat(32),
    method: 'timexpp',
    params: { preset: 'freqshapes', epochs: 50 },
    seed: 3,
    onnx,
    metrics: { selectedEpoch: 22, auprc: 0.87 },
    ...overrides,
  };
}

describe('fitted explainers in the study (migration 008)', () => {
  it('stores the ONNX bytes and provenance, lists by model and method, and audits', () => {
    const first = insertFittedExplainer(opened.study.db, fitted(), 'tester', new Date('2026-11-26T06:00:00Z'));
    const second = insertFittedExplainer(opened.study.db, fitted({ method: 'ib-gradient-free', seed: 4 }), 'tester');
    insertFittedExplainer(opened.study.db, fitted({ modelSha256: 'ef'.repeat(32) }), 'tester');

    const stored = readFittedExplainer(opened.study.db, first);
    expect(Array.from(stored?.onnx ?? [])).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 209]);
    expect(stored).toMatchObject({
      modelId: 'timex-freqshapes-split-0',
      method: 'timexpp',
      params: { preset: 'freqshapes', epochs: 50 },
      seed: 3,
      onnxBytes: 10,
      metrics: { selectedEpoch: 22, auprc: 0.87 },
      createdAt: '2026-11-26T06:00:00.000Z',
      createdBy: 'tester',
    });
    expect(listFittedExplainers(opened.study.db, 'cd'.repeat(32)).map((e) => e.id)).toEqual([second, first]);
    expect(listFittedExplainers(opened.study.db, 'cd'.repeat(32), 'timexpp').map((e) => e.id)).toEqual([first]);

    const actions = opened.study.db
      .prepare<[], { action: string; entity_id: string }>(
        "SELECT action, entity_id FROM audit_log WHERE action LIKE 'fitted-explainer%' ORDER BY id",
      )
      .all();
    expect(actions).toEqual([
      { action: 'fitted-explainer-create', entity_id: 'timex-freqshapes-split-0' },
      { action: 'fitted-explainer-create', entity_id: 'timex-freqshapes-split-0' },
      { action: 'fitted-explainer-create', entity_id: 'timex-freqshapes-split-0' },
    ]);
    expect(verifyAudit(opened.study.db).ok).toBe(true);
  });

  it('deletes audited, and refuses empty bytes or a malformed hash', () => {
    const id = insertFittedExplainer(opened.study.db, fitted(), 'tester');
    expect(deleteFittedExplainer(opened.study.db, id, 'tester')).toBe(true);
    expect(readFittedExplainer(opened.study.db, id)).toBeUndefined();
    expect(deleteFittedExplainer(opened.study.db, id, 'tester')).toBe(false);
    expect(() => insertFittedExplainer(opened.study.db, fitted({ onnx: new Uint8Array(0) }), 'tester')).toThrow(/onnx/);
    expect(() => insertFittedExplainer(opened.study.db, fitted({ modelSha256: 'short' }), 'tester')).toThrow(/CHECK/);
    const last = opened.study.db
      .prepare<[], { action: string }>('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1')
      .get();
    expect(last?.action).toBe('fitted-explainer-delete');
  });
});
