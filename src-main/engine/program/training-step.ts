import { AppError } from '../../errors';
import { formatShape, tensor } from '../ir';
import type { Tensor } from '../ir';
import { gradients } from '../autodiff';
import type { Traced } from '../trace';
import { applyUpdate, stateNames, validateOptimizer } from './optimizers';
import type { FloatArray, OptimizerOptions, ParameterSlot } from './optimizers';
import { Program } from './program';
import type { Feed, ProgramOptions } from './program';

export interface TrainingStepSpec {
  /** A scalar (one-element) loss. */
  readonly loss: Traced;
  /** The parameters to train, declared with `g.param`. */
  readonly params: readonly Traced[];
  readonly optimizer: OptimizerOptions;
  /** Further values to return from every step (predictions, masks). */
  readonly outputs?: Readonly<Record<string, Traced>>;
  /** Box constraints by parameter name: the value is clamped to [min, max] after every update (projected descent). */
  readonly bounds?: Readonly<Record<string, readonly [number, number]>>;
}

export interface StepResult {
  readonly loss: number;
  readonly outputs: Readonly<Record<string, Tensor>>;
}

/** An input declared on the traced graph only to mark that it has a training step. */
const STEP = 'optimizer.step';
const gradientOutput = (name: string): string => `gradient:${name}`;

/**
 * A training step: one compiled program gives the loss and the parameters' gradients, and the
 * optimiser updates the parameters and its state in place, in JS buffers that are fed to the next
 * step as they are.
 */
export class TrainingStep {
  private taken = 0;

  private constructor(
    private readonly program: Program,
    private readonly optimizer: OptimizerOptions,
    private readonly slots: readonly ParameterSlot[],
    private readonly params: readonly Traced[],
    private readonly initial: ReadonlyMap<string, Tensor>,
    private readonly extra: readonly string[],
  ) {}

  static async compile(spec: TrainingStepSpec, options: ProgramOptions = {}): Promise<TrainingStep> {
    const { loss, params } = spec;
    const g = loss.tracer;
    if (loss.size !== 1)
      throw new AppError('invalid-request', `the loss must be a scalar, got ${formatShape(loss.shape)}`);
    for (const p of params) {
      if (!g.params.has(p.name))
        throw new AppError('invalid-request', `'${p.name}' is not a parameter declared with g.param`);
      if (p.dtype !== 'float32' && p.dtype !== 'float64')
        throw new AppError('invalid-request', `'${p.name}' is ${p.dtype}; trained parameters are float32 or float64`);
    }
    validateOptimizer(spec.optimizer);
    for (const [name, [min, max]] of Object.entries(spec.bounds ?? {})) {
      if (!params.some((p) => p.name === name))
        throw new AppError('invalid-request', `bounds: '${name}' is not trained`);
      if (!(min <= max)) throw new AppError('invalid-request', `bounds of '${name}': [${min}, ${max}] is empty`);
    }
    if (g.typeOf(STEP)) throw new AppError('invalid-request', 'this traced graph already has a training step');
    g.input(STEP, loss.dtype, []);
    const outputs: Record<string, Traced> = { loss, ...spec.outputs };
    gradients(loss, params).forEach((d, i) => (outputs[gradientOutput((params[i] as Traced).name)] = d));
    const initial = new Map(params.map((p) => [p.name, g.params.get(p.name) as Tensor]));
    const slots = params.map((p): ParameterSlot => ({
      name: p.name,
      value: (initial.get(p.name) as Tensor).data.slice() as FloatArray,
      state: new Map(stateNames(spec.optimizer, p.name).map((n) => [n, tensor(p.dtype, p.shape).data as FloatArray])),
      bounds: spec.bounds?.[p.name],
    }));
    const program = await Program.compile(outputs, options);
    return new TrainingStep(program, spec.optimizer, slots, params, initial, Object.keys(spec.outputs ?? {}));
  }

  /** Runs one step on `feeds` (the data inputs), advancing parameters and optimiser state. */
  async step(feeds: Readonly<Record<string, Feed>> = {}): Promise<StepResult> {
    const inputs: Record<string, Feed> = { ...feeds };
    for (const slot of this.slots) inputs[slot.name] = slot.value;
    const out = await this.program.run(inputs);
    const grads = this.slots.map((slot) => (out[gradientOutput(slot.name)] as Tensor).data as FloatArray);
    applyUpdate(this.optimizer, this.slots, grads, this.taken);
    this.taken += 1;
    return {
      loss: Number(out.loss?.data[0]),
      outputs: Object.fromEntries(this.extra.map((name) => [name, out[name] as Tensor])),
    };
  }

  /** A copy of the current value of a parameter (or optimiser state entry). */
  value(name: string): Tensor {
    const { param, data } = this.find(name);
    return tensor(param.dtype, param.shape, data.slice());
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.taken;
  }

  /** Replaces a parameter's value (e.g. to restart from a new initial mask); optimiser state is kept. */
  setValue(name: string, value: Tensor): void {
    const { param, data } = this.find(name);
    if (param.dtype !== value.dtype || param.shape.join() !== value.shape.join()) {
      throw new AppError('invalid-request', `'${name}' is ${param.dtype} ${formatShape(param.shape)}`);
    }
    data.set(value.data as FloatArray);
  }

  /**
   * Starts over as if just compiled: step 0, zero optimiser state, and the compiled initial values
   * except the parameters given. A compiled step can so serve a later optimisation of the same graph.
   */
  restart(params: Readonly<Record<string, Tensor>> = {}): void {
    this.taken = 0;
    for (const slot of this.slots) {
      slot.value.set((this.initial.get(slot.name) as Tensor).data as FloatArray);
      for (const state of slot.state.values()) state.fill(0);
    }
    for (const [name, value] of Object.entries(params)) this.setValue(name, value);
  }

  /** The buffer holding a parameter or state entry, and the parameter it belongs to. */
  private find(name: string): { param: Traced; data: FloatArray } {
    for (const [i, slot] of this.slots.entries()) {
      const data = slot.name === name ? slot.value : slot.state.get(name);
      if (data) return { param: this.params[i] as Traced, data };
    }
    throw new AppError('invalid-request', `'${name}' is not trained by this step`);
  }

  get provider(): string {
    return this.program.provider;
  }

  get notice(): string | undefined {
    return this.program.notice;
  }
}
