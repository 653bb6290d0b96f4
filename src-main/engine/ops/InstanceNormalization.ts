import type { OpDefinition } from './definition';
import { moments, normalizedInputGradient } from './shared/normalization';

/** InstanceNormalization: per sample and channel over the spatial axes, then a per-channel affine map. */
export const InstanceNormalization: OpDefinition = {
  op: 'InstanceNormalization',
  infer: (node) => {
    const x = node.input(0);
    if (x.shape.length < 3) node.fail('the input must be [N, C, spatial…]');
    for (const i of [1, 2]) {
      if (node.input(i).shape.join() !== String(x.shape[1]))
        node.fail(`input ${i} must have shape [${x.shape[1] ?? 0}]`);
    }
    return [x];
  },
  vjp: ({ dy, x, needs, attrs }) => {
    const input = x(0);
    const spatial = input.shape.slice(2).map((_, i) => i + 2);
    const m = moments(input, spatial, attrs.float('epsilon', 1e-5));
    const channelShape = input.shape.map((d, i) => (i === 1 ? d : 1));
    const notChannel = input.shape.map((_, i) => i).filter((i) => i !== 1);
    return [
      needs(0) ? normalizedInputGradient(dy.mul(x(1).reshape(channelShape)), m, spatial) : undefined,
      needs(1) ? dy.mul(m.normalized).reduceSum(notChannel) : undefined,
      needs(2) ? dy.reduceSum(notChannel) : undefined,
    ];
  },
};
