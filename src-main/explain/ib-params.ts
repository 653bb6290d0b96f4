import { z } from 'zod';

/**
 * The gradient-free IB explainer's parameters with the defaults of ib-gradient-free.md §3. The
 * policy is TimeX++'s mask generator (timexpp.md §2.4–2.5): its context encoder is a clone of a
 * TransformerMVTS black box (the `encoder*` settings, FreqShapes' by default), its decoder the
 * fixed 2-layer one (FF 32, dropout 0.1).
 */
export const ibGradientFreeParams = z.strictObject({
  /** K: masks drawn per input; the leave-one-out baseline needs K ≥ 2. */
  masksPerInput: z.int().min(2).default(8),
  /** B: inputs per policy step (B·K rows per black-box call). */
  batchSize: z.int().positive().default(64),
  epochs: z.int().positive().default(10),
  /** AdamW. */
  lr: z.number().positive().default(1e-3),
  weightDecay: z.number().nonnegative().default(1e-3),
  /** α: weight of compactness and continuity against the policy-gradient term. */
  alpha: z.number().nonnegative().default(0.3),
  /** λ: continuity weight inside the α term; default 1 for one channel, 2 for several. */
  lambda: z.number().nonnegative().optional(),
  /** r: the Bernoulli prior of the compactness KL (an entropy anchor at 0.5, not a sparsity target). */
  r: z.number().gt(0).lt(1).default(0.5),
  /** What masked cells become: 'mean', the reference's per-(t, d) mean; 'gaussian', N(mean, std²) drawn per mask. */
  baseline: z.enum(['mean', 'gaussian']).default('mean'),
  /**
   * R(p̃, q) per mask: 'jsd', −JSD; 'log-prob', log p̃[ŷ] clipped at log 1e-4; 'cosine'; 'label',
   * 1 when the perturbed prediction is still ŷ (label-only models).
   */
  reward: z.enum(['jsd', 'log-prob', 'cosine', 'label']).default('jsd'),
  /** 'cell': one Bernoulli per (t, d); 'time': one per time step, shared by the channels. */
  granularity: z.enum(['cell', 'time']).default('cell'),
  /** The context encoder (a TransformerMVTS clone): layers, feed-forward width, dropout. */
  encoderLayers: z.int().positive().default(1),
  encoderFeedForward: z.int().positive().default(16),
  encoderDropout: z.number().min(0).lt(1).default(0.1),
});

export type IbGradientFreeParams = z.output<typeof ibGradientFreeParams>;

/** The parameters with λ resolved for the windows' channel count. */
export type IbSettings = IbGradientFreeParams & { readonly lambda: number };

export function resolveIbSettings(params: IbGradientFreeParams, channels: number): IbSettings {
  return { ...params, lambda: params.lambda ?? (channels > 1 ? 2 : 1) };
}
