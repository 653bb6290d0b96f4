import { fromNumbers, numel } from '../../ir';
import type { Traced, Tracer } from '../../trace';

/**
 * The adjoint of a data-movement op whose source index for every output element is known when
 * the graph is built: dX[index[k]] += dy[k], as one ScatterElements over the flattened input.
 * `accumulate` is needed when one source element feeds several outputs.
 */
export function scatterToSource(
  g: Tracer,
  dy: Traced,
  inputShape: readonly number[],
  index: ArrayLike<number>,
  accumulate: boolean,
): Traced {
  const size = numel(inputShape);
  const indices = g.constant(fromNumbers('int64', [index.length], Array.from(index)));
  const flat = g.op('ScatterElements', [g.zeros([size], dy.dtype), indices, dy.reshape([index.length])], {
    axis: 0,
    reduction: accumulate ? 'add' : 'none',
  });
  return flat.reshape(inputShape);
}
