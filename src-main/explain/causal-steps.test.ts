import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromNumbers, readModel, Rng, tensor, writeModel } from '../engine';
import type { Tensor } from '../engine';
import type { BlackBox } from './black-box';
import { causalSteps, timeForwardGradients } from './causal-steps';
import { deepLift } from './deeplift';
import type { Explainer, ExplainRequest, Explanation } from './explainer';
import { explainGradientShap } from './gradient-shap';
import type { GradientShapParams } from './gradient-shap';
import { integratedGradients } from './integrated-gradients';
import { lastStepView } from './last-step-view';
import type { RandomSource } from './random-source';
import { timeForward } from './time-forward-wrapper';
import { prefixRows, windowShape } from './window-inputs';

// The State black box of fold 0: ONNX GRU (linear_before_reset) → BatchNorm → ReLU → linear, per step.
const state: BlackBox = {
  name: 'state fold-0',
  onnx: readFileSync(join(import.meta.dirname, '../../models/benchmarks/state/fold-0.onnx')),
  output: 'logits',
};
const x = new Rng(5).normal([3, 9, 3]);

/** What the tunnel is defined as: `explain` on each prefix x[:, :t], keeping its last step. */
async function prefixLoop(x: Tensor, explain: (prefix: Tensor) => Promise<Explanation>): Promise<Float32Array> {
  const shape = windowShape(x);
  const { batch: B, time: T, features: F } = shape;
  const out = new Float32Array(B * T * F);
  for (let t = 1; t <= T; t++) {
    const prefix = tensor('float32', [B, t, F], prefixRows(x.data as Float32Array, shape, t));
    const map = (await explain(prefix)).saliency.data as Float32Array;
    for (let i = 0; i < B; i++) out.set(map.subarray((i * t + t - 1) * F, (i * t + t) * F), (i * T + t - 1) * F);
  }
  return out;
}

function expectSameMap(actual: Float32Array, expected: Float32Array): void {
  const scale = Math.max(...expected.map(Math.abs));
  expect(scale).toBeGreaterThan(0);
  actual.forEach((v, i) => expect(Math.abs(v - (expected[i] ?? NaN))).toBeLessThan(1e-4 * scale));
}

describe('the time-forward tunnel in one pass (causal steps)', { timeout: 120_000 }, () => {
  it('gives IG the entries the prefix loop keeps, on the State GRU', async () => {
    const model = lastStepView(state);
    const params = { nSteps: 16 };
    const one = await timeForward(integratedGradients).explain({ model, x, seed: 0, params });
    expect(one.info.notes?.[0]).toMatch(/in one pass/);
    const loop = await prefixLoop(x, (prefix) => integratedGradients.explain({ model, x: prefix, seed: 0, params }));
    expectSameMap(one.saliency.data as Float32Array, loop);
  });

  it("gives GradientSHAP the prefix loop's entries for the same draws", async () => {
    const model = lastStepView(state);
    // The same draws for every prefix and the whole series: the one pass shares them across steps.
    const fixed = (): RandomSource => ({
      index: (n) => n - 1,
      uniform: () => 0.37,
      normal: (n) => new Float32Array(n),
    });
    const reference = new Rng(6).normal([2, 9, 3]);
    const params: GradientShapParams = { nSamples: 2, stdevs: 0, multiplyByInputs: true };
    const request: ExplainRequest<GradientShapParams> = { model, x, seed: 0, params, reference };
    const causal = await causalSteps(request);
    if (typeof causal === 'string') throw new Error(causal);
    const tunnel = await timeForwardGradients(request, causal, 'gradient-shap');
    const one = await explainGradientShap(request, fixed(), tunnel);
    const loop = await prefixLoop(x, (prefix) => {
      const t = prefix.shape[1] ?? 0;
      const cut = tensor('float32', [2, t, 3], prefixRows(reference.data as Float32Array, windowShape(reference), t));
      return explainGradientShap({ ...request, x: prefix, reference: cut }, fixed());
    });
    expectSameMap(one.saliency.data as Float32Array, loop);
    expect(tunnel.targetsPerTime).toHaveLength(9 * 3);
  });

  it("gives DeepLift the prefix loop's entries: one step against the baseline prefix's state", async () => {
    const model = lastStepView(state);
    const params = { baseline: 'mean' as const };
    const reference = new Rng(8).normal([4, 9, 3]);
    const tunnelled = timeForward(deepLift);
    const one = await tunnelled.explain({ model, x, seed: 0, params, reference });
    expect(one.info.notes?.[0]).toMatch(/in one pass/);
    expect(one.info.diagnostics?.rescaledNodes).toBe(1);
    const loop = await prefixLoop(x, (prefix) => {
      const t = prefix.shape[1] ?? 0;
      const cut = tensor('float32', [4, t, 3], prefixRows(reference.data as Float32Array, windowShape(reference), t));
      return deepLift.explain({ model, x: prefix, seed: 0, params, reference: cut });
    });
    expectSameMap(one.saliency.data as Float32Array, loop);
  });

  it('runs long series in chunks of whole series, each window as it is alone', async () => {
    // 700 steps: a chunk holds 46 series, so the 3 × 16 path points run as 46 + 2.
    const model = lastStepView(state);
    const long = new Rng(7).normal([3, 700, 3]);
    const params = { nSteps: 16 };
    const together = (await timeForward(integratedGradients).explain({ model, x: long, seed: 0, params })).saliency;
    const size = 700 * 3;
    for (let i = 0; i < 3; i++) {
      const alone = tensor('float32', [1, 700, 3], (long.data as Float32Array).slice(i * size, (i + 1) * size));
      const map = (await timeForward(integratedGradients).explain({ model, x: alone, seed: 0, params })).saliency;
      expectSameMap((together.data as Float32Array).subarray(i * size, (i + 1) * size), map.data as Float32Array);
    }
  });

  it('falls back to the prefix loop, saying why, where the graph mixes time steps', async () => {
    const model = lastStepView(withRunningSum(state));
    const short = tensor('float32', [3, 4, 3], prefixRows(x.data as Float32Array, windowShape(x), 4));
    const tunnelled: Explainer = timeForward(integratedGradients);
    const params = { nSteps: 8 };
    const fallback = await tunnelled.explain({ model, x: short, seed: 0, params });
    expect(fallback.info.notes?.[0]).toMatch(
      /^one prefix at a time: .*step 4 of window 0 .*the graph mixes time steps/,
    );
    const loop = await prefixLoop(short, (prefix) =>
      integratedGradients.explain({ model, x: prefix, seed: 0, params }),
    );
    expectSameMap(fallback.saliency.data as Float32Array, loop);
  });
});

/** The box with its per-step outputs summed over time (CumSum on axis 1): step t then depends on every x_s, s ≤ t. */
function withRunningSum(box: BlackBox): BlackBox {
  const model = readModel(box.onnx);
  const [output] = model.graph.outputs;
  if (!output) throw new Error('no output');
  const summed = { ...output, name: 'running_sum' };
  const graph = {
    ...model.graph,
    outputs: [summed],
    initializers: new Map([...model.graph.initializers, ['running_sum.axis', fromNumbers('int64', [], [1])]]),
    nodes: [
      ...model.graph.nodes,
      {
        name: 'running_sum',
        op: 'CumSum',
        domain: '',
        inputs: [output.name, 'running_sum.axis'],
        outputs: [summed.name],
        attributes: {},
      },
    ],
  };
  return { ...box, name: `${box.name} (running sum)`, onnx: writeModel({ ...model, graph }) };
}
