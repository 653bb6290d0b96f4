import { z } from 'zod';
import { gameSetting, presetParams, trainingSettings } from './preset-params';

const unit = z.number().gt(0).lt(1);

const settings = {
  ...trainingSettings,
  /** The mask areas a (keep ratios): a mask per area, whose sorted values are pulled toward ⌊(1 − a)·T·D⌋ zeros, then ones. */
  areas: z.array(unit).min(1),
  /** π_m: Gaussian blur of width σ_max (1 + 1e-7 − m), or fade to the sample's time mean. */
  perturbation: z.enum(['blur', 'fade']),
  sigmaMax: z.number().positive(),
  /** Deletion perturbs with 1 − m and maximises the error. */
  game: gameSetting,
  optimizer: z.enum(['adam', 'sgd']),
  /** SGD's momentum (PyTorch's, not Nesterov); unused by Adam. */
  momentum: z.number().nonnegative(),
  /** λ0: the size regulariser's factor, multiplied by δ^(1/epochs) after every epoch. */
  sizeFactor: z.number().nonnegative(),
  /** δ: the factor's growth over the whole run. */
  sizeDilation: z.number().positive(),
  /** λc: weight of mean |m[t] − m[t−1]| (pairs t = 1…T−2, as in every released code). */
  timeFactor: z.number().nonnegative(),
  /**
   * 'per-sample': Σ_i mean_a L(a, i), every sample fitted as by itself (original Dynamask, and
   * ContraLSP's batched version), one full batch per epoch. 'batch-mean': tint's MaskNet, the mean
   * error over a batch plus the regularisers over every mask, in batches of `batchSize`.
   */
  objective: z.enum(['per-sample', 'batch-mean']),
  batchSize: z.int().positive(),
  /**
   * Per sample, the area with the smallest error ('best'), or the smallest area whose error is below
   * `tolerance` (else the best: 'extremal'); or one area for all samples, the smallest summed error ('dataset').
   */
  selection: z.enum(['best', 'extremal', 'dataset']),
  /** The error a mask may keep to be extremal; 'unperturbed': the error of f(x) against itself, per sample. */
  tolerance: z.union([z.number().nonnegative(), z.literal('unperturbed')]),
  /**
   * tint's DynaMask as it ran under PyTorch-Lightning ≥ 2.0 (spec P8/P9), the Dynamask rows of the
   * ContraLSP paper's Table 2: no size or time regulariser and no sign flip in deletion, and
   * tint's row layout in the area choice and the returned map. batch-mean objective only.
   */
  compatTintPl2: z.boolean(),
};

export type DynamaskSettings = z.output<z.ZodObject<typeof settings>>;

/** `count` values first, first + step, … (exact decimals: the lists numpy's float arange gives, spec P10). */
function arange(first: number, step: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Number((first + i * step).toFixed(6)));
}

const tint = {
  perturbation: 'blur',
  sigmaMax: 1,
  game: 'preservation',
  optimizer: 'adam',
  lr: 0.001,
  momentum: 0,
  sizeFactor: 0.1,
  sizeDilation: 100,
  timeFactor: 1,
  loss: 'mse',
  objective: 'batch-mean',
  batchSize: 100,
  selection: 'dataset',
  tolerance: 0.01,
  compatTintPl2: false,
} as const;

const original = { ...tint, optimizer: 'sgd', lr: 1, objective: 'per-sample' } as const;

/**
 * Settings of the three code paths (spec §3): `rare` is ContraLSP's batched Dynamask (§3.2, Table 1);
 * `state`, `switch`, `mimic` tint's DynaMask (§3.3) with its regulariser working (set compatTintPl2
 * for Table 2's rows); `original-*` the original per-sample algorithm (§3.1).
 */
const presets = {
  rare: {
    ...tint,
    areas: arange(0.011, 0.002, 15),
    sigmaMax: 2,
    lr: 0.1,
    epochs: 200,
    sizeFactor: 0.01,
    sizeDilation: 1000,
    timeFactor: 0.01,
    objective: 'per-sample',
    selection: 'extremal',
    tolerance: 0.01,
  },
  state: { ...tint, areas: [0.25, 0.3], epochs: 500 },
  switch: { ...tint, areas: arange(0.25, 0.01, 10), epochs: 1000 },
  mimic: {
    ...tint,
    areas: arange(0.1, 0.1, 6),
    perturbation: 'fade',
    game: 'deletion',
    epochs: 500,
    sizeDilation: 10000,
    timeFactor: 0,
    loss: 'cross-entropy',
  },
  'original-rare': {
    ...original,
    areas: arange(0.001, 0.001, 50),
    sigmaMax: 2,
    momentum: 0.9,
    epochs: 1000,
    sizeFactor: 1,
    sizeDilation: 1000,
    timeFactor: 0,
    selection: 'best',
  },
  'original-state': {
    ...original,
    areas: arange(0.25, 0.01, 10),
    momentum: 1,
    epochs: 1000,
    loss: 'cross-entropy',
    selection: 'extremal',
    tolerance: 'unperturbed',
  },
} satisfies Record<string, DynamaskSettings>;

/** The preset fills every setting the caller leaves out; the default is tint's State setting. */
export const dynamaskParams = presetParams(settings, {}, presets, 'state').transform((p, ctx) => {
  if (p.compatTintPl2 && p.objective !== 'batch-mean') {
    ctx.addIssue({
      code: 'custom',
      path: ['compatTintPl2'],
      message: "compatTintPl2 emulates tint's MaskNet: it needs objective 'batch-mean'",
    });
  }
  return { ...p, areas: [...p.areas].sort((a, b) => a - b) };
});

export type DynamaskParams = z.output<typeof dynamaskParams>;
