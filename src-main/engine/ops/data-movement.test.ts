import { describe, it } from 'vitest';
import { fromNumbers } from '../ir';
import { expectGradient } from '../testing/gradient-check';

const f64 = { dtype: 'float64' } as const;

describe('VJP rules of shape and data-movement ops (central differences, float64)', () => {
  it('Reshape (with 0 and -1), Flatten, Squeeze and Unsqueeze', async () => {
    await expectGradient((_, x) => x.reshape([0, -1]).mul(x.reshape([2, 12])), [{ shape: [2, 3, 4] }], f64);
    await expectGradient((_, x) => x.flatten(2).tanh(), [{ shape: [2, 3, 4] }], f64);
    await expectGradient((_, x) => x.squeeze([1]).unsqueeze([0, -1]).tanh(), [{ shape: [2, 1, 3] }], f64);
  });

  it('Transpose with an explicit and the default (reversed) permutation', async () => {
    await expectGradient((_, x) => x.transpose([3, 0, 2, 1]).tanh(), [{ shape: [2, 3, 1, 2] }], f64);
    await expectGradient((_, x) => x.transpose().tanh(), [{ shape: [2, 3, 4] }], f64);
  });

  it('Concat of three inputs along a middle axis', async () => {
    await expectGradient(
      (g, a, b, c) => g.concat([a, b.tanh(), c], 1),
      [{ shape: [2, 1, 3] }, { shape: [2, 2, 3] }, { shape: [2, 3, 3] }],
      f64,
    );
  });

  it('Split where one output receives no gradient (zeros fill in)', async () => {
    await expectGradient(
      (g, x) => {
        const [a, , c] = g.split(x, [1, 2, 2], 1);
        return (a as typeof x).mul(c as typeof x);
      },
      [{ shape: [2, 5] }],
      f64,
    );
  });

  it('Slice with unit steps, negative starts and clamped ends', async () => {
    await expectGradient((_, x) => x.slice([1, -3], [100, -1], [0, 2]).tanh(), [{ shape: [3, 2, 5] }], f64);
  });

  it('Slice with steps -2 and 3 (scattered back from host-computed indices)', async () => {
    await expectGradient((_, x) => x.slice([4, 0], [-100, 7], [0, 1], [-2, 3]).tanh(), [{ shape: [6, 7] }], f64);
  });

  it('Gather with constant indices that repeat and are negative, on axis 1', async () => {
    await expectGradient(
      (g, x) => x.gather(g.constant(fromNumbers('int64', [2, 2], [0, 2, -1, 0])), 1).tanh(),
      [{ shape: [3, 4] }],
      f64,
    );
  });

  it('Gather with indices fed at run time (repeats accumulate)', async () => {
    const indices = fromNumbers('int64', [3], [2, 0, 2]);
    await expectGradient((g, x) => x.gather(g.input('i', 'int64', [3]), 0).tanh(), [{ shape: [4, 2] }], {
      ...f64,
      feeds: { i: indices },
    });
  });

  it('GatherElements with repeated indices', async () => {
    const indices = fromNumbers('int64', [2, 3], [0, 0, 1, 1, 0, 0]);
    await expectGradient(
      (g, x) => g.op('GatherElements', [x, g.constant(indices)], { axis: 0 }).tanh(),
      [{ shape: [2, 3] }],
      f64,
    );
  });

  it('Expand and Tile', async () => {
    await expectGradient((_, x) => x.expand([2, 3, 4]).tanh(), [{ shape: [3, 1] }], f64);
    await expectGradient((_, x) => x.tile([2, 1, 3]).tanh(), [{ shape: [2, 3, 2] }], f64);
  });

  it('Pad: constant with mixed-sign pads, reflect, edge', async () => {
    await expectGradient((_, x) => x.pad([1, -1, 2, 0], { value: 3 }).tanh(), [{ shape: [3, 4] }], f64);
    await expectGradient((_, x) => x.pad([2, 1, 1, 3], { mode: 'reflect' }).tanh(), [{ shape: [3, 4] }], f64);
    await expectGradient((_, x) => x.pad([0, 2, 1, 3], { mode: 'edge' }).tanh(), [{ shape: [3, 4] }], f64);
  });

  it('CumSum in every exclusive/reverse combination', async () => {
    for (const exclusive of [false, true]) {
      for (const reverse of [false, true]) {
        await expectGradient((_, x) => x.cumsum(1, { exclusive, reverse }).tanh(), [{ shape: [2, 5] }], f64);
      }
    }
  });

  it('TopK values, largest and smallest', async () => {
    await expectGradient((_, x) => x.topk(2, { axis: 1 })[0].tanh(), [{ shape: [3, 5] }], f64);
    await expectGradient((_, x) => x.topk(3, { axis: 0, largest: false })[0].tanh(), [{ shape: [4, 2] }], f64);
  });
});
