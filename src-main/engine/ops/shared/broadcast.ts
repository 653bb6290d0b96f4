import { formatShape, strides } from '../../ir';
import type { Traced } from '../../trace';
import type { NodeInfo } from '../definition';

/** numpy multidirectional broadcasting of several shapes; `node` reports shapes that do not broadcast. */
export function broadcastShapes(shapes: readonly (readonly number[])[], node: NodeInfo): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    const offset = rank - shape.length;
    shape.forEach((d, i) => {
      const current = out[offset + i] ?? 1;
      if (d === current || d === 1) return;
      if (current === 1) out[offset + i] = d;
      else node.fail(`shapes ${shapes.map(formatShape).join(' and ')} do not broadcast`);
    });
  }
  return out;
}

/** For each element of `outShape`, the flat index of the element of `shape` broadcast to it. */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const offset = outShape.length - shape.length;
  const inStrides = strides(shape);
  const total = outShape.reduce((a, b) => a * b, 1);
  const index = new Int32Array(total);
  const counter = new Array<number>(outShape.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    let source = 0;
    for (let axis = offset; axis < outShape.length; axis++) {
      if ((shape[axis - offset] ?? 1) !== 1) source += (counter[axis] ?? 0) * (inStrides[axis - offset] ?? 0);
    }
    index[flat] = source;
    for (let axis = outShape.length - 1; axis >= 0; axis--) {
      counter[axis] = (counter[axis] ?? 0) + 1;
      if ((counter[axis] ?? 0) < (outShape[axis] ?? 1)) break;
      counter[axis] = 0;
    }
  }
  return index;
}

/**
 * The adjoint of broadcasting `shape` to `grad.shape`: sum over the broadcast axes, then reshape
 * to `shape`. Emits nothing when the shapes already agree.
 */
export function unbroadcast(grad: Traced, shape: readonly number[]): Traced {
  if (grad.shape.join() === shape.join()) return grad;
  const padded = [...new Array<number>(grad.rank - shape.length).fill(1), ...shape];
  const axes = padded.flatMap((d, i) => (d === 1 && grad.shape[i] !== 1 ? [i] : []));
  const summed = axes.length > 0 ? grad.reduceSum(axes, { keepdims: true }) : grad;
  return summed.shape.join() === shape.join() ? summed : summed.reshape(shape);
}
