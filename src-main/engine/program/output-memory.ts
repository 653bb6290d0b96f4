import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * ONNX Runtime's Node binding returns every output in a new buffer, which V8 frees only when it
 * collects the (small) objects holding it; until then each step's outputs take memory the
 * process has never touched. First touches are what cost: in this sandbox about 30 µs a page,
 * 1.5 ms of lstm_icu's 2.6 ms mask step (docs/BENCHMARKS.md, "Engine"). A young-generation
 * collection after every few megabytes of outputs lets the next steps reuse the same memory.
 */
const RECYCLE_BYTES = 2 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options: { type: 'minor'; execution: 'sync' }) => void;
let produced = 0;

/** Counts bytes of outputs handed to JS, collecting their dead predecessors now and then. */
export function recycleOutputs(bytes: number): void {
  produced += bytes;
  if (produced < RECYCLE_BYTES) return;
  produced = 0;
  collect({ type: 'minor', execution: 'sync' });
}
