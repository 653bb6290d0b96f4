import { Program, tensor, Tracer } from '../../engine';
import type { Tensor, Traced } from '../../engine';
import { AppError } from '../../errors';
import { exportMethodOnnx } from '../policy-onnx';
import { noDropout } from '../../models/training/transformer-layers';
import { windowShape } from '../window-inputs';
import type { TimexppExplainerState } from './fit';

/** What reading out needs of a fitted mask generator (TimeX++'s or TimeX's: the same h and g). */
export type MaskGenerator = Pick<TimexppExplainerState, 'architecture' | 'values'>;
import { maskProbabilities } from './network';

/**
 * Reading out a fitted TimeX++ explainer (timexpp.md §3): the map of a window is π in eval mode
 * (no dropout, no sampling, no black-box call). In process, a program per chunk size is fed the
 * parameters; for storage, the same forward pass is written as a plain ONNX model with the
 * parameters as initializers (policy-onnx.ts).
 */

/** Rows per read-out run (keeps the attention tensors small for large sets). */
const READ_OUT_ROWS = 256;
const INPUT = 'x';

/** π of a batch of windows, the parameters as graph inputs (fed). */
function traceMaps(state: MaskGenerator, batch: number): { pi: Traced; names: string[] } {
  const g = new Tracer();
  const { time, features } = state.architecture;
  const x = g.input(INPUT, 'float32', [batch, time, features]);
  const traced = new Map<string, Traced>();
  const value = (name: string): Traced => {
    let found = traced.get(name);
    if (!found) {
      const initial = state.values.get(name);
      if (!initial) throw new AppError('internal', `the mask generator has no parameter '${name}'`);
      found = g.param(name, initial);
      traced.set(name, found);
    }
    return found;
  };
  const pi = maskProbabilities(x, value, state.architecture, noDropout);
  return { pi, names: [...traced.keys()] };
}

function checkWindows(state: MaskGenerator, x: Tensor): { batch: number; frame: number } {
  const shape = windowShape(x);
  const { time, features } = state.architecture;
  if (shape.time !== time || shape.features !== features) {
    throw new AppError(
      'invalid-request',
      `x: the explainer was fitted on [N, ${time}, ${features}] windows, got [${shape.batch}, ${shape.time}, ${shape.features}]`,
    );
  }
  return { batch: shape.batch, frame: time * features };
}

/** Read-out programs by architecture and rows: the parameters are fed, so every explainer of a shape shares one. */
const readOutPrograms = new Map<string, Promise<{ program: Program; names: string[] }>>();

function readOutProgram(state: MaskGenerator, rows: number): Promise<{ program: Program; names: string[] }> {
  const key = JSON.stringify([state.architecture, rows]);
  let made = readOutPrograms.get(key);
  if (!made) {
    const { pi, names } = traceMaps(state, rows);
    made = Program.compile({ pi }).then((program) => ({ program, names }));
    readOutPrograms.set(key, made);
    made.catch(() => readOutPrograms.delete(key));
  }
  return made;
}

/** π [N, T, D] of windows x [N, T, D]. */
export async function timexppMaps(state: MaskGenerator, x: Tensor): Promise<Tensor> {
  const { batch, frame } = checkWindows(state, x);
  const out = new Float32Array(batch * frame);
  for (let start = 0; start < batch; start += READ_OUT_ROWS) {
    const count = Math.min(READ_OUT_ROWS, batch - start);
    const { program, names } = await readOutProgram(state, count);
    const rows = (x.data as Float32Array).slice(start * frame, (start + count) * frame);
    const { pi } = await program.run({
      [INPUT]: tensor('float32', [count, ...x.shape.slice(1)], rows),
      ...Object.fromEntries(names.map((name) => [name, state.values.get(name) as Tensor])),
    });
    out.set(pi?.data as Float32Array, start * frame);
  }
  return tensor('float32', [...x.shape], out);
}

/** The explainer's forward pass as ONNX bytes: `x` [batch, T, D] → `pi` [batch, T, D], parameters baked in. */
export function exportTimexppOnnx(state: TimexppExplainerState): Uint8Array {
  return exportMethodOnnx('timexpp', state);
}
