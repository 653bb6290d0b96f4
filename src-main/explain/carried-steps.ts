import { TrainingStep } from '../engine';
import type { Tensor, Traced } from '../engine';
import { AppError } from '../errors';

/**
 * Training steps compiled per batch size and learning rate (the engine compiles a step for fixed
 * shapes and a fixed rate: a short last batch or a reduced rate gets its own), with the
 * parameters and Adam's state carried over to whichever step runs next.
 */
export class CarriedSteps {
  private readonly compiled = new Map<string, Promise<TrainingStep>>();
  private readonly carried: readonly string[];
  private active: TrainingStep | undefined;

  constructor(
    private readonly params: readonly string[],
    private readonly make: (batch: number, lr: number) => Promise<TrainingStep>,
  ) {
    this.carried = ['optimizer.step', ...params, ...params.flatMap((n) => [`adam.m.${n}`, `adam.v.${n}`])];
  }

  /** The step for this batch size and rate, holding the current parameters and optimiser state. */
  async at(batch: number, lr: number): Promise<TrainingStep> {
    const key = `${batch}|${lr}`;
    let made = this.compiled.get(key);
    if (!made) {
      made = this.make(batch, lr);
      this.compiled.set(key, made);
    }
    const step = await made;
    const previous = this.active;
    if (previous && previous !== step) for (const name of this.carried) step.setValue(name, previous.value(name));
    this.active = step;
    return step;
  }

  /** The current parameter values (after the last step run). */
  values(names: readonly string[] = this.params): Map<string, Tensor> {
    const step = this.active;
    if (!step) throw new AppError('internal', 'no training step has run yet');
    return new Map(names.map((name) => [name, step.value(name)]));
  }
}

/** A traced training objective: a scalar loss, the parameters it trains, and values to report. */
export interface TracedObjective {
  readonly loss: Traced;
  readonly params: Traced[];
  readonly outputs: Readonly<Record<string, Traced>>;
}

/** AdamW (decoupled weight decay) steps of `objective` traced per batch size, on one intra-op thread. */
export function adamWSteps(
  params: readonly string[],
  weightDecay: number,
  objective: (batch: number) => Promise<TracedObjective> | TracedObjective,
): CarriedSteps {
  return new CarriedSteps(params, async (batch, lr) => {
    const traced = await objective(batch);
    return TrainingStep.compile(
      {
        loss: traced.loss,
        params: traced.params,
        optimizer: { kind: 'adam', lr, weightDecay, decoupled: true },
        outputs: traced.outputs,
      },
      { intraOpThreads: 1 },
    );
  });
}
