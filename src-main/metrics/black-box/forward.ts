import { formatShape } from '../../engine/ir';
import type { Tensor } from '../../engine/ir';
import { AppError } from '../../errors';

/**
 * The model as the metrics see it: a batch [B, T, F] float32 in, outputs [B, C] out. How it runs
 * (ONNX Runtime, the engine, a plain function) is the caller's business.
 */
export type Forward = (x: Tensor) => Promise<Tensor>;

/** A model output read back as float64 rows. */
export interface OutputRows {
  readonly rows: number;
  readonly classes: number;
  readonly values: Float64Array;
}

/** Runs the model on `x` and checks that it answers one row of outputs per example. */
export async function runForward(forward: Forward, x: Tensor): Promise<OutputRows> {
  const out = await forward(x);
  const [rows, classes] = out.shape;
  if (out.shape.length !== 2 || rows === undefined || rows !== x.shape[0] || classes === undefined || classes < 1) {
    throw new AppError(
      'bad-input',
      `the model's output is ${formatShape(out.shape)} for an input of ${formatShape(x.shape)}; expected [${x.shape[0] ?? 0}, C]`,
    );
  }
  return { rows, classes, values: Float64Array.from(out.data as ArrayLike<number>) };
}

/**
 * Row-wise softmax (max-shifted). A single column is a binary model's logit z, the softmax over
 * [0, z]: its sigmoid, the risk (a softmax over the one column alone would be 1 whatever z is).
 */
export function softmaxRows({ rows, classes, values }: OutputRows): OutputRows {
  if (classes === 1) return { rows, classes, values: values.map((z) => 1 / (1 + Math.exp(-z))) };
  const out = new Float64Array(values.length);
  for (let r = 0; r < rows; r++) {
    const row = values.subarray(r * classes, (r + 1) * classes);
    const max = Math.max(...row);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += out[r * classes + c] = Math.exp((row[c] ?? 0) - max);
    for (let c = 0; c < classes; c++) out[r * classes + c] = (out[r * classes + c] ?? 0) / sum;
  }
  return { rows, classes, values: out };
}

/** A class per row: the given one(s), or the argmax of `outputs` (the first of equal maxima, like torch). */
export function resolveTargets(target: number | readonly number[] | undefined, outputs: OutputRows): Int32Array {
  const { rows, classes, values } = outputs;
  if (typeof target === 'object' && target.length !== rows) {
    throw new AppError('invalid-request', `target: expected one class per example (${rows}), got ${target.length}`);
  }
  const targets = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const given = typeof target === 'number' ? target : target?.[r];
    if (given === undefined) {
      let best = 0;
      for (let c = 1; c < classes; c++)
        if ((values[r * classes + c] ?? 0) > (values[r * classes + best] ?? 0)) best = c;
      targets[r] = best;
    } else if (!Number.isInteger(given) || given < 0 || given >= classes) {
      throw new AppError('invalid-request', `target: ${given} of example ${r} is not a class index 0…${classes - 1}`);
    } else {
      targets[r] = given;
    }
  }
  return targets;
}

/** `values[r, targets[r]]` for each row. */
export function atTargets({ classes, values }: OutputRows, targets: Int32Array): Float64Array {
  return Float64Array.from(targets, (c, r) => values[r * classes + c] ?? NaN);
}
