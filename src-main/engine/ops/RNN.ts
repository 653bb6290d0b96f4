import type { Traced } from '../trace';
import type { OpDefinition } from './definition';
import { activate } from './shared/recurrent/activations';
import type { ActivationSpec } from './shared/recurrent/activations';
import { recurrentOp } from './shared/recurrent/recurrent-op';
import { parameterGradients, perStep, project, stack, stateGradients, unroll } from './shared/recurrent/unroll';

/** RNN: H_t = f(X_t Wᵀ + H_{t-1} Rᵀ + Wb + Rb), differentiated by unrolling (one MatMul per step). */
export const RNN: OpDefinition = recurrentOp(
  { op: 'RNN', gates: 1, activations: ['Tanh'], stateInputs: [5], outputs: 2, perDirection: [1, 2, 3, 5] },
  (ctx, config) => {
    const u = unroll(ctx, config, 1);
    const [f] = config.activations as [ActivationSpec];
    const { slope } = activate(f, project(u.x, u.w, u.wb).add(project(u.previous, u.r, u.rb)), config.clip);
    const slopes = perStep(slope);
    const upstream = stateGradients(ctx, config, 1);
    let carry = upstream.final;
    const da: Traced[] = [];
    for (const t of u.backwardOrder) {
      const step = upstream.perStep[t];
      const d = (step ? carry.add(step) : carry).mul(slopes[t] as Traced);
      da[t] = d;
      carry = d.matmul(u.r);
    }
    const preActivations = stack(da, config);
    return [
      ...parameterGradients(ctx, u, preActivations, preActivations),
      undefined,
      ctx.needs(5) ? carry.reshape([1, config.batch, config.hidden]) : undefined,
    ];
  },
);
