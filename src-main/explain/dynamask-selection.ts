import type { DynamaskSettings } from './dynamask-params';

/** The fitted mask a returned row takes: the mask of area index `area` fitted to row `sample`. */
export interface MaskPick {
  readonly area: number;
  readonly sample: number;
}

/**
 * The choice of area (spec §3.1–3.3) from the errors E[a, i] of the final masks ([A·N], areas
 * ascending): per sample the best, or the smallest area under the tolerance (else the best, as in
 * MaskGroup's extremal masks); or one area for every sample, the smallest Σ_i E[a, i].
 * `unperturbed` holds E(f(x), f(x)) per sample, the 'unperturbed' tolerance.
 */
export function selectMasks(
  errors: ArrayLike<number>,
  rows: number,
  settings: Pick<DynamaskSettings, 'selection' | 'tolerance' | 'areas'>,
  unperturbed: ArrayLike<number>,
): MaskPick[] {
  const areas = settings.areas.length;
  const error = (a: number, i: number): number => Number(errors[a * rows + i]);
  const indices = Array.from({ length: areas }, (_, a) => a);
  if (settings.selection === 'dataset') {
    const totals = indices.map((a) => Array.from({ length: rows }, (_, i) => error(a, i)).reduce((s, e) => s + e, 0));
    const area = argmin(totals);
    return Array.from({ length: rows }, (_, sample) => ({ area, sample }));
  }
  return Array.from({ length: rows }, (_, sample) => {
    const own = indices.map((a) => error(a, sample));
    const best = argmin(own);
    if (settings.selection === 'best') return { area: best, sample };
    const tolerance = settings.tolerance === 'unperturbed' ? Number(unperturbed[sample]) : settings.tolerance;
    const extremal = own.findIndex((e) => e < tolerance);
    return { area: extremal === -1 ? best : extremal, sample };
  });
}

/**
 * tint's DynaMask under PyTorch-Lightning ≥ 2.0 (spec P8/P9). Its K·N mask rows are trained
 * batch-major (per batch of b rows: K copies of the batch, ratio-major), but the choice reads them
 * ratio-major over the whole set: "ratio" r is rows [rN, (r+1)N), whose summed errors are compared,
 * and the chosen block is returned as the map. With no regulariser every copy of a sample's mask
 * is the same, so one mask per sample was fitted and `errors` [N] are its errors.
 */
export function tintPl2Picks(
  errors: ArrayLike<number>,
  rows: number,
  ratios: number,
  batchSize: number,
): { picks: MaskPick[]; ratio: number } {
  const size = Math.min(batchSize, rows);
  const lastBatch = Math.ceil(rows / size) - 1;
  const sampleOfRow = (row: number): number => {
    const k = Math.min(Math.floor(row / (ratios * size)), lastBatch);
    const inBatch = Math.min(size, rows - k * size);
    return k * size + ((row - k * ratios * size) % inBatch);
  };
  const blockError = (r: number): number => {
    let sum = 0;
    for (let j = 0; j < rows; j++) sum += Number(errors[sampleOfRow(r * rows + j)]);
    return sum;
  };
  const ratio = argmin(Array.from({ length: ratios }, (_, r) => blockError(r)));
  const picks = Array.from({ length: rows }, (_, j) => ({ area: 0, sample: sampleOfRow(ratio * rows + j) }));
  return { picks, ratio };
}

/** The first index of the smallest value. */
function argmin(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, i) => {
    if (v < (values[best] ?? Infinity)) best = i;
  });
  return best;
}
