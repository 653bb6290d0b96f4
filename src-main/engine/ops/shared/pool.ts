import { formatShape } from '../../ir';
import type { NodeInfo } from '../definition';
import { convGeometry } from './conv-geometry';
import type { ConvGeometry } from './conv-geometry';

/** Geometry of a MaxPool/AveragePool node over its input's spatial axes. */
export function poolGeometry(node: NodeInfo): ConvGeometry {
  const x = node.input(0).shape;
  const spatial = x.slice(2);
  const kernel = node.attrs.ints('kernel_shape');
  if (spatial.length === 0 || kernel.length !== spatial.length) {
    node.fail(`kernel_shape ${formatShape(kernel)} must have one size per spatial axis of [N, C, …]`);
  }
  return convGeometry(node, spatial, kernel);
}

export function pooledShape(node: NodeInfo): number[] {
  const x = node.input(0).shape;
  return [x[0] ?? 1, x[1] ?? 1, ...poolGeometry(node).output];
}
