import { describe, expect, it } from 'vitest';
import { gradients } from '../autodiff';
import { Program } from '../program';
import { numbers } from '../testing/fixtures';
import { expectGradient, positive } from '../testing/gradient-check';
import { Tracer } from '../trace';
import type { Traced } from '../trace';

const f64 = { dtype: 'float64' } as const;
const reductions = [
  'ReduceSum',
  'ReduceMean',
  'ReduceMax',
  'ReduceMin',
  'ReduceL2',
  'ReduceLogSumExp',
  'ReduceSumSquare',
  'ReduceL1',
] as const;

describe('VJP rules of reductions (central differences, float64)', () => {
  it.each(reductions)('%s over one axis, two axes and all axes, with and without keepdims', async (op) => {
    for (const [axes, keepdims] of [
      [[1], 0],
      [[0, 2], 1],
      [[-1], 1],
      [undefined, 0],
    ] as const) {
      await expectGradient(
        (g, x) => g.op(op, [x, axes ? g.constant(axes, 'int64') : undefined], { keepdims }),
        [{ shape: [2, 3, 4], ...(op === 'ReduceL2' ? { sample: positive } : {}) }],
        f64,
      );
    }
  });

  it('an opset-13 reduction with an axes attribute is rewritten to the opset-18 input form', async () => {
    await expectGradient((g, x) => g.op('ReduceMean', [x], { axes: [1], keepdims: 0 }), [{ shape: [2, 3] }], f64);
  });

  it('ReduceMax splits the gradient between tied maxima, ReduceMin likewise', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float64', [2, 3]);
    const [dmax, dmin] = [x.reduceMax([1]), x.reduceMin([1])].map((y) => gradients(y, [x])[0] as Traced) as [
      Traced,
      Traced,
    ];
    const out = await (await Program.compile({ dmax, dmin })).run({ x: Float64Array.from([1, 5, 5, 2, 2, 0]) });
    expect(numbers(out.dmax)).toEqual([0, 0.5, 0.5, 0.5, 0.5, 0]);
    expect(numbers(out.dmin)).toEqual([1, 0, 0, 0, 0, 1]);
  });
});
