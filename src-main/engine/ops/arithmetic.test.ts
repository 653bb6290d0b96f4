import { describe, expect, it } from 'vitest';
import { gradients } from '../autodiff';
import { compileGraph, Program } from '../program';
import { numbers } from '../testing/fixtures';
import { expectGradient, positive } from '../testing/gradient-check';
import { Tracer } from '../trace';
import type { Traced } from '../trace';

const f64 = { dtype: 'float64' } as const;
const f32 = { dtype: 'float32' } as const;

describe('VJP rules of arithmetic ops (central differences, float64)', () => {
  it.each([
    ['Add', [2, 3], [3]],
    ['Add', [2, 1, 3], [4, 1]],
    ['Sub', [2, 3], [2, 1]],
    ['Sub', [], [2, 3]],
    ['Mul', [2, 3], [1, 3]],
    ['Mul', [3, 1, 2], [2, 2]],
    ['Div', [2, 3], [3]],
    ['Div', [1], [2, 3]],
  ] as const)('%s with shapes %j and %j (broadcasting undone)', async (op, a, b) => {
    const positiveDivisor = op === 'Div' ? { sample: positive } : {};
    await expectGradient((g, x, y) => g.op(op, [x, y]), [{ shape: a }, { shape: b, ...positiveDivisor }], f64);
  });

  it('a scalar operand takes the rank of a result whose last axis is 1, in value and gradient', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float64', [2, 3, 1]);
    const k = g.input('k', 'float64', []);
    const y = x.mul(k).add(0.5);
    const { model } = compileGraph({ y });
    const { inputs, valueTypes, initializers } = model.graph;
    const rank = (name: string): number | undefined =>
      (inputs.find((v) => v.name === name) ?? valueTypes.get(name) ?? initializers.get(name))?.shape.length;
    const ranks = model.graph.nodes.filter((n) => n.op === 'Mul' || n.op === 'Add').map((n) => n.inputs.map(rank));
    expect(ranks).toEqual([
      [3, 3],
      [3, 3],
    ]);
    const out = await (
      await Program.compile({ y })
    ).run({ x: Float64Array.from([1, 2, 3, 4, 5, 6]), k: Float64Array.from([2]) });
    expect(numbers(out.y)).toEqual([2.5, 4.5, 6.5, 8.5, 10.5, 12.5]);
    await expectGradient((_, a, b) => a.mul(b).div(b.add(3)), [{ shape: [2, 3, 1] }, { shape: [] }], f64);
  });

  it.each(['Neg', 'Abs', 'Exp', 'Reciprocal'] as const)('%s', async (op) => {
    await expectGradient((g, x) => g.op(op, [x]), [{ shape: [2, 3] }], f64);
  });

  it.each(['Log', 'Sqrt'] as const)('%s (positive inputs)', async (op) => {
    await expectGradient((g, x) => g.op(op, [x]), [{ shape: [2, 3], sample: positive }], f64);
  });

  it('Pow with a tensor exponent: gradients to base and exponent', async () => {
    await expectGradient((_, a, b) => a.pow(b), [{ shape: [2, 3], sample: positive }, { shape: [3] }], f64);
  });

  it('Pow with a constant exponent 2 and 3 (negative bases)', async () => {
    await expectGradient((_, a) => a.pow(2), [{ shape: [2, 3] }], f64);
    await expectGradient((_, a) => a.pow(3), [{ shape: [2, 3] }], f64);
  });

  it.each(['Min', 'Max'] as const)('%s with two broadcast inputs and with three inputs', async (op) => {
    await expectGradient((g, a, b) => g.op(op, [a, b]), [{ shape: [2, 3] }, { shape: [3] }], f64);
    await expectGradient((g, a, b, c) => g.op(op, [a, b, c]), [{ shape: [4] }, { shape: [4] }, { shape: [1] }], f64);
  });

  it('Max splits the gradient evenly between tied inputs, as PyTorch does', async () => {
    const g = new Tracer();
    const a = g.input('a', 'float64', [2]);
    const b = g.input('b', 'float64', [2]);
    const [da, db] = gradients(a.max(b), [a, b]) as [Traced, Traced];
    const program = await Program.compile({ da, db });
    const out = await program.run({ a: Float64Array.from([1, 2]), b: Float64Array.from([1, 3]) });
    expect(numbers(out.da)).toEqual([0.5, 0]);
    expect(numbers(out.db)).toEqual([0.5, 1]);
  });

  it('Sum and Mean (variadic, broadcasting)', async () => {
    await expectGradient((g, a, b, c) => g.sum([a, b, c]), [{ shape: [2, 3] }, { shape: [3] }, { shape: [2, 1] }], f64);
    // ONNX Runtime's CPU Mean has no float64 kernel.
    await expectGradient((g, a, b) => g.op('Mean', [a, b]), [{ shape: [2, 3] }, { shape: [1, 3] }], f32);
  });

  it('Where routes the gradient by the condition to both branches, broadcasting', async () => {
    await expectGradient((g, a, b) => g.where(a.greater(0), a.mul(b), b), [{ shape: [2, 3] }, { shape: [3] }], f64);
  });
});
