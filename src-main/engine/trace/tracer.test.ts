import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { fromNumbers, toNumbers } from '../ir';
import type { Graph } from '../ir';
import { Program } from '../program';
import { numbers } from '../testing/fixtures';
import type { Traced } from './traced';
import { Tracer } from './tracer';

/** relu(a ⊙ [3, 4]) as a graph to call, with its inner product `scaled` and output `b`. */
function innerGraph(): { graph: Graph; scaled: Traced; b: Traced } {
  const inner = new Tracer();
  const a = inner.input('a', 'float32', [2]);
  const scaled = a.mul(inner.constant([3, 4]));
  const b = scaled.relu();
  const graph: Graph = {
    name: 'inner',
    inputs: inner.inputs,
    outputs: [{ name: b.name, dtype: b.dtype, shape: b.shape }],
    nodes: inner.nodes,
    initializers: inner.constantValues,
    valueTypes: new Map(),
  };
  return { graph, scaled, b };
}

describe('tracer', () => {
  it('checks shapes as nodes are added, naming the op, the node and the shapes', () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [2, 3]);
    const y = g.input('y', 'float32', [4]);
    expect(() => x.add(y)).toThrow(AppError);
    expect(() => x.add(y)).toThrow(/^Add \(node Add_\d+\): shapes \[2, 3\] and \[4\] do not broadcast/);
    expect(() => x.matmul(y)).toThrow(/MatMul .*inner dimensions of \[2, 3\] and \[4\] differ/);
    expect(() => x.reshape([5, -1])).toThrow(/Reshape .*cannot infer -1/);
  });

  it('infers static output shapes', () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [4, 360, 1]);
    const y = x
      .transpose([0, 2, 1])
      .conv(g.constant(fromNumbers('float32', [8, 1, 7], new Array(56).fill(0.1))), undefined, {
        pads: [3, 3],
        strides: [2],
      })
      .maxPool({ kernel: [2], strides: [2] })
      .reduceMean([2]);
    expect(y.shape).toEqual([4, 8]);
    expect(x.reshape([0, -1]).shape).toEqual([4, 360]);
  });

  it('evaluates nodes whose inputs are known while tracing (no node is emitted)', () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [3, 5]);
    const count = g.nodes.length;
    const shape = g.op('Shape', [x]);
    const rows = shape.gather([0]).mul(g.constant(2, 'int64'));
    expect(g.nodes.length).toBe(count);
    expect(toNumbers(g.constantValue(rows) ?? fromNumbers('int64', [], [0]))).toEqual([6]);
  });

  it('folds the shape sub-graphs exporters emit: Range, Cast, Expand, Slice, ConstantOfShape, Concat, Unsqueeze, Where', () => {
    const g = new Tracer();
    const x = g.input('x', 'float32', [2, 5, 3]);
    const count = g.nodes.length;
    const shape = g.op('Shape', [x]);
    const length = shape.slice([1], [2]);
    const positions = g
      .op('Range', [g.constant(0, 'int64'), length.squeeze([0]), g.constant(1, 'int64')])
      .cast('float32')
      .unsqueeze([0])
      .expand([2, 5]);
    const filled = g.op('ConstantOfShape', [g.concat([shape.slice([0], [1]), length], 0)], {
      value: fromNumbers('float32', [1], [7]),
    });
    const picked = g.where(positions.less(2), positions, filled);
    expect(g.nodes.length).toBe(count);
    expect(toNumbers(g.constantValue(picked) ?? fromNumbers('float32', [], [0]))).toEqual([
      0, 1, 7, 7, 7, 0, 1, 7, 7, 7,
    ]);
  });

  it('inlines a graph with g.call, its initializers becoming frozen constants', async () => {
    const { graph, b } = innerGraph();
    const g = new Tracer();
    const x = g.input('x', 'float32', [2]);
    const y = g.call({ graph }, x)[b.name];
    if (!y) throw new Error('missing output');
    const out = await (await Program.compile({ y: y.add(1) })).run({ x: Float32Array.from([1, -1]) });
    expect(numbers(out.y)).toEqual([4, 1]);
    expect(() => g.call({ graph }, g.input('z', 'float32', [3]))).toThrow(/'a' is float32 \[2\], got float32 \[3\]/);
  });

  it('inlines with options: an initializer as a parameter, a node rewritten, an inner value exposed', async () => {
    const { graph, scaled, b } = innerGraph();
    const [weights] = [...graph.initializers.keys()];
    const g = new Tracer();
    const x = g.input('x', 'float32', [2]);
    const w = g.param('w', fromNumbers('float32', [2], [5, 6]));
    const out = g.call({ graph }, x, {
      initializer: (name) => (name === weights ? w : undefined),
      rewrite: (node, outputs) => (node.op === 'Relu' ? outputs.map((o) => o.mul(10)) : outputs),
      expose: [scaled.name],
    });
    const run = await (
      await Program.compile({ y: out[b.name] as Traced, inner: out[scaled.name] as Traced })
    ).run({ x: Float32Array.from([1, -1]) });
    expect(numbers(run.inner)).toEqual([5, -6]);
    expect(numbers(run.y)).toEqual([50, 0]);
  });

  it('rejects dynamic shapes, repeated input names and values from another graph', () => {
    const g = new Tracer();
    expect(() => g.input('x', 'float32', [-1, 3])).toThrow(/static shape/);
    g.input('x', 'float32', [1]);
    expect(() => g.input('x', 'float32', [1])).toThrow(/already used/);
    const other = new Tracer().input('y', 'float32', [1]);
    expect(() => g.input('z', 'float32', [1]).add(other)).toThrow(/another graph/);
  });

  it('reports an op the engine does not know', () => {
    const g = new Tracer();
    expect(() => g.op('NoSuchOp', [g.input('x', 'float32', [1])])).toThrow(/op 'NoSuchOp' is not supported/);
  });
});
