import { AppError } from '../errors';
import {
  importModel,
  missingGradientRules,
  numel,
  Program,
  readModel,
  toNumbers,
  Tracer,
  type Traced,
} from '../engine';
import type { ImportedModel, ProgramOptions, Tensor } from '../engine';
import type { LoadedModel } from '../models/loaded-model';
import type { TrainModeModel } from '../models/training/train-mode';

/**
 * The model being explained, as explainers see it: ONNX bytes and how to read its first output,
 * [B, K]. Registered models, user files and the benchmarks' white boxes all become one of these.
 */
export interface BlackBox {
  /** For messages: a file name or "model ID in the study". */
  readonly name: string;
  readonly onnx: Uint8Array;
  /** `values` for regressors (the white boxes); classifiers give logits or probabilities. */
  readonly output: 'logits' | 'probabilities' | 'values';
  /** How the programs that call the model are run (the tunnel turns the memory arena off). */
  readonly programOptions?: ProgramOptions;
  /**
   * The model in train mode (its dropout on), where it is known: the benchmarks' transformers,
   * rebuilt from their architecture. An imported ONNX file alone runs as inference only.
   */
  readonly trainMode?: TrainModeModel;
}

export function blackBoxOf(model: LoadedModel): BlackBox {
  return { name: model.source, onnx: model.bytes, output: model.card.outputKind };
}

const imported = new WeakMap<Uint8Array, Map<string, Promise<ImportedModel>>>();
const forwardPrograms = new WeakMap<Uint8Array, Map<string, Promise<Program>>>();

/** One value per model and key (e.g. a program per input shape), made once. */
export function cached<T>(
  store: WeakMap<Uint8Array, Map<string, Promise<T>>>,
  box: BlackBox,
  key: string,
  make: () => Promise<T>,
): Promise<T> {
  let byKey = store.get(box.onnx);
  if (!byKey) store.set(box.onnx, (byKey = new Map<string, Promise<T>>()));
  let value = byKey.get(key);
  if (!value) {
    value = make();
    byKey.set(key, value);
    // A failed import must not poison the cache for a later, corrected call.
    value.catch(() => byKey.delete(key));
  }
  return value;
}

/** The model specialised to an input shape, ready for `g.call` (imported once per shape). */
export function traceable(box: BlackBox, shape: readonly number[]): Promise<ImportedModel> {
  return cached(imported, box, shape.join(','), () => {
    const inputName = readModel(box.onnx).graph.inputs[0]?.name ?? 'x';
    return importModel(box.onnx, { inputShapes: { [inputName]: shape } });
  });
}

/** Calls the model inside a traced graph and returns its first output. */
export function callModel(g: Tracer, model: ImportedModel, x: Traced): Traced {
  const y = Object.values(g.call(model, x))[0];
  if (!y) throw new AppError('bad-input', 'the model has no output');
  return y;
}

/** Refuses a model that outputs values (a regressor) for a method that explains classifiers. */
export function requireClassifier(box: BlackBox, method: string): void {
  if (box.output === 'values')
    throw new AppError('invalid-request', `${method} explains classifiers; ${box.name} outputs values`);
}

/** Refuses, naming the ops, a model the engine cannot differentiate. */
export async function requireGradients(box: BlackBox, shape: readonly number[], method: string): Promise<void> {
  const missing = missingGradientRules((await traceable(box, shape)).graph);
  if (missing.length === 0) return;
  const ops = [...new Set(missing.map((m) => m.op))].join(', ');
  throw new AppError(
    'invalid-request',
    `${method} needs gradients, but ${box.name} uses ops the engine cannot differentiate (${ops}); use occlusion or ib-gradient-free`,
  );
}

/** The model's outputs for `x` [B, T, F] → [B, K], through ONNX Runtime without autodiff. */
export async function forward(box: BlackBox, x: Tensor): Promise<Tensor> {
  const program = await cached(forwardPrograms, box, x.shape.join(','), async () => {
    const g = new Tracer();
    const y = callModel(g, await traceable(box, x.shape), g.input('x', 'float32', x.shape));
    return Program.compile({ y }, box.programOptions);
  });
  const { y } = await program.run({ x });
  if (!y) throw new AppError('internal', 'the forward program returned no output');
  return y;
}

/**
 * The classes explained per row: the given ones (one value applies to every row), else the
 * predicted class. Regressors have no classes: every output counts, and the targets are empty.
 */
export async function resolveTargets(box: BlackBox, x: Tensor, targets?: readonly number[]): Promise<number[]> {
  if (box.output === 'values') return [];
  const batch = x.shape[0] ?? 0;
  const y = await forward(box, x);
  const classes = numel(y.shape) / Math.max(batch, 1);
  if (targets === undefined) {
    const scores = toNumbers(y);
    return Array.from({ length: batch }, (_, b) => argmax(scores, b * classes, classes));
  }
  if (targets.length !== 1 && targets.length !== batch) {
    throw new AppError('invalid-request', `expected 1 or ${batch} targets (one per row), got ${targets.length}`);
  }
  return Array.from({ length: batch }, (_, b) => {
    const t = targets.length === 1 ? targets[0] : targets[b];
    if (t === undefined || !Number.isInteger(t) || t < 0 || t >= classes) {
      throw new AppError('invalid-request', `target ${String(t)} of row ${b} is not a class index 0…${classes - 1}`);
    }
    return t;
  });
}

/** The index of the largest of `length` values from `offset` (the first one on ties). */
export function argmax(data: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let k = 1; k < length; k++) if ((data[offset + k] ?? -Infinity) > (data[offset + best] ?? -Infinity)) best = k;
  return best;
}

/**
 * The explained scalar per row, [B]: y[b, target_b] for classifiers (targets from `resolveTargets`),
 * the sum of the outputs for regressors. Its gradient is what gradient methods attribute.
 */
export function targetOutput(g: Tracer, y: Traced, targets: readonly number[]): Traced {
  const [batch = 1] = y.shape;
  const flat = y.reshape([batch, -1]);
  if (targets.length === 0) return flat.reduceSum([1]);
  const classes = flat.shape[1] ?? 1;
  const oneHot = new Float32Array(batch * classes);
  targets.forEach((t, b) => (oneHot[b * classes + t] = 1));
  return flat.mul(g.constant({ dtype: 'float32', shape: [batch, classes], data: oneHot })).reduceSum([1]);
}
