import { z } from 'zod';
import { AppError } from '../errors';
import { argmax } from './black-box';
import type { BlackBox } from './black-box';
import type { ExplainRun } from './explain-run';
import type { RandomSource } from './random-source';
import { forwardRows } from './row-batches';
import type { RowEvaluator, RowPlan } from './row-batches';
import { explainedValue, targetOf } from './window-inputs';
import type { WindowShape } from './window-inputs';

/** Rows per model evaluation for the forward-only methods (only batching changes with it). */
export const occlusionBatchRows = z.number().int().min(1).default(256);

/** A window of cells, half-open ranges over time and features. */
export interface Window {
  readonly time: readonly [number, number];
  readonly features: readonly [number, number];
}

/**
 * Captum's window ranges along one dimension of size D: starts 0, s, 2s, … (⌈(D − w)/s⌉ + 1 of
 * them), each covering [start, min(start + w, D)), so the last one is clipped at the border.
 */
export function windowRanges(size: number, window: number, stride: number, what: string): [number, number][] {
  if (window > size)
    throw new AppError('invalid-request', `the ${what} window (${window}) exceeds the ${what} size (${size})`);
  if (stride > window && window !== size) {
    throw new AppError(
      'invalid-request',
      `the ${what} stride (${stride}) exceeds its window (${window}): cells would be skipped`,
    );
  }
  const count = Math.ceil((size - window) / stride) + 1;
  return Array.from({ length: count }, (_, k) => [k * stride, Math.min(k * stride + window, size)]);
}

/** Where the occluded cells' values come from. */
export type Replacement =
  /** A fixed baseline per window, [B·T·F]. */
  | { readonly kind: 'baseline'; readonly values: Float32Array }
  /**
   * tint's AugmentedOcclusion: for every (window, example, repetition) one reference row drawn
   * uniformly with replacement ([N·T·F]), whose values at the window's cells are put in.
   */
  | {
      readonly kind: 'sampled';
      readonly data: Float32Array;
      readonly nSampling: number;
      readonly random: RandomSource;
    };

export interface OcclusionSpec {
  readonly box: BlackBox;
  /** The windows [B·T·F] and their shape. */
  readonly x: Float32Array;
  readonly shape: WindowShape;
  /** The prefix x[:, :length] that is evaluated (`shape.time` without the time-forward tunnel). */
  readonly length: number;
  readonly windows: readonly Window[];
  /** Classes per example, empty for regressors, or 'argmax' for each prefix's predicted class. */
  readonly targets: readonly number[] | 'argmax';
  readonly replacement: Replacement;
  /** tint's attributions_fn=abs: |Δ| is averaged instead of Δ. */
  readonly abs: boolean;
  readonly batchRows: number;
  /** How the rows are run; default the whole model on each row (`forwardRows`). */
  readonly evaluate?: RowEvaluator;
}

function repetitions(spec: Pick<OcclusionSpec, 'replacement'>): number {
  return spec.replacement.kind === 'sampled' ? spec.replacement.nSampling : 1;
}

/** Rows evaluated: the B unoccluded windows, then B·n per occlusion window (n repetitions). */
export function occlusionRows(spec: {
  readonly shape: WindowShape;
  readonly windows: ArrayLike<unknown>;
  readonly replacement: Replacement;
}): number {
  return spec.shape.batch * (1 + spec.windows.length * repetitions(spec));
}

/** Row B + (w·B + i)·n + s is window w of example i, repetition s; sampled rows are drawn in this order. */
function rowPlan(spec: OcclusionSpec): RowPlan {
  const { x, shape, length, windows, replacement } = spec;
  const B = shape.batch;
  const F = shape.features;
  const size = shape.time * F;
  const n = repetitions(spec);
  const windowOf = (row: number): number => (row < B ? row : Math.floor((row - B) / n) % B);
  let source: (k: number, i: number) => { values: Float32Array; from: number };
  if (replacement.kind === 'sampled') {
    const rows = replacement.data.length / size;
    const drawn = Int32Array.from({ length: occlusionRows(spec) - B }, () => replacement.random.index(rows));
    source = (k) => ({ values: replacement.data, from: (drawn[k] ?? 0) * size });
  } else {
    source = (_, i) => ({ values: replacement.values, from: i * size });
  }
  return {
    rows: occlusionRows(spec),
    shape: { ...shape, time: length },
    batchRows: spec.batchRows,
    windowOf,
    fill(row, into, offset) {
      const k = row - B;
      const i = windowOf(row);
      into.set(x.subarray(i * size, i * size + length * F), offset);
      if (k < 0) return;
      const { values, from } = source(k, i);
      forCells(
        windows[Math.floor(k / (n * B))] as Window,
        F,
        (cell) => (into[offset + cell] = values[from + cell] ?? NaN),
      );
    },
  };
}

/**
 * Occlusion (Captum `Occlusion`, tint's `AugmentedOcclusion` with sampled replacements):
 * Δ_W = f_t(x) − f_t(x with W replaced) per example, and each cell gets the mean of Δ_W over the
 * windows covering it (NaN where none does, as Captum's 0/0). Returns [B·length·F] attributions
 * (float32, as Captum's) and the targets used.
 */
export async function occlude(
  spec: OcclusionSpec,
  run: ExplainRun,
): Promise<{ attr: Float32Array; targets: number[] }> {
  const { shape, length, windows } = spec;
  const B = shape.batch;
  const F = shape.features;
  const n = repetitions(spec);
  const evaluate = spec.evaluate ?? ((plan, r) => forwardRows(spec.box, plan, r));
  const { outputs, classes } = await evaluate(rowPlan(spec), run);
  const targets =
    spec.targets === 'argmax'
      ? Array.from({ length: B }, (_, i) => argmax(outputs, i * classes, classes))
      : [...spec.targets];
  const sum = new Float64Array(B * length * F);
  const count = new Float64Array(length * F);
  windows.forEach((w, wi) => {
    for (let i = 0; i < B; i++) {
      const t = targetOf(targets, i);
      const original = explainedValue(outputs, i, classes, t);
      let delta = 0;
      for (let s = 0; s < n; s++) {
        const d = original - explainedValue(outputs, B + (wi * B + i) * n + s, classes, t);
        delta += (spec.abs ? Math.abs(d) : d) / n;
      }
      forCells(w, F, (cell) => (sum[i * length * F + cell] = (sum[i * length * F + cell] ?? 0) + delta));
    }
    forCells(w, F, (cell) => (count[cell] = (count[cell] ?? 0) + 1));
  });
  const attr = Float32Array.from(sum, (v, j) => v / (count[j % (length * F)] ?? 0));
  return { attr, targets };
}

function forCells(w: Window, features: number, visit: (cell: number) => void): void {
  for (let t = w.time[0]; t < w.time[1]; t++)
    for (let f = w.features[0]; f < w.features[1]; f++) visit(t * features + f);
}
