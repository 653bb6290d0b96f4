import type { Traced } from '../../engine/trace';
import { AppError } from '../../errors';
import { batchNormInference, batchNormTraining, filled, updateRunningStatistics } from './batch-norm';
import type { BatchNormOptions } from './batch-norm';
import { gruLayer, gruWeights, uniform } from './networks';
import type { Network, NetworkShape, ValueLookup } from './networks';
import { invertedDropoutMask } from './transformer-layers';

export interface GruClassifierOptions {
  readonly hidden: number;
  /** Probability that dropout zeroes a unit before the linear head in training (inverted: kept ones scale by 1/(1 − p)). */
  readonly dropout: number;
  readonly batchNorm: BatchNormOptions;
  /** 'every-step': logits at every time step [B, T, K] (tint's `return_all`); 'last-step': at the last [B, K]. */
  readonly answers: 'every-step' | 'last-step';
}

const MASK = 'dropout.mask';
const RUNNING_MEAN = 'norm.runningMean';
const RUNNING_VARIANCE = 'norm.runningVariance';

/**
 * tint's/ContraLSP's `StateClassifier` (contralsp-dynamask-extrmask.md §4.2, §4.3): a one-layer
 * GRU from a zero state, then BatchNorm → ReLU → Dropout → Linear on its hidden states. Training
 * reads the hidden state at one time step (the GRU is causal, so that is the prefix's last
 * state), normalises it by the batch's statistics and feeds a drawn dropout mask; inference
 * normalises by the running statistics and has no dropout.
 */
export function gruClassifier(shape: NetworkShape, options: GruClassifierOptions): Network {
  const { hidden, dropout, batchNorm } = options;
  if (!(dropout >= 0 && dropout < 1)) {
    throw new AppError('invalid-request', `dropout: expected a probability in [0, 1), got ${dropout}`);
  }
  const linear = (h: Traced, value: ValueLookup): Traced => h.matmul(value('head.weight')).add(value('head.bias'));
  return {
    architecture: `gru-batchnorm-classifier(hidden=${hidden}, dropout=${dropout}, ${options.answers})`,
    shape,
    perTimeStep: options.answers === 'every-step',
    init(rng) {
      return new Map([
        ...gruWeights(rng, shape.channels, hidden),
        ['norm.scale', filled(hidden, 1)],
        ['norm.bias', filled(hidden, 0)],
        ['head.weight', uniform(rng, [hidden, shape.outputs], hidden)],
        ['head.bias', uniform(rng, [shape.outputs], hidden)],
      ]);
    },
    forward(x, value) {
      const states = gruLayer(x, value, hidden);
      const h = options.answers === 'every-step' ? states.every.squeeze([1]).transpose([1, 0, 2]) : states.last;
      const running = { mean: value(RUNNING_MEAN), variance: value(RUNNING_VARIANCE) };
      const normed = batchNormInference(h, value('norm.scale'), value('norm.bias'), running, batchNorm.epsilon);
      return linear(normed.relu(), value);
    },
    training: {
      initBuffers: () =>
        new Map([
          [RUNNING_MEAN, filled(hidden, 0)],
          [RUNNING_VARIANCE, filled(hidden, 1)],
        ]),
      draw(rng, batch) {
        return new Map([[MASK, invertedDropoutMask(rng, [batch, hidden], dropout)]]);
      },
      forward(x, param, inputs) {
        const every = gruLayer(x, param, hidden).every.squeeze([1]);
        const steps = x.shape[1] ?? 0;
        const selected = every.mul(inputs.time.reshape([steps, 1, 1])).reduceSum([0]);
        const normed = batchNormTraining(selected, param('norm.scale'), param('norm.bias'), batchNorm.epsilon);
        const mask = inputs.drawn(MASK, [x.shape[0] ?? 0, hidden]);
        return {
          outputs: linear(normed.y.relu().mul(mask), param),
          statistics: { [RUNNING_MEAN]: normed.statistics.mean, [RUNNING_VARIANCE]: normed.statistics.variance },
        };
      },
      update: (buffers, statistics) => updateRunningStatistics(buffers, statistics, batchNorm.momentum),
    },
  };
}
