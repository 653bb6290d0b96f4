import { z } from 'zod';
import { gameSetting, presetParams, trainingSettings } from './preset-params';

const settings = {
  ...trainingSettings,
  /** Weight of mean |M| (preservation) or mean |1 − M| (deletion). */
  lambda1: z.number().nonnegative(),
  /** Weight of mean |NN_θ(x)|. */
  lambda2: z.number().nonnegative(),
  batchSize: z.int().positive(),
};

/**
 * ExtrMask's settings per experiment (spec §1.4); the default is the black-box classifier one
 * (State). Preservation keeps the masked entries and replaces the rest by NN_θ(x); deletion the reverse.
 */
export const extrMaskParams = presetParams(
  settings,
  { game: gameSetting.default('preservation') },
  {
    rare: { lambda1: 1, lambda2: 1, lr: 0.1, epochs: 200, batchSize: 100, loss: 'mse' },
    'rare-observation': { lambda1: 1, lambda2: 1, lr: 0.1, epochs: 200, batchSize: 50, loss: 'mse' },
    state: { lambda1: 1, lambda2: 1, lr: 0.01, epochs: 500, batchSize: 100, loss: 'mse' },
    switch: { lambda1: 1, lambda2: 1, lr: 0.01, epochs: 500, batchSize: 100, loss: 'mse' },
    mimic: { lambda1: 1, lambda2: 1, lr: 0.01, epochs: 500, batchSize: 100, loss: 'cross-entropy' },
  },
  'state',
);
