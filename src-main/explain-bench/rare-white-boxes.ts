import { readModel, writeModel } from '../engine';
import type { Value } from '../engine';
import { whiteBoxModel } from '../datasets/benchmarks';
import type { BenchmarkDataset, SalientBlock } from '../datasets/benchmarks';
import type { BlackBox } from '../explain';

/** Rows that share one white box: the rows of one salient block (a diffgroup), or the whole set. */
export interface RowGroup {
  readonly rows: readonly [start: number, end: number];
  /** The group's white box for any number of rows, all of which it treats alike. */
  readonly box: BlackBox;
}

/** The Rare sets' white boxes as the explainers need them (contralsp-dynamask-extrmask.md §4.1). */
export interface RareWhiteBoxes {
  /** The dataset's own white box: exactly its N rows, in order (the diffgroups depend on row position, P20). */
  readonly whole: BlackBox;
  /** One box per group of rows, whole-batch free: methods that explain each row on its own run group by group. */
  readonly groups: readonly RowGroup[];
}

export async function rareWhiteBoxes(dataset: BenchmarkDataset): Promise<RareWhiteBoxes> {
  const whole = box(`${dataset.name} white box`, await whiteBoxModel(dataset));
  const blocks = dataset.salient ?? [];
  const groups = await Promise.all(
    blocks.map(async (block, k) => ({
      rows: block.rows,
      box: box(`${dataset.name} white box, rows ${block.rows.join('–')}`, await anyRows(dataset, block, k)),
    })),
  );
  return { whole, groups };
}

function box(name: string, onnx: Uint8Array): BlackBox {
  return { name, onnx, output: 'values' };
}

/**
 * One block's white box traced for a single row and saved with a symbolic batch axis: its ops
 * (a matmul over features, a [1, T, 1] time indicator) broadcast over any number of rows, so
 * the explainers may batch the group's rows as they like (AFO's repeated rows, IG's steps).
 */
async function anyRows(dataset: BenchmarkDataset, block: SalientBlock, index: number): Promise<Uint8Array> {
  const [, time, features] = dataset.shape;
  const single: BenchmarkDataset = {
    ...dataset,
    shape: [1, time, features],
    salient: [{ ...block, rows: [0, 1] }],
  };
  const model = readModel(await whiteBoxModel(single));
  const batchFree = (v: Value): Value => ({
    ...v,
    shape: [-1, ...v.shape.slice(1)],
    dimNames: [`rows_${index}`, ...v.shape.slice(1).map(() => undefined)],
  });
  const graph = model.graph;
  return writeModel({
    ...model,
    graph: {
      ...graph,
      inputs: graph.inputs.map(batchFree),
      outputs: graph.outputs.map(batchFree),
      valueTypes: new Map(),
    },
  });
}
