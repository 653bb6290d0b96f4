import { formatShape } from '../ir';
import type { NodeInfo, OpDefinition } from './definition';
import { convGeometry } from './shared/conv-geometry';
import type { ConvGeometry } from './shared/conv-geometry';
import { convBiasGradient, convInputGradient, convWeightGradient } from './shared/conv-gradient';
import { liftTo2d } from './shared/lift-1d';

function resolve(node: NodeInfo): { geometry: ConvGeometry; group: number; outChannels: number } {
  const [x, w] = [node.input(0).shape, node.input(1).shape];
  const group = node.attrs.int('group', 1);
  const [n, channels = 0, ...spatial] = x;
  const [outChannels = 0, perGroup = 0, ...kernel] = w;
  if (n === undefined || spatial.length === 0 || w.length !== x.length) {
    node.fail(`input ${formatShape(x)} and weight ${formatShape(w)} must be [N, C, …] and [M, C/group, k…]`);
  }
  if (perGroup * group !== channels || outChannels % group !== 0) {
    node.fail(`${channels} input and ${outChannels} output channels do not split into ${group} groups`);
  }
  const declared = node.attrs.ints('kernel_shape', kernel);
  if (declared.join() !== kernel.join()) node.fail(`kernel_shape ${formatShape(declared)} disagrees with the weight`);
  const bias = node.optionalInput(2);
  if (bias && bias.shape.join() !== String(outChannels)) node.fail(`the bias must have shape [${outChannels}]`);
  return { geometry: convGeometry(node, spatial, kernel), group, outChannels };
}

export const Conv: OpDefinition = {
  op: 'Conv',
  infer: (node) => {
    const { geometry, outChannels } = resolve(node);
    const x = node.input(0);
    return [{ dtype: x.dtype, shape: [x.shape[0] ?? 1, outChannels, ...geometry.output] }];
  },
  canonicalize: (ctx) => liftTo2d(ctx, resolve(ctx.node).geometry, [0, 1]),
  vjp: ({ dy, x, needs, node, g }) => {
    const { geometry, group } = resolve(node);
    return [
      needs(0) ? convInputGradient(g, dy, x(1), geometry, group) : undefined,
      needs(1) ? convWeightGradient(dy, x(0), geometry, group) : undefined,
      needs(2) ? convBiasGradient(dy) : undefined,
    ];
  },
};
