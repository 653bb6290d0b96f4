import type { Traced } from '../../trace';
import type { VjpContext } from '../definition';
import { unbroadcast } from './broadcast';

/**
 * Variadic Max/Min: the gradient goes to the inputs equal to the result, split evenly between
 * ties (PyTorch's convention for two inputs).
 */
export function extremumVjp({ dy, x, output, node, g, needs }: VjpContext): (Traced | undefined)[] {
  const y = output(0);
  const masks = Array.from({ length: node.inputCount }, (_, i) => x(i).equal(y).cast(y.dtype));
  const share = dy.div(g.sum(masks));
  return masks.map((mask, i) => (needs(i) ? unbroadcast(share.mul(mask), x(i).shape) : undefined));
}
