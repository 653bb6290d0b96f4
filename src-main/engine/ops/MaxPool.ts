import type { Traced } from '../trace';
import type { OpDefinition, VjpContext } from './definition';
import { liftTo2d } from './shared/lift-1d';
import { poolGeometry, pooledShape } from './shared/pool';

/**
 * MaxPool. The gradient of each window goes to its first maximal element (as ONNX Runtime's
 * Indices and PyTorch choose), through the optional Indices output, which the rule adds to the
 * node, and one scatter-add, for every geometry: comparing each window with its maximum
 * elementwise (possible where windows tile the input) made the cnn1d fixture's whole mask step
 * 1.2× as costly in CPU time (docs/BENCHMARKS.md).
 */
export const MaxPool: OpDefinition = {
  op: 'MaxPool',
  infer: (node) => {
    const shape = pooledShape(node);
    return [
      { dtype: node.input(0).dtype, shape },
      { dtype: 'int64', shape },
    ];
  },
  canonicalize: (ctx) => liftTo2d(ctx, poolGeometry(ctx.node), [0]),
  vjp: (ctx) => {
    if (ctx.node.attrs.int('storage_order', 0) !== 0) ctx.node.fail('the gradient needs storage_order = 0');
    return [scatteredGradient(ctx)];
  },
};

/** Scatter-add through the Indices output (flat positions in X, batch and channel included). */
function scatteredGradient({ dy, x, output, g }: VjpContext): Traced {
  const input = x(0);
  const flat = g.op('ScatterElements', [g.zeros([input.size], dy.dtype), output(1).reshape([-1]), dy.reshape([-1])], {
    axis: 0,
    reduction: 'add',
  });
  return flat.reshape(input.shape);
}
