import { describe, expect, it } from 'vitest';
import { fromNumbers, tensor, toNumbers } from '../engine';
import { generateBenchmark, whiteBoxModel } from '../datasets/benchmarks';
import { findExplainer } from '../explain';
import { lastStepView } from '../explain/last-step-view';
import { tracedBox } from '../explain/testing/traced-box';
import { benchData } from './bench-data';
import { rareWhiteBoxes } from './rare-white-boxes';
import { methodSettings } from './method-settings';
import { runMethod } from './run-method';
import { normalisedMagnitudes } from './testing/normalised-magnitudes';

describe('runMethod', () => {
  const dataset = generateBenchmark('rare-time-diffgroups', { seed: 2, size: 'quick' });
  const data = benchData(dataset);
  const [N, T, F] = dataset.shape;
  const settings = methodSettings('rare-time-diffgroups');
  const run = async (method: 'integrated-gradients' | 'fo'): Promise<number[]> => {
    const setting = settings[method];
    if (!setting) throw new Error(`no setting for ${method}`);
    return toNumbers(
      (await runMethod(setting, data, { kind: 'white-box', ...(await rareWhiteBoxes(dataset)) }, 0)).saliency,
    );
  };

  it('rare-time-diffgroups IG: |IG from 0| of each group’s white box, normalised per sample', async () => {
    // IG from 0 of Σ x² is x²; of (Σ x)² it is x_f · Σ x (the path integral of 2α Σx, exact for the quadrature).
    const exact = new Float64Array(dataset.x.length);
    for (const block of dataset.salient ?? []) {
      for (let n = block.rows[0]; n < block.rows[1]; n++) {
        for (let t = block.times[0]; t < block.times[1]; t++) {
          const at = (f: number): number => dataset.x[(n * T + t) * F + f] ?? NaN;
          const sum = block.features.reduce((s, f) => s + at(f), 0);
          for (const f of block.features) {
            exact[(n * T + t) * F + f] = block.combine === 'sum-of-squares' ? at(f) ** 2 : at(f) * sum;
          }
        }
      }
    }
    const want = normalisedMagnitudes(exact, T * F);
    const got = await run('integrated-gradients');
    expect(got.length).toBe(want.length);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 4));
    // Both groups' salient entries are found (square-of-sum and sum-of-squares).
    const salient = Array.from(dataset.truth, (t, i) => (t ? (got[i] ?? 0) : 0));
    expect(salient.slice(0, (N / 2) * T * F).some((v) => v > 0.5)).toBe(true);
    expect(salient.slice((N / 2) * T * F).some((v) => v > 0.5)).toBe(true);
  }, 60_000);

  it('rare-time-diffgroups FO: group by group equals the whole white box run in batches of its N rows', async () => {
    const setting = settings.fo;
    if (!setting) throw new Error('no FO setting');
    // The dataset's own white box takes exactly its N rows in order: N rows per model call.
    const model = { name: 'white box', onnx: await whiteBoxModel(dataset), output: 'values' as const };
    const { saliency } = await findExplainer(setting.explainer).explain({
      model,
      x: data.x,
      params: { ...setting.params, internalBatchSize: N },
      seed: 0,
      reference: data.x,
    });
    const want = normalisedMagnitudes(toNumbers(saliency), T * F);
    const got = await run('fo');
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 6));
    expect(got.some((v) => v > 0.5)).toBe(true);
  }, 60_000);

  it('rare-time-diffgroups Dynamask: each row fitted on its own, so it runs group by group (its areas stack rows)', async () => {
    const setting = settings.dynamask;
    if (!setting) throw new Error('no Dynamask setting');
    expect(setting.scope).toBe('rows');
    const short = { ...setting, params: { ...setting.params, epochs: 2 } };
    const map = toNumbers(
      (await runMethod(short, data, { kind: 'white-box', ...(await rareWhiteBoxes(dataset)) }, 0)).saliency,
    );
    expect(map).toHaveLength(N * T * F);
    expect(map.every((v) => v >= 0 && v <= 1)).toBe(true);
  }, 60_000);

  it("state IG: ContraLSP's TimeForwardTunnel(IG) on the classifier's last step, then |·|", async () => {
    // Logits at every step, y[b, t] = (Σ_{s ≤ t} x[b, s]) W: IG from 0 at step t of its own class c is x[t, f]·W[f, c].
    const W = [1, -1, -2, 2, 0.5, -0.5];
    const perTime = await tracedBox('running-sum.onnx', [6, 3], 'logits', (g, x) =>
      x.cumsum(1).matmul(g.constant(fromNumbers('float32', [3, 2], W))),
    );
    const x = Float32Array.from({ length: 2 * 6 * 3 }, (_, i) => Math.cos(3 * i));
    const data = {
      x: tensor('float32', [2, 6, 3], x),
      truth: tensor('uint8', [2, 6, 3]),
      train: tensor('float32', [2, 6, 3], x),
    };
    const setting = methodSettings('state')['integrated-gradients'];
    if (!setting) throw new Error('no IG setting for state');
    const { saliency: map } = await runMethod(
      setting,
      data,
      { kind: 'classifier', perTime, lastStep: lastStepView(perTime) },
      1,
    );
    const w = (f: number, c: number): number => W[f * 2 + c] ?? NaN;
    const sums = [0, 0, 0, 0];
    const want = Array.from(x, (v, i) => {
      const [b, t, f] = [Math.floor(i / 18), Math.floor(i / 3) % 6, i % 3];
      if (t === 0 && f === 0) sums.fill(0);
      if (f === 0)
        for (let k = 0; k < 3; k++)
          for (const c of [0, 1]) sums[c] = (sums[c] ?? 0) + (x[(b * 6 + t) * 3 + k] ?? 0) * w(k, c);
      return Math.abs(v * w(f, (sums[1] ?? 0) > (sums[0] ?? 0) ? 1 : 0));
    });
    toNumbers(map).forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
  });
});
