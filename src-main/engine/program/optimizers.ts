import { AppError } from '../../errors';

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

/** The values an optimiser updates in place: float32 or float64 elements. */
export type FloatArray = Float32Array | Float64Array;

/** A trained parameter: its current value and its optimiser state, all held in JS between steps. */
export interface ParameterSlot {
  readonly name: string;
  readonly value: FloatArray;
  /** State entries by name (`adam.m.<name>`, `adam.v.<name>`, `sgd.momentum.<name>`). */
  readonly state: ReadonlyMap<string, FloatArray>;
  readonly bounds: readonly [number, number] | undefined;
}

/** Names of the state entries one parameter has under these options. */
export function stateNames(options: OptimizerOptions, param: string): string[] {
  if (options.kind === 'adam') return [`adam.m.${param}`, `adam.v.${param}`];
  return (options.momentum ?? 0) !== 0 ? [`sgd.momentum.${param}`] : [];
}

/**
 * One update of every parameter from its gradient, in place: Adam (bias-corrected, the published
 * rule) or SGD with optional momentum (PyTorch's buffer), both with optional weight decay and
 * gradient clipping by global norm, then the box bounds. `taken` is the number of steps before.
 * The update runs here rather than in the graph: the parameters and the state then stay in JS
 * buffers, so a step's program returns only gradients, not new copies of everything it updates.
 */
export function applyUpdate(
  options: OptimizerOptions,
  slots: readonly ParameterSlot[],
  gradients: readonly FloatArray[],
  taken: number,
): void {
  const scale = options.clipNorm === undefined ? 1 : clipScale(gradients, options.clipNorm);
  const decay = options.weightDecay ?? 0;
  const coupled = options.kind === 'sgd' || options.decoupled !== true;
  slots.forEach((slot, i) => {
    const grad = gradients[i] as FloatArray;
    const p = slot.value;
    const [first, second] = [...slot.state.values()];
    const [min, max] = slot.bounds ?? [-Infinity, Infinity];
    if (options.kind === 'adam') {
      const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 } = options;
      const [m, v] = [first as FloatArray, second as FloatArray];
      // PyTorch's arithmetic: step size lr / (1 - β1^t), denominator √v / √(1 - β2^t) + ε.
      const stepSize = lr / (1 - beta1 ** (taken + 1));
      const root = 1 / Math.sqrt(1 - beta2 ** (taken + 1));
      const [keep1, keep2] = [1 - beta1, 1 - beta2];
      const shrink = options.decoupled ? 1 - lr * decay : 1;
      const coupledDecay = coupled ? decay : 0;
      for (let k = 0; k < p.length; k++) {
        const g = (grad[k] as number) * scale + coupledDecay * (p[k] as number);
        const mk = beta1 * (m[k] as number) + keep1 * g;
        const vk = beta2 * (v[k] as number) + keep2 * (g * g);
        m[k] = mk;
        v[k] = vk;
        const next = (p[k] as number) * shrink - (stepSize * mk) / (Math.sqrt(vk) * root + eps);
        p[k] = Math.min(max, Math.max(min, next));
      }
    } else {
      const { lr, momentum = 0 } = options;
      for (let k = 0; k < p.length; k++) {
        let direction = (grad[k] as number) * scale + decay * (p[k] as number);
        if (first) {
          direction = momentum * (first[k] as number) + direction;
          first[k] = direction;
        }
        p[k] = Math.min(max, Math.max(min, (p[k] as number) - lr * direction));
      }
    }
  });
}

/** min(1, maxNorm / (‖g‖ + 1e-6)) with ‖g‖ the joint L2 norm of all gradients. */
function clipScale(gradients: readonly FloatArray[], maxNorm: number): number {
  let sum = 0;
  for (const grad of gradients) for (let k = 0; k < grad.length; k++) sum += (grad[k] as number) ** 2;
  return Math.min(1, maxNorm / (Math.sqrt(sum) + 1e-6));
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
