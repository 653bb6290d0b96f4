import { describe, it } from 'vitest';
import { expectGradient } from '../testing/gradient-check';
import type { Rng } from '../program';

const f64 = { dtype: 'float64' } as const;
// ONNX Runtime's CPU provider has these kernels in float32 only.
const f32 = { dtype: 'float32' } as const;

/** Mixed signs over a wider range, for ops with kinks or saturation away from 0. */
const wide = (rng: Rng): number => 6 * rng.next() - 3;

describe('VJP rules of activations (central differences)', () => {
  it.each(['Relu', 'Sigmoid', 'Tanh', 'Identity'] as const)('%s (float64)', async (op) => {
    await expectGradient((g, x) => g.op(op, [x]), [{ shape: [3, 4] }], f64);
  });

  it('LeakyRelu with a custom slope (float32)', async () => {
    await expectGradient((_, x) => x.leakyRelu(0.3), [{ shape: [3, 4] }], f32);
  });

  it.each(['Softplus', 'Erf', 'Selu'] as const)('%s (float32)', async (op) => {
    await expectGradient((g, x) => g.op(op, [x]), [{ shape: [3, 4] }], f32);
  });

  it('Elu with alpha 0.7 (float32)', async () => {
    await expectGradient((_, x) => x.elu(0.7), [{ shape: [3, 4] }], f32);
  });

  it('HardSigmoid inside and outside its linear band (float32)', async () => {
    const values = [-4, -3, -2, -1, -0.3, 0.4, 1.1, 2, 2.2, 3.1, 3.5, 4];
    await expectGradient((_, x) => x.hardSigmoid(0.25, 0.4), [{ shape: [12], values }], f32);
  });

  it.each(['none', 'tanh'] as const)('Gelu (opset 20), approximate = %s (float32)', async (approximate) => {
    await expectGradient((_, x) => x.gelu(approximate), [{ shape: [3, 4], sample: wide }], f32);
  });

  it('Clip with both bounds, only a lower and only an upper bound (float64)', async () => {
    const values = [-2.5, -1.4, -0.6, 0.1, 0.7, 1.6, 2.4, -0.2];
    await expectGradient((_, x) => x.clip(-1, 1), [{ shape: [8], values }], f64);
    await expectGradient((_, x) => x.clip(-1), [{ shape: [8], values }], f64);
    await expectGradient((_, x) => x.clip(undefined, 0.5), [{ shape: [8], values }], f64);
  });

  it('Dropout at inference passes the gradient through (float32)', async () => {
    await expectGradient((g, x) => g.op('Dropout', [x], { seed: 1 }).mul(x), [{ shape: [2, 3] }], f32);
  });

  it('Cast between float types passes the gradient through, cast back', async () => {
    await expectGradient((_, x) => x.cast('float32').tanh().cast('float64'), [{ shape: [2, 3] }], {
      dtype: 'float64',
      eps: 1e-3,
      tolerance: 1e-4,
    });
  });
});
