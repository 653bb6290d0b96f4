import { z } from 'zod';
import { gameSetting, presetParams, trainingSettings } from './preset-params';

const settings = {
  ...trainingSettings,
  /** Weight of the L0 surrogate mean Φ_N(g(μ; x) / σ). */
  lambda1: z.number().nonnegative(),
  /** Weight of the counterfactual term (mean |x^r|, plus the triplet hinge when intended). */
  lambda2: z.number().nonnegative(),
  /** σ of the gate noise, and δ of the L0 surrogate. */
  sigma: z.number().positive(),
};

const fixed = {
  /** Preservation keeps the gated entries and replaces the rest by the counterfactual; deletion the reverse. */
  game: gameSetting.default('preservation'),
  /** The smooth gate v·sigmoid(v τ), its erf form ½(v + v erf(v τ)), or none (v: the "w/o smooth" ablation). */
  gate: z.enum(['sigmoid', 'cdf', 'none']).default('sigmoid'),
  /**
   * 'released': mean |x^r|, the only part of the released triplet term with a gradient (spec §2.5,
   * what produced the published numbers). 'intended': an extension, the paper's triplet per
   * sample (2-means on the counterfactuals, Manhattan distances, margin 1) added to it.
   */
  contrastive: z.enum(['released', 'intended']).default('released'),
};

/** ContraLSP's released settings per experiment (spec §2.7); the default is the State one. */
export const contraLspParams = presetParams(
  settings,
  fixed,
  {
    rare: { lambda1: 0.1, lambda2: 0.1, sigma: 0.5, lr: 0.1, epochs: 200, loss: 'mse' },
    state: { lambda1: 2, lambda2: 1, sigma: 0.5, lr: 0.01, epochs: 500, loss: 'mse' },
    switch: { lambda1: 1, lambda2: 2, sigma: 0.8, lr: 0.01, epochs: 500, loss: 'mse' },
    mimic: { lambda1: 0.001, lambda2: 0.01, sigma: 0.5, lr: 0.01, epochs: 500, loss: 'cross-entropy' },
  },
  'state',
);

export type ContraLspParams = z.output<typeof contraLspParams>;
