import { describe, expect, it } from 'vitest';
import { toNumbers } from '../engine';
import { afo, afoParams, explainAfo } from './afo';
import { fo } from './fo';
import { prefixModel } from './time-forward-tunnel';
import type { RandomSource } from './random-source';
import { expectClose, golden, goldenBox, goldenJson } from './testing/golden';
import type { Nested } from './testing/golden';

interface FoCase {
  readonly argmax_target_per_time: number[][];
  readonly attr: Nested;
}
interface AfoCase {
  readonly exact_expectation: Nested;
  readonly max_abs_diff_n_sampling3000_vs_expectation: number;
}

/** Draws reference rows 0, 1, …, N − 1, 0, 1, …: with nSampling = N every row is used once per window. */
function everyRow(): RandomSource {
  let next = 0;
  return {
    index: (n) => next++ % n,
    uniform: () => {
      throw new Error('AFO draws no uniforms');
    },
    normal: () => {
      throw new Error('AFO draws no noise');
    },
  };
}

describe.each(['gru_clf', 'conv1d_clf'] as const)('%s', (model) => {
  const expected = goldenJson<Record<string, unknown>>(`attributions_${model}.json`);
  const request = { model: goldenBox(model), x: golden.x, seed: 11, reference: golden.xTrain };

  it('fo is tint’s TimeForwardTunnel(TemporalOcclusion) with the training mean (fo.time_forward_tunnel.temporal_occlusion)', async () => {
    const want = expected['fo.time_forward_tunnel.temporal_occlusion'] as FoCase;
    const { saliency, scale, info } = await fo.explain({ ...request, params: {} });
    expectClose(saliency, want.attr, 1e-6);
    expect(scale).toBe('non-negative');
    expect(info.diagnostics?.targetsPerTime).toEqual(want.argmax_target_per_time.flat());
    expect(info.steps).toBe(5);
    // The GRU runs only each prefix's last step; the CNN mixes time steps, so each prefix runs whole.
    expect(info.notes?.[0]).toMatch(
      model === 'gru_clf' ? /one step at a time/ : /one prefix at a time: .*recurrent nodes/,
    );
  });

  const afoKey = 'afo.time_forward_tunnel.temporal_augmented_occlusion';

  it('afo over every reference row once is exactly its expectation', async () => {
    const want = expected[afoKey] as AfoCase;
    const params = afoParams.parse({ nSampling: 6 });
    const { saliency } = await explainAfo({ ...request, params }, everyRow());
    expectClose(saliency, want.exact_expectation, 1e-6);
  });

  it('afo with seeded draws converges to its expectation (Monte-Carlo tolerance)', async () => {
    const want = expected[afoKey] as AfoCase;
    const params = { nSampling: 3000, internalBatchSize: 8192 };
    const { saliency } = await afo.explain({ ...request, params });
    // The fixture's own 3000-sample run strayed by max_abs_diff; allow three times that.
    const tolerance = 3 * want.max_abs_diff_n_sampling3000_vs_expectation;
    const expectation = (want.exact_expectation as number[][][]).flat(2);
    const errors = toNumbers(saliency).map((v, i) => Math.abs(v - (expectation[i] ?? NaN)));
    expect(Math.max(...errors)).toBeLessThan(tolerance);
    expect(Math.max(...errors)).toBeGreaterThan(0);
  });

  it('afo repeats with its seed and changes with it', async () => {
    const runs = await Promise.all([5, 5, 6].map((seed) => afo.explain({ ...request, seed, params: {} })));
    const [a, b, c] = runs.map((r) => toNumbers(r.saliency));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

it('fo refuses a model that only accepts the full window length', async () => {
  await expect(
    fo.explain({ model: goldenBox('mlp_tanh_sigmoid'), x: golden.x, seed: 0, reference: golden.xTrain, params: {} }),
  ).rejects.toThrow(/does not fit/);
});

describe('prefixModel', () => {
  it("gives each prefix length the model's own bytes in a view of their own, run without the memory arena", () => {
    const box = { ...goldenBox('mlp_tanh_sigmoid'), programOptions: { intraOpThreads: 1 } };
    const view = prefixModel(box);
    expect(view.onnx).not.toBe(box.onnx);
    expect(view.onnx.buffer).toBe(box.onnx.buffer);
    expect(view.onnx).toEqual(box.onnx);
    expect(view.programOptions).toEqual({ intraOpThreads: 1, memoryArena: false });
    expect(box.programOptions).toEqual({ intraOpThreads: 1 });
  });
});
