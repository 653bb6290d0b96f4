import { z } from 'zod';
import { presetParams } from '../preset-params';

/**
 * TimeX++'s parameters (timexpp.md §2.7–2.9) as a per-dataset preset plus overrides. The context
 * encoder h is an architecture clone of the dataset's black box (§2.1, §4), so its layers,
 * feed-forward width and dropout come with the preset too.
 */
const settings = {
  /** AdamW learning rate and decoupled weight decay. */
  lr: z.number().positive(),
  weightDecay: z.number().nonnegative(),
  epochs: z.int().positive(),
  batchSize: z.int().positive(),
  /** λ = w_con: the connectivity weight inside the β_exp term (0 is the "w/o L_con" ablation). */
  lambda: z.number().nonnegative(),
  /** r of the Bernoulli prior in L_M (0.5: an entropy anchor, not a sparsity target; §9 #4). */
  r: z.number().gt(0).lt(1),
  /** ReduceLROnPlateau on the selection metric after epoch index 20 (FreqShapes, SeqComb-UV, Boiler). */
  scheduler: z.boolean(),
  encoderLayers: z.int().positive(),
  encoderFeedForward: z.int().positive(),
  encoderDropout: z.number().min(0).lt(1),
};

/** The loss terms an ablation can take out (Table 3's rows). */
export const ABLATIONS = ['ste', 'label-consistency', 'kl', 'reference', 'connectivity'] as const;
export type Ablation = (typeof ABLATIONS)[number];

const fixed = {
  /** Gumbel-softmax temperature τ of the mask sampler. */
  tau: z.number().positive().default(1),
  /** β_exp (the paper's α) on w_gsat·L_M + λ·L_con, and w_gsat. */
  betaExp: z.number().nonnegative().default(2),
  gsatWeight: z.number().nonnegative().default(1),
  /** β_sim on (klWeight·L_KL + L_dr); klWeight is the code's hidden `bias_weight` 0.1 (§9 #6). */
  betaSim: z.number().nonnegative().default(1),
  klWeight: z.number().nonnegative().default(0.1),
  /**
   * The terms left out: 'ste' samples M = s (the soft relaxation, no hard step), the others drop
   * L_LC, L_KL (bias_weight = 0), L_dr or L_con (w_con = 0).
   */
  without: z.array(z.enum(ABLATIONS)).default([]),
  /**
   * §9 #10: while the explainer trains, call the black box in train mode (its dropout on, fresh
   * masks for f(X) and f(X̃) every step) as the official code does, where the box has one
   * (`BlackBox.trainMode`); false calls its inference graph, f(X) then computed once per window.
   */
  blackBoxTrainMode: z.boolean().default(true),
};

const common = { batchSize: 64, r: 0.5 };
const freqShapesBox = { encoderLayers: 1, encoderFeedForward: 16, encoderDropout: 0.1 };

/** §2.9's recipes, with each dataset's black-box shape (§4) for h. */
export const timexppParams = presetParams(
  settings,
  fixed,
  {
    freqshapes: {
      ...common,
      ...freqShapesBox,
      lr: 1e-3,
      weightDecay: 1e-3,
      epochs: 50,
      lambda: 1,
      scheduler: true,
    },
    'seqcomb-uv': {
      ...common,
      lr: 1e-3,
      weightDecay: 1e-3,
      epochs: 50,
      lambda: 2,
      scheduler: true,
      encoderLayers: 2,
      encoderFeedForward: 64,
      encoderDropout: 0.25,
    },
    'seqcomb-mv': {
      ...common,
      lr: 2e-3,
      weightDecay: 1e-3,
      epochs: 100,
      lambda: 2,
      scheduler: false,
      encoderLayers: 2,
      encoderFeedForward: 128,
      encoderDropout: 0.25,
    },
    lowvar: {
      ...common,
      lr: 5e-3,
      weightDecay: 1e-4,
      epochs: 100,
      lambda: 2,
      scheduler: false,
      encoderLayers: 1,
      encoderFeedForward: 32,
      encoderDropout: 0.1,
    },
    ecg: {
      ...common,
      lr: 5e-4,
      weightDecay: 1e-4,
      epochs: 5,
      lambda: 2,
      scheduler: false,
      encoderLayers: 1,
      encoderFeedForward: 64,
      encoderDropout: 0.1,
    },
    pam: {
      batchSize: 32,
      r: 0.1,
      lr: 5e-4,
      weightDecay: 1e-2,
      epochs: 100,
      lambda: 0,
      scheduler: false,
      encoderLayers: 1,
      encoderFeedForward: 72,
      encoderDropout: 0.25,
    },
    boiler: {
      batchSize: 32,
      r: 0.5,
      lr: 1e-4,
      weightDecay: 1e-3,
      epochs: 50,
      lambda: 2,
      scheduler: true,
      encoderLayers: 1,
      encoderFeedForward: 32,
      encoderDropout: 0.25,
    },
    epilepsy: {
      ...freqShapesBox,
      batchSize: 32,
      r: 0.5,
      lr: 5e-4,
      weightDecay: 1e-3,
      epochs: 50,
      lambda: 2,
      scheduler: false,
    },
  },
  'freqshapes',
);

export type TimexppParams = z.output<typeof timexppParams>;
