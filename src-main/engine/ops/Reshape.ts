import { formatShape, numel } from '../ir';
import type { OpDefinition } from './definition';
import { reshapeLikeOp } from './shared/reshape-like';

/** Reshape: 0 copies the input's dimension (unless allowzero), one -1 is inferred. */
export const Reshape: OpDefinition = reshapeLikeOp('Reshape', (node) => {
  const x = node.input(0);
  const allowZero = node.attrs.int('allowzero', 0) === 1;
  const spec = node.constantInts(1, 'shape');
  const shape = spec.map((d, i) =>
    d === 0 && !allowZero ? (x.shape[i] ?? node.fail('0 refers past the input rank')) : d,
  );
  const unknown = shape.indexOf(-1);
  if (unknown >= 0) {
    const known = numel(shape.filter((_, i) => i !== unknown));
    if (known === 0 || numel(x.shape) % known !== 0) node.fail(`cannot infer -1 in ${formatShape(spec)}`);
    shape[unknown] = numel(x.shape) / known;
  }
  if (numel(shape) !== numel(x.shape) || shape.some((d) => d < 0)) {
    node.fail(`cannot reshape ${formatShape(x.shape)} to ${formatShape(spec)}`);
  }
  return shape;
});
