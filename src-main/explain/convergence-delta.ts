import type { BlackBox } from './black-box';
import { forwardRows } from './row-batches';
import { explainedValue } from './window-inputs';
import type { WindowShape } from './window-inputs';

/**
 * Captum's convergence delta per row, Σ attr_r − (f_t(x_r) − f_t(b_r)), for rows [R, T, F] of
 * attributions, inputs and baselines (`shape.batch` = R). Near 0 where the method is complete.
 */
export async function convergenceDelta(
  box: BlackBox,
  shape: WindowShape,
  attr: Float32Array,
  inputs: Float32Array,
  baselines: Float32Array,
  target: (row: number) => number | undefined,
  batchRows?: number,
): Promise<number[]> {
  const rows = shape.batch;
  const size = shape.time * shape.features;
  const { outputs, classes } = await forwardRows(box, {
    rows: 2 * rows,
    shape,
    ...(batchRows === undefined ? {} : { batchRows }),
    fill: (row, into, offset) => {
      const from = row < rows ? inputs : baselines;
      const r = row % rows;
      into.set(from.subarray(r * size, (r + 1) * size), offset);
    },
  });
  return Array.from({ length: rows }, (_, r) => {
    let total = 0;
    for (let j = 0; j < size; j++) total += attr[r * size + j] ?? 0;
    const t = target(r);
    return total - (explainedValue(outputs, r, classes, t) - explainedValue(outputs, rows + r, classes, t));
  });
}
