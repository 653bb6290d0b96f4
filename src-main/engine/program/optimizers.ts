import { AppError } from '../../errors';
import type { Traced, Tracer } from '../trace';

export interface AdamOptions {
  readonly kind: 'adam';
  readonly lr: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  /** L2 penalty added to the gradient (PyTorch Adam), or decoupled from it (AdamW) with `decoupled`. */
  readonly weightDecay?: number;
  readonly decoupled?: boolean;
  /** Rescale all gradients together so that their joint L2 norm is at most this. */
  readonly clipNorm?: number;
}

export interface SgdOptions {
  readonly kind: 'sgd';
  readonly lr: number;
  readonly momentum?: number;
  readonly weightDecay?: number;
  readonly clipNorm?: number;
}

export type OptimizerOptions = AdamOptions | SgdOptions;

/** One parameter's optimiser state, as graph inputs (current) and outputs (next). */
export interface StateSlot {
  readonly name: string;
  readonly input: Traced;
  readonly next: Traced;
}

/** A scalar input fed every step, computed from the number of steps taken before it. */
export interface ScheduledInput {
  readonly input: Traced;
  readonly at: (stepsTaken: number) => number;
}

export interface OptimizerUpdate {
  readonly params: readonly Traced[];
  readonly state: readonly StateSlot[];
  readonly schedule: readonly ScheduledInput[];
}

/**
 * The update of every parameter written as graph ops, from its gradient and its state inputs:
 * Adam (bias-corrected, PyTorch's formulation) or SGD with optional momentum, both with optional
 * weight decay and gradient clipping by global norm. Scalars that depend only on the step count
 * (Adam's bias corrections) are inputs in `schedule`, to be fed each step.
 */
export function optimizerUpdate(
  g: Tracer,
  options: OptimizerOptions,
  params: readonly Traced[],
  gradients: readonly Traced[],
): OptimizerUpdate {
  validateOptimizer(options);
  const clipped = options.clipNorm === undefined ? gradients : clipByGlobalNorm(g, gradients, options.clipNorm);
  const decay = options.weightDecay ?? 0;
  const coupled = options.kind === 'sgd' || options.decoupled !== true;
  const grads = clipped.map((grad, i) => (decay !== 0 && coupled ? grad.add((params[i] as Traced).mul(decay)) : grad));
  return options.kind === 'adam' ? adam(g, options, params, grads) : sgd(g, options, params, grads);
}

function adam(g: Tracer, o: AdamOptions, params: readonly Traced[], grads: readonly Traced[]): OptimizerUpdate {
  const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 } = o;
  // The bias corrections 1 - β^t are fed each step rather than computed by a chain of scalar nodes:
  // every node costs a fixed overhead per run, which is much of a small model's step.
  const schedule: ScheduledInput[] = [];
  const corrections = new Map<string, [Traced, Traced]>();
  const correctionsOf = (p: Traced): [Traced, Traced] => {
    const known = corrections.get(p.dtype);
    if (known) return known;
    const [c1, c2] = [beta1, beta2].map((beta, k) => {
      const input = g.input(`adam.correction${k + 1}.${p.dtype}`, p.dtype, []);
      schedule.push({ input, at: (taken) => 1 - beta ** (taken + 1) });
      return input;
    }) as [Traced, Traced];
    corrections.set(p.dtype, [c1, c2]);
    return [c1, c2];
  };
  const state: StateSlot[] = [];
  const next = params.map((p, i) => {
    const [c1, c2] = correctionsOf(p);
    const grad = grads[i] as Traced;
    const m = g.input(`adam.m.${p.name}`, p.dtype, p.shape);
    const v = g.input(`adam.v.${p.name}`, p.dtype, p.shape);
    const m1 = m.mul(beta1).add(grad.mul(1 - beta1));
    const v1 = v.mul(beta2).add(grad.mul(grad).mul(1 - beta2));
    state.push({ name: m.name, input: m, next: m1 }, { name: v.name, input: v, next: v1 });
    const update = m1.div(c1).div(v1.div(c2).sqrt().add(eps)).mul(lr);
    const decayed = o.decoupled && o.weightDecay ? p.mul(1 - lr * o.weightDecay) : p;
    return decayed.sub(update);
  });
  return { params: next, state, schedule };
}

function sgd(g: Tracer, o: SgdOptions, params: readonly Traced[], grads: readonly Traced[]): OptimizerUpdate {
  const momentum = o.momentum ?? 0;
  const state: StateSlot[] = [];
  const next = params.map((p, i) => {
    let direction = grads[i] as Traced;
    if (momentum !== 0) {
      // PyTorch's buffer: b' = μ b + g, starting from zeros (so b_1 = g).
      const buffer = g.input(`sgd.momentum.${p.name}`, p.dtype, p.shape);
      direction = buffer.mul(momentum).add(direction);
      state.push({ name: buffer.name, input: buffer, next: direction });
    }
    return p.sub(direction.mul(o.lr));
  });
  return { params: next, state, schedule: [] };
}

/** Scales all gradients by min(1, maxNorm / ‖g‖) with ‖g‖ their joint L2 norm. */
function clipByGlobalNorm(g: Tracer, gradients: readonly Traced[], maxNorm: number): Traced[] {
  const first = gradients[0];
  if (!first) return [];
  const norm = g.sum(gradients.map((d) => d.reduceSumSquare())).sqrt();
  const scale = g.constant(maxNorm, first.dtype).div(norm.add(1e-6)).min(1);
  return gradients.map((d) => d.mul(scale));
}

/** Checks the hyper-parameters, naming the one at fault. */
export function validateOptimizer(o: OptimizerOptions): void {
  const positive = (name: string, v: number | undefined, allowZero = false): void => {
    if (v !== undefined && !(allowZero ? v >= 0 : v > 0)) {
      throw new AppError('invalid-request', `${o.kind}: ${name} must be ${allowZero ? '≥ 0' : '> 0'}, got ${v}`);
    }
  };
  positive('lr', o.lr);
  positive('weightDecay', o.weightDecay, true);
  positive('clipNorm', o.clipNorm);
  if (o.kind === 'adam') {
    for (const [name, beta] of [
      ['beta1', o.beta1],
      ['beta2', o.beta2],
    ] as const) {
      if (beta !== undefined && !(beta >= 0 && beta < 1)) {
        throw new AppError('invalid-request', `adam: ${name} must be in [0, 1), got ${beta}`);
      }
    }
    positive('eps', o.eps);
  } else {
    positive('momentum', o.momentum, true);
  }
}
