import { sessionGeneration } from '../engine';
import type { BlackBox } from './black-box';

/** The idle compiled graphs of one model, valid while the sessions they run on are. */
interface Shelf {
  readonly generation: number;
  readonly idle: Map<string, unknown>;
}

const shelves = new WeakMap<Uint8Array, Shelf>();

/**
 * Runs `use` on a compiled graph of `box` for `key` (the method, shape and parameters that decide
 * the graph): one left by an earlier call when there is one, else a new one from `compile`.
 * Tracing, differentiating and writing a training graph costs seconds; running it again costs
 * nothing extra, so a second explanation with the same model, shape and parameters skips it. A
 * graph serves one call at a time (a concurrent call compiles its own) and `use` must reset what
 * it carries (e.g. `TrainingStep.restart`). Graphs live as long as the model's bytes and the
 * sessions they were compiled for.
 */
export async function withCompiledGraph<G, R>(
  box: BlackBox,
  key: string,
  compile: () => Promise<G>,
  use: (graph: G) => Promise<R>,
): Promise<R> {
  const generation = sessionGeneration();
  let shelf = shelves.get(box.onnx);
  if (shelf?.generation !== generation) shelves.set(box.onnx, (shelf = { generation, idle: new Map() }));
  const waiting = shelf.idle.get(key) as G | undefined;
  shelf.idle.delete(key);
  const graph = waiting ?? (await compile());
  try {
    return await use(graph);
  } finally {
    if (shelf.generation === sessionGeneration() && !shelf.idle.has(key)) shelf.idle.set(key, graph);
  }
}
