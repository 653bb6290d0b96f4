import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModel, writeModel } from '../engine';
import type { Tensor } from '../engine';
import { findModel, loadRegisteredModel, matchChannels, registerModel, removeModel } from '../models';
import { sha256Hex } from '../models/loaded-model';
import { createStripStudy, maxAbsDifference, stripMv } from '../models/testing/strip-study';
import { findRecord, openStudy, readExplanation, verifyAudit, type Study } from '../store';
import { insertFittedExplainer, listStudyFittedExplainers } from '../store/fitted-explainers';
import type { BlackBox } from './black-box';
import { fitIbPolicy, policyMaps } from './ib-gradient-free';
import { modelInput } from './model-input';
import { explainRecordWindows } from './record-explanation';
import { sharedBlackBox } from './shared-black-box';
import { studyReferenceWindows } from './study-reference';
import { fittedExplainerRecord, fitTimexpp, timexppMaps } from './timexpp';

let dir: string;
let study: Study;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salience-study-fit-'));
  study = openStudy((await createStripStudy(dir)).study);
});
afterAll(() => {
  study.close();
  rmSync(dir, { recursive: true, force: true });
});

const TIMEXPP = { epochs: 1, batchSize: 5 };
const IB = { epochs: 1, batchSize: 5, masksPerInput: 2 };

/** Explains the strip's first window; returns the stored explanation. */
async function explainFirstWindow(
  method: string,
  params: unknown,
  seed: number,
  cancel?: { throwIfCancelled(): void },
) {
  const { explanationIds } = await explainRecordWindows(study.db, {
    modelId: 'scaled-cnn',
    record: 'strip',
    method,
    params,
    seed,
    fromSample: 0,
    actor: 'tester',
    cancel,
  });
  expect(explanationIds).toHaveLength(1);
  const stored = readExplanation(study.db, explanationIds[0] ?? -1);
  if (!stored) throw new Error('the explanation was not stored');
  return {
    saliency: stored.saliency,
    notes: (stored.info.notes ?? []) as string[],
    diagnostics: stored.info.diagnostics as Record<string, unknown>,
  };
}

const fits = () => listStudyFittedExplainers(study.db).map((f) => f.id);
const auditActions = (action: string) =>
  study.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action)?.n;

/** The strip's first window as the model is fed it. */
function firstWindow() {
  const { card } = findModel(study.db, 'scaled-cnn');
  return modelInput(study.db, card, matchChannels(findRecord(study.db, 'strip'), card), [0]);
}

/** A fit made in memory on the windows the study draws for `seed`. */
function fitInMemory<S>(
  fit: (box: BlackBox, reference: Tensor, params: unknown, options: { seed: number }) => Promise<S>,
  params: unknown,
  seed: number,
): Promise<S> {
  const model = loadRegisteredModel(study.db, 'scaled-cnn');
  return fit(sharedBlackBox(model), studyReferenceWindows(study.db, model.card, seed).x, params, { seed });
}

/** The largest difference between a stored map of the strip's first window and an in-memory read-out of it. */
async function differenceFrom(saliency: Float32Array, readOut: (x: Tensor) => Promise<Tensor>): Promise<number> {
  return maxAbsDifference(saliency, (await readOut(firstWindow())).data as Float32Array);
}

describe('reference windows drawn from the study', () => {
  it('are the side-by-side windows of the records the model accepts, preprocessed, drawn by the seed up to the cap', () => {
    const { card } = findModel(study.db, 'scaled-cnn');
    const all = studyReferenceWindows(study.db, card, 1);
    expect(all).toMatchObject({ records: 1, candidates: 10 });
    expect(all.x.shape).toEqual([10, 360, 1]);
    // Window 3 of the strip, standardised as the card says (mean 0.1, std 2).
    const expected = Float32Array.from(stripMv.subarray(1080, 1440), (v) => (v - 0.1) / 2);
    expect(maxAbsDifference(all.x.data.slice(3 * 360, 4 * 360) as Float32Array, expected)).toBeLessThan(1e-6);

    const three = (seed: number) => Array.from(studyReferenceWindows(study.db, card, seed, 3).x.data as Float32Array);
    expect(three(1)).toHaveLength(3 * 360);
    expect(three(1)).toEqual(three(1));
    expect(three(2)).not.toEqual(three(1));
  });
});

describe('an amortised explainer in a study', { timeout: 120_000 }, () => {
  it('is fitted on the study and stored on the first run, reused on the next, refitted for another seed or parameters', async () => {
    expect(fits()).toEqual([]);
    const first = await explainFirstWindow('timexpp', TIMEXPP, 3);
    const [id] = fits();
    expect(fits()).toHaveLength(1);
    expect(auditActions('fitted-explainer-create')).toBe(1);
    expect(first.notes[0]).toMatch(
      new RegExp(
        `^fitted the explainer for this run and stored it: fitted explainer #${id}, .* on 10 windows of 1 records of the study`,
      ),
    );
    expect(first.diagnostics.fittedExplainer).toBe(id);

    // The same fit as one made in memory on the same windows, read out without ONNX.
    const state = await fitInMemory(fitTimexpp, TIMEXPP, 3);
    expect(await differenceFrom(first.saliency, (x) => timexppMaps(state, x))).toBeLessThan(1e-5);

    // Parameters in another order (and defaults spelled out) are the same fit.
    const second = await explainFirstWindow('timexpp', { batchSize: 5, epochs: 1, preset: 'freqshapes' }, 3);
    expect(fits()).toEqual([id]);
    expect(auditActions('fitted-explainer-create')).toBe(1);
    expect(second.notes[0]).toMatch(new RegExp(`^reused the stored explainer: fitted explainer #${id}, fitted 20`));
    expect(Array.from(second.saliency)).toEqual(Array.from(first.saliency));

    await explainFirstWindow('timexpp', TIMEXPP, 4);
    await explainFirstWindow('timexpp', { ...TIMEXPP, epochs: 2 }, 3);
    expect(fits()).toHaveLength(3);
    expect(new Set(fits()).size).toBe(3);
    expect(verifyAudit(study.db).ok).toBe(true);
  });

  it('stores nothing when the run is cancelled during the fit', async () => {
    const before = fits();
    let checks = 0;
    const cancel = {
      throwIfCancelled() {
        if (++checks > 1) throw new Error('cancelled');
      },
    };
    await expect(explainFirstWindow('timexpp', TIMEXPP, 99, cancel)).rejects.toThrow('cancelled');
    expect(checks).toBe(2);
    expect(fits()).toEqual(before);
  });

  it('reuses a TimeX++ fit stored by other means (fittedExplainerRecord) when its key matches', async () => {
    const state = await fitInMemory(fitTimexpp, TIMEXPP, 7);
    const { sha256 } = findModel(study.db, 'scaled-cnn');
    const id = insertFittedExplainer(study.db, fittedExplainerRecord(state, { id: 'scaled-cnn', sha256 }), 'bench');
    const explained = await explainFirstWindow('timexpp', TIMEXPP, 7);
    expect(fits()[0]).toBe(id);
    expect(explained.notes[0]).toMatch(
      new RegExp(`^reused the stored explainer: fitted explainer #${id}, .* by bench on windows it does not record;`),
    );
    expect(await differenceFrom(explained.saliency, (x) => timexppMaps(state, x))).toBeLessThan(1e-5);
  });

  it('never reuses the fit of a model whose bytes changed', async () => {
    const old = loadRegisteredModel(study.db, 'scaled-cnn');
    const before = fits();
    await explainFirstWindow('timexpp', TIMEXPP, 3);
    expect(fits()).toEqual(before);

    // The same id registered again with other bytes (the same network, another graph name).
    const parsed = readModel(old.bytes);
    const bytes = writeModel({ ...parsed, graph: { ...parsed.graph, name: 'retrained' } });
    removeModel(study.db, 'scaled-cnn', 'tester');
    registerModel(
      study.db,
      { ...old, bytes, sha256: sha256Hex(bytes), card: { ...old.card, sha256: sha256Hex(bytes) } },
      { actor: 'tester' },
    );
    const after = await explainFirstWindow('timexpp', TIMEXPP, 3);
    const [newest] = fits();
    expect(fits()).toHaveLength(before.length + 1);
    expect(after.notes[0]).toMatch(
      new RegExp(`^fitted the explainer for this run and stored it: fitted explainer #${newest}`),
    );
    expect(listStudyFittedExplainers(study.db)[0]?.modelSha256).toBe(sha256Hex(bytes));
  });

  it('stores the IB policy the same way, and its stored read-out gives the in-memory maps', async () => {
    const first = await explainFirstWindow('ib-gradient-free', IB, 5);
    const [id] = fits();
    expect(listStudyFittedExplainers(study.db)[0]).toMatchObject({
      id,
      method: 'ib-gradient-free',
      params: { lambda: 1 },
    });
    const second = await explainFirstWindow('ib-gradient-free', IB, 5);
    expect(fits()[0]).toBe(id);
    expect(second.notes[0]).toMatch(new RegExp(`^reused the stored policy: fitted explainer #${id}`));

    const policy = await fitInMemory(fitIbPolicy, IB, 5);
    expect(await differenceFrom(first.saliency, (x) => policyMaps(policy, x))).toBeLessThan(1e-5);
  });
});
