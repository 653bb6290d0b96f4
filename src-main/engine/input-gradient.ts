import { gradients } from './autodiff';
import { importModel } from './import';
import { fromNumbers, readModel, type Tensor } from './ir';
import { Program } from './program';
import { Tracer, type Traced } from './trace';
import { AppError } from '../errors';

/** What to differentiate: Σ_b y[b, target_b], or Jᵀu for a cotangent u shaped like y. */
export type GradientSeed = { targets: readonly number[] } | { cotangent: Tensor };

/** The model's outputs for `x` and the gradient of the seeded output with respect to `x`. */
export async function inputGradient(
  modelBytes: Uint8Array,
  x: Tensor,
  seed: GradientSeed,
): Promise<{ output: Tensor; gradient: Tensor }> {
  const inputName = readModel(modelBytes).graph.inputs[0]?.name ?? 'x';
  const model = await importModel(modelBytes, { inputShapes: { [inputName]: x.shape } });
  const g = new Tracer();
  const input = g.input('x', 'float32', x.shape);
  const y = Object.values(g.call(model, input))[0] as Traced;
  const [batch = 1, classes = 1] = y.shape;
  const cotangent = 'cotangent' in seed ? seed.cotangent : oneHot(seed.targets, batch, classes);
  if (cotangent.shape.join(',') !== y.shape.join(',')) {
    throw new AppError(
      'invalid-request',
      `the cotangent is [${cotangent.shape.join(', ')}] but the model's output is [${y.shape.join(', ')}]`,
    );
  }
  const [gradient] = gradients(y, [input], { seed: g.constant(cotangent) }) as [Traced];
  const out = await (await Program.compile({ y, gradient })).run({ x });
  return { output: out.y as Tensor, gradient: out.gradient as Tensor };
}

function oneHot(targets: readonly number[], batch: number, classes: number): Tensor {
  if (targets.length !== 1 && targets.length !== batch) {
    throw new AppError('invalid-request', `expected 1 or ${batch} targets (one per row), got ${targets.length}`);
  }
  const values = new Array<number>(batch * classes).fill(0);
  for (let b = 0; b < batch; b++) {
    const target = targets.length === 1 ? targets[0] : targets[b];
    if (target === undefined || !Number.isInteger(target) || target < 0 || target >= classes) {
      throw new AppError(
        'invalid-request',
        `target ${String(target)} of row ${b} is not a class index 0…${classes - 1}`,
      );
    }
    values[b * classes + target] = 1;
  }
  return fromNumbers('float32', [batch, classes], values);
}
