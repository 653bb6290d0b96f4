import { describe, expect, it } from 'vitest';
import { deepLift } from './deeplift';
import { integratedGradients } from './integrated-gradients';
import { occlusion } from './occlusion';
import { captumModel, captumModels } from './testing/captum-models';
import type { CaptumModel } from './testing/captum-models';
import { expectClose, goldenJson, nestedTensor } from './testing/golden';
import type { Nested } from './testing/golden';

/**
 * The IG, Occlusion and DeepLift cases of captum_test_vectors.json (re-run from Captum's own tests)
 * on the toy models traced with the engine. Not covered, and why:
 * - test_multi_input_ablation_* and test_simple_multi_input_conv: a window per input tensor (of
 *   different shapes), which one [B, T, F] input with one window cannot express;
 * - test_feature_ablation.py: FeatureAblation with a feature mask is not one of these explainers;
 * - test_lin_maxpool_lin_classification: Captum's MaxPool rule for DeepLift is not implemented
 *   (MaxPool passes its ordinary gradient, and DeepLift's info says so).
 */
interface Case {
  readonly source: string;
  readonly model: string;
  readonly inputs: Nested;
  readonly baselines?: Nested;
  readonly target?: number;
  readonly method?: string;
  readonly n_steps?: number;
  readonly multiply_by_inputs?: boolean;
  readonly settings?: { sliding_window_shapes: Nested; strides?: number; baselines?: Nested };
  readonly perturbations_per_eval?: number;
  readonly captum_output: Nested;
  readonly delta?: number[];
  readonly n_steps100_internal_batch_size10?: { attr: Nested; delta: number[] };
}

const cases = goldenJson<{ cases: Case[] }>('captum_test_vectors.json').cases;
const known = (c: Case): c is Case & { model: CaptumModel } => captumModels.includes(c.model as CaptumModel);
const of = (file: string) => cases.filter((c) => c.source.startsWith(file)).filter(known);
const named = <T extends Case>(list: readonly T[]) =>
  list.map((c, i) => [`${i}: ${c.source} ${c.method ?? ''}`, c] as const);

/** Captum's per-input values as [B, 1, F]: input k of example b is feature k (single-input models: as given). */
function windows(model: CaptumModel, value: Nested, features: number): Nested {
  const rows = value as Nested[];
  if (features === 1) return rows.map((v) => [[v]]);
  if (model === 'BasicModel_MultiLayer') return rows.map((v) => [v]);
  const examples = (rows[0] as Nested[]).length;
  return Array.from({ length: examples }, (_, b) => [rows.map((input) => (input as Nested[])[b] ?? null)]);
}

/** A Captum baseline as a request's: a number, zero, or a tensor passed as the reference. */
function baselineOf(model: CaptumModel, value: Nested | undefined, features: number) {
  if (value === undefined || value === null) return { baseline: 'zero' as const };
  if (typeof value === 'number') return { baseline: value };
  // One example's baseline (Captum broadcasts it over the batch).
  const rows = model === 'BasicModel_MultiLayer' && !Array.isArray(value[0]) ? [value] : value;
  return { baseline: 'reference' as const, reference: nestedTensor(windows(model, rows, features)) };
}

function expectDelta(actual: unknown, expected: readonly number[] | undefined): void {
  const delta = actual as number[];
  expect(delta).toHaveLength(expected?.length ?? 0);
  delta.forEach((d, i) => expect(Math.abs(d - (expected?.[i] ?? NaN))).toBeLessThan(1e-4));
}

async function setup(c: Case & { model: CaptumModel }) {
  const { box, features } = await captumModel(c.model);
  const x = nestedTensor(windows(c.model, c.inputs, features));
  const request = { model: box, x, seed: 0, ...(c.target === undefined ? {} : { targets: [c.target] }) };
  return { request, features, expected: (v: Nested) => windows(c.model, v, features) };
}

describe('Captum test vectors: IntegratedGradients', () => {
  it.each(named(of('test_integrated_gradients_basic.py')))('%s', async (_, c) => {
    const { request, features, expected } = await setup(c);
    const { baseline, reference } = baselineOf(c.model, c.baselines, features);
    const params = { nSteps: c.n_steps, method: c.method, multiplyByInputs: c.multiply_by_inputs ?? true, baseline };
    const { saliency, info } = await integratedGradients.explain({ ...request, reference, params });
    expectClose(saliency, expected(c.captum_output));
    expectDelta(info.diagnostics?.delta, c.delta);
    const batched = c.n_steps100_internal_batch_size10;
    if (batched) {
      const again = await integratedGradients.explain({
        ...request,
        reference,
        params: { ...params, nSteps: 100, internalBatchSize: 10 },
      });
      expectClose(again.saliency, expected(batched.attr));
      expectDelta(again.info.diagnostics?.delta, batched.delta);
    }
  });
});

describe('Captum test vectors: Occlusion', () => {
  it.each(named(of('test_occlusion.py')))('%s', async (_, c) => {
    const { request, features, expected } = await setup(c);
    const settings = c.settings ?? { sliding_window_shapes: [1] };
    const width = (settings.sliding_window_shapes as Nested[]).flat(1)[0] as number;
    const { baseline, reference } = baselineOf(c.model, settings.baselines, features);
    const { saliency } = await occlusion.explain({
      ...request,
      reference,
      params: {
        window: [1, width],
        strides: [1, settings.strides ?? 1],
        baseline,
        internalBatchSize: c.perturbations_per_eval ?? 1,
      },
    });
    expectClose(saliency, expected(c.captum_output));
  });
});

describe('Captum test vectors: DeepLift', () => {
  it.each(named(of('test_deeplift_basic.py')))('%s', async (_, c) => {
    const { request, features, expected } = await setup(c);
    const { baseline, reference } = baselineOf(c.model, c.baselines, features);
    const params = { multiplyByInputs: c.multiply_by_inputs ?? true, baseline };
    const { saliency, info } = await deepLift.explain({ ...request, reference, params });
    expectClose(saliency, expected(c.captum_output));
    if (c.delta) expectDelta(info.diagnostics?.delta, c.delta);
  });
});
