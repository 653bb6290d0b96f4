import type { OpDefinition, VjpContext } from './definition';
import { unbroadcast } from './shared/broadcast';
import { broadcastResult, foldElementwise } from './shared/elementwise';

export const Pow: OpDefinition = {
  op: 'Pow',
  // The exponent may have another element type than the base (x ** int64).
  infer: (node) => [{ ...broadcastResult(node, node.input(0).dtype), dtype: node.input(0).dtype }],
  fold: (node) => foldElementwise(node, (a, b) => a ** b, node.input(0).dtype),
  vjp: (ctx) => [ctx.needs(0) ? baseGradient(ctx) : undefined, ctx.needs(1) ? exponentGradient(ctx) : undefined],
};

function baseGradient({ dy, x, g, node }: VjpContext) {
  const [a, b] = [x(0), x(1)];
  const exponent = node.value(1);
  // x ** 2 is the common case: 2x needs no Pow (and is exact for negative bases).
  const local =
    exponent?.data.length === 1 && Number(exponent.data[0]) === 2
      ? a.mul(2)
      : (b.dtype === a.dtype ? b : b.cast(a.dtype)).mul(a.pow(b.sub(g.constant(1, b.dtype))));
  return unbroadcast(dy.mul(local), a.shape);
}

function exponentGradient({ dy, x, output, g }: VjpContext) {
  const a = x(0);
  // d(a^b)/db = a^b log a, taken as 0 where a = 0 (as PyTorch does) instead of NaN.
  const local = g.where(a.equal(0), 0, output(0).mul(a.log()));
  return unbroadcast(dy.mul(local), x(1).shape);
}
