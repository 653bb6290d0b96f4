import { fromNumbers, Rng } from '../../engine';
import type { Tensor } from '../../engine';
import type { BlackBox } from '../black-box';
import { tracedBox } from './traced-box';

/** A salient cell (t, f) of the white boxes. */
export type Cell = readonly [number, number];

/**
 * A white-box regressor y[b] = Σ_{(t, f) ∈ cells} x[b, t, f]² (spec §4.1), output [B, 1], traced
 * with the engine. `forwardOnly` wraps each square in Softsign, an op with no gradient rule.
 */
export function squaresWhiteBox(
  steps: number,
  features: number,
  cells: readonly Cell[],
  forwardOnly = false,
): Promise<BlackBox> {
  const weights = new Array<number>(steps * features).fill(0);
  for (const [t, f] of cells) weights[t * features + f] = 1;
  return tracedBox(forwardOnly ? 'softsign-squares' : 'squares', [steps, features], 'values', (g, x) => {
    const squares = x.mul(x);
    const terms = forwardOnly ? g.op('Softsign', [squares]) : squares;
    return terms
      .mul(g.constant(fromNumbers('float32', [1, steps, features], weights)))
      .reduceSum([1, 2])
      .unsqueeze([1]);
  });
}

/**
 * Seeded standard-normal windows [B, T, F] whose salient cells are pushed away from 0 (to
 * ±(1 + |z|)): a square near 0 hardly moves the output, so no method could rank such a cell.
 */
export function normalWindows(shape: readonly [number, number, number], seed: number, cells: readonly Cell[]): Tensor {
  const x = new Rng(seed).normal(shape);
  const [rows, steps, features] = shape;
  for (let b = 0; b < rows; b++) {
    for (const [t, f] of cells) {
      const i = (b * steps + t) * features + f;
      const z = Number(x.data[i]);
      x.data[i] = Math.sign(z) * (1 + Math.abs(z));
    }
  }
  return x;
}

/**
 * The share of (salient, other) cell pairs within each row that the saliency orders correctly
 * (ties count half): AUROC pooled over rows, counted directly.
 */
export function pairwiseOrder(saliency: Tensor, cells: readonly Cell[]): number {
  const [rows = 0, steps = 0, features = 0] = saliency.shape;
  const salient = new Set(cells.map(([t, f]) => t * features + f));
  let good = 0;
  let pairs = 0;
  for (let b = 0; b < rows; b++) {
    const row = Array.from(saliency.data.subarray(b * steps * features, (b + 1) * steps * features), Number);
    for (const s of salient) {
      row.forEach((v, i) => {
        if (salient.has(i)) return;
        pairs++;
        const mine = row[s] ?? NaN;
        good += mine > v ? 1 : mine === v ? 0.5 : 0;
      });
    }
  }
  return good / pairs;
}

/** A cancel check that lets `allowed` checks pass, then throws. */
export function cancelAfter(allowed: number): { throwIfCancelled(): void; readonly calls: number } {
  let calls = 0;
  return {
    throwIfCancelled() {
      calls++;
      if (calls > allowed) throw new Error('cancelled');
    },
    get calls() {
      return calls;
    },
  };
}

/** The mask explainers' test case: three salient cells in [6, 8, 3] windows, the white box, and the windows. */
export async function squaresCase(): Promise<{ cells: Cell[]; box: BlackBox; x: Tensor }> {
  const cells: Cell[] = [
    [2, 0],
    [3, 0],
    [5, 2],
  ];
  return { cells, box: await squaresWhiteBox(8, 3, cells), x: normalWindows([6, 8, 3], 11, cells) };
}
