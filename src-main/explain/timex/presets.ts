import { z } from 'zod';
import { presetParams } from '../preset-params';
import { timexppParams } from '../timexpp/presets';

/**
 * TimeX's parameters (timexpp.md §8) as a per-dataset preset plus overrides. h and g are TimeX++'s
 * (the same clone of the dataset's black box), so each preset takes its encoder settings from
 * TimeX++'s preset of the same name.
 */
const settings = {
  lr: z.number().positive(),
  weightDecay: z.number().nonnegative(),
  epochs: z.int().positive(),
  batchSize: z.int().min(2),
  /** λ on L_con inside the mask term (2 on every dataset). */
  lambda: z.number().nonnegative(),
  r: z.number().gt(0).lt(1),
  /** ReduceLROnPlateau on the selection metric after epoch index 20. */
  scheduler: z.boolean(),
  /** Divide each MBC term by the variance of S(z_f) (`normalize_distance`: LowVar, ECG). */
  normalizeDistance: z.boolean(),
  encoderLayers: z.int().positive(),
  encoderFeedForward: z.int().positive(),
  encoderDropout: z.number().min(0).lt(1),
};

const fixed = {
  /** Gumbel-softmax temperature of the mask sampler. */
  tau: z.number().positive().default(1),
  /** The weight on L_M + λ·L_con. */
  maskWeight: z.number().nonnegative().default(2),
  /** The number of landmarks and their matching temperature. */
  landmarks: z.int().positive().default(50),
  landmarkTau: z.number().positive().default(0.1),
  /** Share of the fitting windows held out for model selection when no validation set is given. */
  validationShare: z.number().gt(0).lt(1).default(0.02),
};

type TimexPreset = 'freqshapes' | 'seqcomb-uv' | 'seqcomb-mv' | 'lowvar' | 'ecg';

function encoderOf(
  preset: TimexPreset,
): Pick<z.output<z.ZodObject<typeof settings>>, 'encoderLayers' | 'encoderFeedForward' | 'encoderDropout'> {
  const { encoderLayers, encoderFeedForward, encoderDropout } = timexppParams.parse({ preset });
  return { encoderLayers, encoderFeedForward, encoderDropout };
}

const common = { batchSize: 64, lambda: 2, r: 0.5, normalizeDistance: false };

/**
 * §8's recipes. SeqComb-MV's weight decay is not given there; it takes TimeX++'s 1e−3 for that
 * set, with no scheduler.
 */
export const timexParams = presetParams(
  settings,
  fixed,
  {
    freqshapes: { ...common, ...encoderOf('freqshapes'), lr: 1e-3, weightDecay: 1e-3, epochs: 50, scheduler: true },
    'seqcomb-uv': { ...common, ...encoderOf('seqcomb-uv'), lr: 1e-3, weightDecay: 1e-3, epochs: 50, scheduler: true },
    'seqcomb-mv': { ...common, ...encoderOf('seqcomb-mv'), lr: 1e-3, weightDecay: 1e-3, epochs: 100, scheduler: false },
    lowvar: {
      ...common,
      ...encoderOf('lowvar'),
      lr: 3e-3,
      weightDecay: 1e-4,
      epochs: 100,
      scheduler: false,
      normalizeDistance: true,
    },
    ecg: {
      ...common,
      ...encoderOf('ecg'),
      batchSize: 16,
      lr: 5e-4,
      weightDecay: 1e-4,
      epochs: 5,
      scheduler: false,
      normalizeDistance: true,
    },
  },
  'freqshapes',
);

export type TimexParams = z.output<typeof timexParams>;
