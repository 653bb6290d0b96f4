import { describe, it } from 'vitest';
import { expectGradient, positive } from '../testing/gradient-check';

const f64 = { dtype: 'float64' } as const;
const f32 = { dtype: 'float32' } as const;

describe('VJP rules of linear algebra, softmax and normalisation (central differences)', () => {
  it.each([
    [
      [3, 4],
      [4, 2],
    ],
    [
      [2, 3, 4],
      [4, 2],
    ],
    [
      [3, 1, 2, 4],
      [2, 4, 3],
    ],
    [[4], [2, 4, 3]],
    [[2, 3, 4], [4]],
    [[4], [4]],
  ] as const)('MatMul %j × %j (float64)', async (a, b) => {
    await expectGradient((_, p, q) => p.matmul(q), [{ shape: a }, { shape: b }], f64);
  });

  it.each([
    [false, false, [2]],
    [false, true, [3, 1]],
    [true, false, [3, 2]],
    [true, true, []],
  ] as const)('Gemm transA = %s, transB = %s, C %j, alpha and beta (float64)', async (transA, transB, c) => {
    const a = transA ? [4, 3] : [3, 4];
    const b = transB ? [2, 4] : [4, 2];
    await expectGradient(
      (g, p, q, r) => g.gemm(p, q, r, { alpha: 0.7, beta: 1.3, transA, transB }),
      [{ shape: a }, { shape: b }, { shape: c }],
      f64,
    );
  });

  it('Softmax and LogSoftmax along a middle axis (float64)', async () => {
    await expectGradient((_, x) => x.softmax(1), [{ shape: [2, 4, 3] }], f64);
    await expectGradient((_, x) => x.logSoftmax(1), [{ shape: [2, 4, 3] }], f64);
  });

  it('LayerNormalization over the last axis using its Mean/InvStdDev outputs (float32)', async () => {
    await expectGradient(
      (_, x, scale, bias) => x.layerNorm(scale, bias, { epsilon: 1e-3 }),
      [{ shape: [2, 3, 4] }, { shape: [4] }, { shape: [4] }],
      f32,
    );
  });

  it('LayerNormalization over two axes, recomputing its statistics (float64, stash_type 11)', async () => {
    await expectGradient(
      (g, x, scale, bias) => g.op('LayerNormalization', [x, scale, bias], { axis: -2, epsilon: 1e-3, stash_type: 11 }),
      [{ shape: [2, 3, 4] }, { shape: [3, 4] }, { shape: [4] }],
      f64,
    );
  });

  it('BatchNormalization at inference, gradients to input, scale, bias, mean and variance (float64)', async () => {
    await expectGradient(
      (g, x, scale, bias, mean, variance) =>
        g.op('BatchNormalization', [x, scale, bias, mean, variance], { epsilon: 1e-3 }),
      [{ shape: [2, 3, 4] }, { shape: [3] }, { shape: [3] }, { shape: [3] }, { shape: [3], sample: positive }],
      f64,
    );
  });

  it('InstanceNormalization on a 2-D map (float32)', async () => {
    await expectGradient(
      (g, x, scale, bias) => g.op('InstanceNormalization', [x, scale, bias], { epsilon: 1e-3 }),
      [{ shape: [2, 3, 2, 3] }, { shape: [3] }, { shape: [3] }],
      f32,
    );
  });
});

describe('VJP rule of Einsum (central differences, float64)', () => {
  it.each([
    [
      'ij,jk->ik',
      [
        [2, 3],
        [3, 4],
      ],
    ],
    [
      'bij,bjk->bik',
      [
        [2, 2, 3],
        [2, 3, 2],
      ],
    ],
    [
      '...ij,...jk->...ik',
      [
        [2, 2, 3],
        [1, 3, 2],
      ],
    ],
    [
      'bhqd,bhkd->bhqk',
      [
        [1, 2, 3, 2],
        [1, 2, 4, 2],
      ],
    ],
    ['ij->ji', [[2, 3]]],
    ['ij->i', [[2, 3]]],
    ['i,j->ij', [[3], [2]]],
    [
      'ij,ij->',
      [
        [2, 3],
        [2, 3],
      ],
    ],
    [
      'ik,jk',
      [
        [2, 3],
        [4, 3],
      ],
    ],
    ['ij,k->ik', [[2, 3], [2]]],
  ] as const)('%s', async (equation, shapes) => {
    await expectGradient(
      (g, ...xs) => g.einsum(equation, ...xs),
      shapes.map((shape) => ({ shape })),
      f64,
    );
  });
});
