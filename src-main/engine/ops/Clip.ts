import type { OpDefinition } from './definition';
import { commonDtype } from './shared/elementwise';

/** Clip with optional min/max inputs (opset 11+); boundaries pass the gradient, as in PyTorch. */
export const Clip: OpDefinition = {
  op: 'Clip',
  infer: (node) => {
    commonDtype(node, [0, 1, 2]);
    for (const i of [1, 2]) {
      const bound = node.optionalInput(i);
      if (bound && bound.shape.length > 0 && bound.shape.some((d) => d !== 1)) node.fail(`input ${i} must be a scalar`);
    }
    return [node.input(0)];
  },
  canonicalize: ({ g, node, inputs }) => {
    // Opset < 11 kept the bounds in attributes.
    if (!node.attrs.has('min') && !node.attrs.has('max')) return undefined;
    const dtype = node.input(0).dtype;
    const bound = (name: string) => (node.attrs.has(name) ? g.constant(node.attrs.float(name), dtype) : undefined);
    return [g.op('Clip', [inputs[0], bound('min'), bound('max')], {}, { name: node.name })];
  },
  vjp: ({ dy, x, input, g }) => {
    const v = x(0);
    const [min, max] = [input(1), input(2)];
    const inside =
      min && max
        ? v.greaterOrEqual(min).and(v.lessOrEqual(max))
        : min
          ? v.greaterOrEqual(min)
          : max
            ? v.lessOrEqual(max)
            : undefined;
    return [inside ? g.where(inside, dy, 0) : dy];
  },
};
