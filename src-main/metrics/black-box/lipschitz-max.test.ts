import { describe, expect, it } from 'vitest';
import { inputGradient } from '../../engine/input-gradient';
import { fromNumbers, type Tensor } from '../../engine/ir';
import { goldenModelBytes, nestedTensor, readGolden, type Nested3 } from '../testing/golden';
import { lipschitzMax, type Explain } from './lipschitz-max';

type ModelName = 'gru_clf' | 'conv1d_clf';
const golden = readGolden('blackbox_metrics.json') as Record<
  `${ModelName}.lipschitz_max`,
  { value_per_example: number[] }
>;
const inputs = readGolden('inputs_and_forward.json') as { x: Nested3; targets: number[] };
const x = nestedTensor('float32', inputs.x);

/** The fixture's deterministic perturbation: x̃[r,t,f] = x_rep[r,t,f] + 0.02·(((7r + 3t + f) mod 5) − 2)/2. */
function fixturePerturbation(repeated: Tensor): Tensor {
  const [rows = 0, steps = 0, features = 0] = repeated.shape;
  const data = new Float32Array(repeated.data.length);
  for (let r = 0; r < rows; r++)
    for (let t = 0; t < steps; t++)
      for (let f = 0; f < features; f++) {
        const i = (r * steps + t) * features + f;
        data[i] = (repeated.data[i] as number) + (0.02 * (((7 * r + 3 * t + f) % 5) - 2)) / 2;
      }
  return { dtype: 'float32', shape: repeated.shape, data };
}

describe('lipschitz_max against blackbox_metrics.json', () => {
  for (const model of ['gru_clf', 'conv1d_clf'] as const) {
    it(`${model}: Saliency (plain gradient) with 3 deterministic perturbations per example`, async () => {
      const bytes = goldenModelBytes(model);
      // Saliency(m).attribute(x, abs=False, target=targets): the gradient of the target logit.
      const saliency: Explain = async (batch, exampleOfRow) =>
        (await inputGradient(bytes, batch, { targets: exampleOfRow.map((b) => inputs.targets[b] ?? 0) })).gradient;
      const actual = await lipschitzMax(saliency, x, { samples: 3, perturb: fixturePerturbation });
      const expected = golden[`${model}.lipschitz_max`].value_per_example;
      // README: a float32 implementation matches to ~1e-5 (relative above 1).
      actual.forEach((v, b) =>
        expect(Math.abs(v - (expected[b] ?? NaN))).toBeLessThan(1e-5 * Math.max(1, expected[b] ?? 0)),
      );
    });
  }
});

describe('lipschitz_max by hand', () => {
  const single = fromNumbers('float32', [1, 1, 2], [1, 2]);

  it('divides the explanation change by the input change and keeps the largest', async () => {
    // e(x) = x², so a shift of δ in one entry from 1 changes e by 2δ + δ².
    const square: Explain = (batch) =>
      Promise.resolve(
        fromNumbers(
          'float64',
          batch.shape,
          Array.from(batch.data as Float32Array, (v) => v * v),
        ),
      );
    const shifts = [0.5, 0.25];
    const perturb = (repeated: Tensor): Tensor =>
      fromNumbers('float32', repeated.shape, [1 + (shifts[0] ?? 0), 2, 1 + (shifts[1] ?? 0), 2]);
    expect(await lipschitzMax(square, single, { samples: 2, perturb })).toEqual([2 + 0.5]);
  });

  it('counts a zero input change as 1 and draws seeded noise by default', async () => {
    const constant: Explain = (batch) =>
      Promise.resolve(fromNumbers('float64', batch.shape, new Array<number>(batch.data.length).fill(3)));
    expect(await lipschitzMax(constant, single, { samples: 2, perturb: (r) => r })).toEqual([0]);
    const identity: Explain = (batch) => Promise.resolve(batch);
    const [ratio] = await lipschitzMax(identity, single, { seed: 5 });
    expect(ratio).toBeCloseTo(1, 6);
  });
});
