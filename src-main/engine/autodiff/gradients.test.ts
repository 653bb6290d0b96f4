import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fromNumbers } from '../ir';
import { Program } from '../program';
import { numbers } from '../testing/fixtures';
import { expectGradient } from '../testing/gradient-check';
import { Tracer } from '../trace';
import type { Traced } from '../trace';
import { gradients } from './gradients';

const f64 = { dtype: 'float64' } as const;

async function evaluate(
  outputs: Record<string, Traced>,
  feeds: Record<string, Float64Array>,
): Promise<Record<string, number[]>> {
  const out = await (await Program.compile(outputs)).run(feeds);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, numbers(v)]));
}

describe('reverse-mode autodiff', () => {
  it('sums the contributions of a value used several times', async () => {
    await expectGradient((_, x) => x.mul(x).add(x.tanh()).mul(x.exp()), [{ shape: [3] }], f64);
  });

  it('gives the gradient of sum(y) by default and J^T u for a seed u', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float64', [3]);
    const u = g.input('u', 'float64', [3]);
    const y = x.mul(x);
    const [plain] = gradients(y, [x]) as [Traced];
    const [seeded] = gradients(y, [x], { seed: u }) as [Traced];
    const out = await evaluate(
      { plain, seeded },
      { x: Float64Array.from([1, 2, 3]), u: Float64Array.from([1, 0, -1]) },
    );
    expect(out.plain).toEqual([2, 4, 6]);
    expect(out.seeded).toEqual([2, 0, -6]);
  });

  it('stopGradient passes the value and blocks the gradient', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float64', [2]);
    const y = x.mul(x.stopGradient());
    const [dx] = gradients(y, [x]) as [Traced];
    const out = await evaluate({ y, dx }, { x: Float64Array.from([3, -2]) });
    expect(out.y).toEqual([9, 4]);
    expect(out.dx).toEqual([3, -2]);
  });

  it('the straight-through estimator forwards the hard value and routes the gradient into the soft one', async () => {
    const g = new Tracer();
    const m = g.input('m', 'float64', [3]);
    const soft = m.sigmoid();
    const hard = soft.greater(0.5).cast('float64');
    const y = g.straightThrough(hard, soft).mul(g.constant([1, 2, 3], 'float64'));
    const [dm] = gradients(y, [m]) as [Traced];
    const out = await evaluate({ y, dm }, { m: Float64Array.from([-1, 0.5, 2]) });
    expect(out.y).toEqual([0, 2, 3]);
    const sigmoid = [-1, 0.5, 2].map((v) => 1 / (1 + Math.exp(-v)));
    (out.dm ?? []).forEach((v, i) => expect(v).toBeCloseTo((i + 1) * (sigmoid[i] ?? 0) * (1 - (sigmoid[i] ?? 0)), 12));
  });

  it('non-differentiable ops (comparisons, Sign, ArgMax, Shape) pass zero gradient', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float64', [3]);
    const y = g.where(x.greater(0), x.sign(), x.mul(0)).add(x.mul(2));
    const [dx] = gradients(y, [x]) as [Traced];
    expect((await evaluate({ dx }, { x: Float64Array.from([-1, 1, 2]) })).dx).toEqual([2, 2, 2]);
  });

  it('returns zeros for a value the output does not depend on', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float64', [2]);
    const z = g.input('z', 'float64', [2]);
    const [dz] = gradients(x.exp(), [z]) as [Traced];
    expect((await evaluate({ dz }, { x: Float64Array.from([1, 2]), z: Float64Array.from([1, 2]) })).dz).toEqual([0, 0]);
  });

  it('names the op and the node that has no gradient rule, while the forward graph still compiles', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [2]);
    const y = g.op('Softsign', [x], {}, { name: 'n12' }).mul(2);
    expect(() => gradients(y, [x])).toThrow(
      new AppError('invalid-request', "no gradient rule for op 'Softsign' (node n12)"),
    );
    const out = await (await Program.compile({ y })).run({ x: Float32Array.from([1, -3]) });
    expect(numbers(out.y)).toEqual([1, -1.5]);
  });

  it('does not differentiate through integer values (indices get no gradient)', async () => {
    const g = new Tracer();
    const x = g.input('x', 'float64', [3]);
    const y = x.gather(g.constant(fromNumbers('int64', [2], [2, 2])));
    const [dx] = gradients(y, [x]) as [Traced];
    expect((await evaluate({ dx }, { x: Float64Array.from([1, 2, 3]) })).dx).toEqual([0, 0, 2]);
  });

  it('rejects a seed whose shape differs from the output', () => {
    const g = new Tracer();
    const x = g.input('x', 'float64', [3]);
    expect(() => gradients(x.exp(), [x], { seed: g.input('u', 'float64', [2]) })).toThrow(/seed/);
  });
});
