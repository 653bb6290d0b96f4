import { Program, readModel, tensor, Tracer, writeModel } from '../../engine';
import type { Tensor, Traced } from '../../engine';
import { compileGraph } from '../../engine/program';
import { AppError } from '../../errors';
import { forward } from '../black-box';
import { noDropout } from '../../models/training/transformer-layers';
import { windowShape } from '../window-inputs';
import type { TimexppExplainerState } from './fit';
import { maskProbabilities } from './network';

/**
 * Reading out a fitted TimeX++ explainer (timexpp.md §3): the map of a window is π in eval mode
 * (no dropout, no sampling, no black-box call). In process, a program per chunk size is fed the
 * parameters; for storage, the same forward pass is written as a plain ONNX model with the
 * parameters as initializers, input `x` [1, T, D] and output `pi` [1, T, D].
 */

/** Rows per read-out run (keeps the attention tensors small for large sets). */
const READ_OUT_ROWS = 256;
const ONNX_INPUT = 'x';
const ONNX_OUTPUT = 'pi';

/** π of a batch of windows, the parameters as graph inputs (fed) or as constants (baked in). */
function traceMaps(
  state: TimexppExplainerState,
  batch: number,
  parameters: 'fed' | 'baked',
): { pi: Traced; names: string[] } {
  const g = new Tracer();
  const { time, features } = state.architecture;
  const x = g.input(ONNX_INPUT, 'float32', [batch, time, features]);
  const traced = new Map<string, Traced>();
  const value = (name: string): Traced => {
    let found = traced.get(name);
    if (!found) {
      const initial = state.values.get(name);
      if (!initial) throw new AppError('internal', `the TimeX++ explainer has no parameter '${name}'`);
      found = parameters === 'fed' ? g.param(name, initial) : g.constant(initial);
      traced.set(name, found);
    }
    return found;
  };
  const pi = maskProbabilities(x, value, state.architecture, noDropout);
  return { pi, names: [...traced.keys()] };
}

function checkWindows(state: TimexppExplainerState, x: Tensor): { batch: number; frame: number } {
  const shape = windowShape(x);
  const { time, features } = state.architecture;
  if (shape.time !== time || shape.features !== features) {
    throw new AppError(
      'invalid-request',
      `x: the TimeX++ explainer was fitted on [N, ${time}, ${features}] windows, got [${shape.batch}, ${shape.time}, ${shape.features}]`,
    );
  }
  return { batch: shape.batch, frame: time * features };
}

/** Read-out programs by architecture and rows: the parameters are fed, so every explainer of a shape shares one. */
const readOutPrograms = new Map<string, Promise<{ program: Program; names: string[] }>>();

function readOutProgram(state: TimexppExplainerState, rows: number): Promise<{ program: Program; names: string[] }> {
  const key = JSON.stringify([state.architecture, rows]);
  let made = readOutPrograms.get(key);
  if (!made) {
    const { pi, names } = traceMaps(state, rows, 'fed');
    made = Program.compile({ pi }).then((program) => ({ program, names }));
    readOutPrograms.set(key, made);
    made.catch(() => readOutPrograms.delete(key));
  }
  return made;
}

/** π [N, T, D] of windows x [N, T, D]. */
export async function timexppMaps(state: TimexppExplainerState, x: Tensor): Promise<Tensor> {
  const { batch, frame } = checkWindows(state, x);
  const out = new Float32Array(batch * frame);
  for (let start = 0; start < batch; start += READ_OUT_ROWS) {
    const count = Math.min(READ_OUT_ROWS, batch - start);
    const { program, names } = await readOutProgram(state, count);
    const rows = (x.data as Float32Array).slice(start * frame, (start + count) * frame);
    const { pi } = await program.run({
      [ONNX_INPUT]: tensor('float32', [count, ...x.shape.slice(1)], rows),
      ...Object.fromEntries(names.map((name) => [name, state.values.get(name) as Tensor])),
    });
    out.set(pi?.data as Float32Array, start * frame);
  }
  return tensor('float32', [...x.shape], out);
}

/** The explainer's forward pass as ONNX bytes: `x` [1, T, D] → `pi` [1, T, D], parameters baked in. */
export function exportTimexppOnnx(state: TimexppExplainerState): Uint8Array {
  const { pi } = traceMaps(state, 1, 'baked');
  const { model } = compileGraph({ [ONNX_OUTPUT]: pi });
  const { architecture: arch } = state;
  return writeModel({
    ...model,
    producer: 'salience-timexpp',
    graph: { ...model.graph, name: `timexpp(time=${arch.time}, features=${arch.features})` },
  });
}

/** π of windows x [N, T, D] from an exported explainer, one window per run. */
export async function onnxMaps(onnx: Uint8Array, x: Tensor): Promise<Tensor> {
  const input = readModel(onnx).graph.inputs[0];
  const [, time = 0, features = 0] = input?.shape ?? [];
  const { batch, features: f, time: t } = windowShape(x);
  if (t !== time || f !== features) {
    throw new AppError(
      'invalid-request',
      `x: the exported explainer takes [1, ${time}, ${features}] windows, got [${batch}, ${t}, ${f}]`,
    );
  }
  const frame = time * features;
  const box = { name: 'timexpp explainer', onnx, output: 'values' } as const;
  const out = new Float32Array(batch * frame);
  for (let n = 0; n < batch; n++) {
    const row = tensor('float32', [1, time, features], (x.data as Float32Array).slice(n * frame, (n + 1) * frame));
    out.set((await forward(box, row)).data as Float32Array, n * frame);
  }
  return tensor('float32', [...x.shape], out);
}
