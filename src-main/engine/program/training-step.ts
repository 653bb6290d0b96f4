import { AppError } from '../../errors';
import { formatShape, fromNumbers, tensor } from '../ir';
import type { Tensor } from '../ir';
import { gradients } from '../autodiff';
import type { Traced } from '../trace';
import { optimizerUpdate, validateOptimizer } from './optimizers';
import type { OptimizerOptions, ScheduledInput } from './optimizers';
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

const STEP = 'optimizer.step';
const next = (name: string): string => `next:${name}`;

/**
 * A training step compiled into one program: inputs are the data, the parameters and the
 * optimiser state; outputs the loss, the new parameters and the new state. This object only
 * feeds each step's outputs back as the next step's inputs.
 */
export class TrainingStep {
  private values: Map<string, Tensor>;

  private constructor(
    private readonly program: Program,
    private readonly carried: readonly string[],
    private readonly initial: ReadonlyMap<string, Tensor>,
    private readonly extra: readonly string[],
    private readonly schedule: readonly ScheduledInput[],
  ) {
    this.values = new Map(initial);
  }

  static async compile(spec: TrainingStepSpec, options: ProgramOptions = {}): Promise<TrainingStep> {
    const { loss, params } = spec;
    const g = loss.tracer;
    if (loss.size !== 1)
      throw new AppError('invalid-request', `the loss must be a scalar, got ${formatShape(loss.shape)}`);
    for (const p of params) {
      if (!g.params.has(p.name))
        throw new AppError('invalid-request', `'${p.name}' is not a parameter declared with g.param`);
    }
    validateOptimizer(spec.optimizer);
    for (const [name, [min, max]] of Object.entries(spec.bounds ?? {})) {
      if (!params.some((p) => p.name === name))
        throw new AppError('invalid-request', `bounds: '${name}' is not trained`);
      if (!(min <= max)) throw new AppError('invalid-request', `bounds of '${name}': [${min}, ${max}] is empty`);
    }
    if (g.typeOf(STEP)) throw new AppError('invalid-request', 'this traced graph already has a training step');
    const step = g.input(STEP, loss.dtype, []);
    const update = optimizerUpdate(g, spec.optimizer, params, gradients(loss, params));
    const outputs: Record<string, Traced> = { loss, ...spec.outputs, [next(STEP)]: step.add(1) };
    params.forEach((p, i) => {
      const updated = update.params[i] as Traced;
      const bound = spec.bounds?.[p.name];
      outputs[next(p.name)] = bound ? updated.clip(bound[0], bound[1]) : updated;
    });
    for (const slot of update.state) outputs[next(slot.name)] = slot.next;

    const initial = new Map<string, Tensor>([[STEP, fromNumbers(loss.dtype, [], [0])]]);
    for (const p of params) initial.set(p.name, g.params.get(p.name) as Tensor);
    for (const slot of update.state) initial.set(slot.name, tensor(slot.input.dtype, slot.input.shape));
    const program = await Program.compile(outputs, options);
    const carried = [...initial.keys()];
    return new TrainingStep(program, carried, initial, Object.keys(spec.outputs ?? {}), update.schedule);
  }

  /** Runs one step on `feeds` (the data inputs), advancing parameters and optimiser state. */
  async step(feeds: Readonly<Record<string, Feed>> = {}): Promise<StepResult> {
    const inputs: Record<string, Feed> = { ...feeds };
    for (const name of this.carried) inputs[name] = this.values.get(name) as Tensor;
    const taken = this.steps;
    for (const { input, at } of this.schedule) inputs[input.name] = fromNumbers(input.dtype, [], [at(taken)]);
    const out = await this.program.run(inputs);
    const values = new Map<string, Tensor>();
    for (const name of this.carried) values.set(name, out[next(name)] as Tensor);
    this.values = values;
    return {
      loss: Number(out.loss?.data[0]),
      outputs: Object.fromEntries(this.extra.map((name) => [name, out[name] as Tensor])),
    };
  }

  /** The current value of a parameter (or optimiser state entry). */
  value(name: string): Tensor {
    const value = this.values.get(name);
    if (!value) throw new AppError('invalid-request', `'${name}' is not trained by this step`);
    return value;
  }

  /** Steps taken so far. */
  get steps(): number {
    return Number(this.value(STEP).data[0]);
  }

  /** Replaces a parameter's value (e.g. to restart from a new initial mask); optimiser state is kept. */
  setValue(name: string, value: Tensor): void {
    const current = this.value(name);
    if (!sameKind(current, value)) {
      throw new AppError('invalid-request', `'${name}' is ${current.dtype} ${formatShape(current.shape)}`);
    }
    this.values.set(name, value);
  }

  /** Everything a later step reads: the step count, the parameters and the optimiser state, by name. */
  state(): ReadonlyMap<string, Tensor> {
    return new Map(this.values);
  }

  /** Continues from a `state()` taken earlier, of this step or of one compiled from the same graph. */
  resume(state: ReadonlyMap<string, Tensor>): void {
    const missing = this.carried.filter((name) => !state.has(name));
    const unknown = [...state.keys()].filter((name) => !this.carried.includes(name));
    if (missing.length > 0 || unknown.length > 0) {
      throw new AppError(
        'invalid-request',
        `the saved training state does not fit this step: ${[
          missing.length > 0 ? `missing ${missing.join(', ')}` : '',
          unknown.length > 0 ? `unknown ${unknown.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ')}`,
      );
    }
    for (const [name, value] of state) {
      const current = this.value(name);
      if (!sameKind(current, value)) {
        throw new AppError(
          'invalid-request',
          `the saved training state does not fit this step: '${name}' is ${value.dtype} ${formatShape(value.shape)}, the step's ${current.dtype} ${formatShape(current.shape)}`,
        );
      }
    }
    this.values = new Map(state);
  }

  /**
   * Starts over as if just compiled: step 0, zero optimiser state, and the compiled initial values
   * except the parameters given. A compiled step can so serve a later optimisation of the same graph.
   */
  restart(params: Readonly<Record<string, Tensor>> = {}): void {
    this.values = new Map(this.initial);
    for (const [name, value] of Object.entries(params)) this.setValue(name, value);
  }

  get provider(): string {
    return this.program.provider;
  }

  get notice(): string | undefined {
    return this.program.notice;
  }
}

/** Whether `value` can stand in for `current`: the same element type and shape. */
function sameKind(current: Tensor, value: Tensor): boolean {
  return current.dtype === value.dtype && current.shape.join() === value.shape.join();
}
