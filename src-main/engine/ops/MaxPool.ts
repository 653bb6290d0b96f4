import { fromNumbers } from '../ir';
import type { Traced } from '../trace';
import type { OpDefinition, VjpContext } from './definition';
import type { ConvGeometry } from './shared/conv-geometry';
import { liftTo2d } from './shared/lift-1d';
import { poolGeometry, pooledShape } from './shared/pool';

/**
 * MaxPool. The gradient of each window goes to its first maximal element (as ONNX Runtime's
 * Indices and PyTorch choose), through the optional Indices output, which the rule adds to the
 * node. Where windows cannot overlap, no element is the maximum of two windows and MaxUnpool
 * places the gradient; otherwise a scatter-add sums it. MaxUnpool is the cheaper kernel: ONNX
 * Runtime's scatter-add took 40% of the cnn1d fixture's mask step (docs/BENCHMARKS.md). Comparing
 * each window with its maximum elementwise was 1.2× as costly in CPU time as the scatter.
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
    const geometry = poolGeometry(ctx.node);
    const { strides, dilations, kernel } = geometry;
    const disjoint = kernel.every((k, i) => (strides[i] ?? 1) >= (dilations[i] ?? 1) * (k - 1) + 1);
    return [disjoint ? unpooledGradient(ctx, geometry) : scatteredGradient(ctx)];
  },
};

/**
 * Each gradient entry written to its window's maximal element (windows disjoint). ONNX Runtime
 * checks the given output shape against the one it infers from kernel, strides and pads, which
 * ignores dilation and ceil mode; end pads that shrink the inferred size to the input's only
 * satisfy that check, since Indices already address the unpadded input.
 */
function unpooledGradient({ dy, x, output, g }: VjpContext, geometry: ConvGeometry): Traced {
  const input = x(0);
  const { strides, kernel, output: pooled, input: spatial } = geometry;
  const overhang = kernel.map((k, i) =>
    Math.max(0, ((pooled[i] ?? 1) - 1) * (strides[i] ?? 1) + k - (spatial[i] ?? 0)),
  );
  const shape = g.constant(fromNumbers('int64', [input.shape.length], input.shape));
  return g.op('MaxUnpool', [dy, output(1), shape], {
    kernel_shape: kernel,
    strides,
    pads: [...kernel.map(() => 0), ...overhang],
  });
}

/** Scatter-add through the Indices output (flat positions in X, batch and channel included). */
function scatteredGradient({ dy, x, output, g }: VjpContext): Traced {
  const input = x(0);
  const flat = g.op('ScatterElements', [g.zeros([input.size], dy.dtype), output(1).reshape([-1]), dy.reshape([-1])], {
    axis: 0,
    reduction: 'add',
  });
  return flat.reshape(input.shape);
}
