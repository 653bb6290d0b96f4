import type { Traced } from '../trace';
import type { OpDefinition } from './definition';

/** BatchNormalization at inference (training_mode 0): a per-channel affine map with frozen statistics. */
export const BatchNormalization: OpDefinition = {
  op: 'BatchNormalization',
  infer: (node) => {
    const x = node.input(0);
    if (node.attrs.int('training_mode', 0) !== 0) node.fail('training_mode = 1 is not supported; export in eval mode');
    const channels = x.shape[1];
    for (let i = 1; i < 5; i++) {
      if (node.input(i).shape.join() !== String(channels)) node.fail(`input ${i} must have shape [${channels ?? 0}]`);
    }
    return [x];
  },
  vjp: ({ dy, x, needs, attrs }) => {
    const input = x(0);
    const channelShape = input.shape.map((d, i) => (i === 1 ? d : 1));
    const perChannel = (v: Traced): Traced => v.reshape(channelShape);
    const [scale, mean, variance] = [x(1), x(3), x(4)].map(perChannel) as [Traced, Traced, Traced];
    const invStd = variance.add(attrs.float('epsilon', 1e-5)).sqrt().reciprocal();
    const centred = input.sub(mean);
    const reduceAxes = input.shape.map((_, i) => i).filter((i) => i !== 1);
    const sumOver = (v: Traced): Traced => v.reduceSum(reduceAxes);
    const dBias = sumOver(dy);
    return [
      needs(0) ? dy.mul(scale.mul(invStd)) : undefined,
      needs(1) ? sumOver(dy.mul(centred).mul(invStd)) : undefined,
      needs(2) ? dBias : undefined,
      needs(3)
        ? dBias
            .mul(x(1))
            .mul(invStd.reshape([-1]))
            .neg()
        : undefined,
      needs(4) ? sumOver(dy.mul(centred).mul(scale).mul(invStd.mul(invStd).mul(invStd)).mul(-0.5)) : undefined,
    ];
  },
};
