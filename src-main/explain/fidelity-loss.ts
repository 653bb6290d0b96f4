import { AppError } from '../errors';
import { numel, tensor } from '../engine';
import type { Tensor, Traced } from '../engine';
import { argmax } from './black-box';
import type { BlackBox } from './black-box';

/** The fidelity loss ℓ of spec §0.3: MSE between outputs (logits for classifiers), or cross-entropy with hard labels. */
export type FidelityLoss = 'mse' | 'cross-entropy';

/** What perturbed outputs are compared with: reference outputs [S, …] and, for cross-entropy, their labels one-hot. */
export interface FidelityTarget {
  readonly y: Traced;
  readonly labels?: Traced;
}

/**
 * ℓ per sample: `yHat` is [...lead, S, …] (the lead axes, e.g. Dynamask's areas, broadcast against
 * the target), the result [...lead, S]. MSE is the mean over the sample's output elements;
 * cross-entropy the mean over its rows (the last axis holds the classes) of −log p̂[label].
 * Averaging these over the samples gives ℓ as PyTorch computes it over the whole batch.
 */
export function fidelityPerSample(
  yHat: Traced,
  target: FidelityTarget,
  kind: FidelityLoss,
  output: BlackBox['output'],
): Traced {
  const outputAxes = target.y.rank - 1;
  let perElement: Traced;
  if (kind === 'mse') {
    const d = yHat.sub(target.y);
    perElement = d.mul(d);
  } else {
    if (!target.labels) throw new AppError('internal', 'cross-entropy needs the labels');
    const logP = output === 'probabilities' ? yHat.log() : yHat.logSoftmax(-1);
    perElement = logP.mul(target.labels).neg();
  }
  const axes = Array.from({ length: outputAxes }, (_, i) => yHat.rank - outputAxes + i);
  if (kind === 'cross-entropy') {
    const rows = perElement.reduceSum([yHat.rank - 1]);
    return axes.length > 1 ? rows.reduceMean(axes.slice(0, -1)) : rows;
  }
  return perElement.reduceMean(axes);
}

/**
 * Hard labels one-hot, shaped like the reference outputs `y` [S, …, C]: for a [S, C] output the
 * resolved target of each sample (the predicted class unless one was asked for), else the argmax
 * over C of each row (spec §0.3).
 */
export function hardLabels(y: Tensor, targets: readonly number[]): Tensor {
  const classes = y.shape[y.shape.length - 1] ?? 1;
  const rows = numel(y.shape) / classes;
  const oneHot = new Float32Array(numel(y.shape));
  for (let r = 0; r < rows; r++) {
    const label = y.shape.length === 2 ? (targets[r] ?? 0) : argmax(y.data as Float32Array, r * classes, classes);
    oneHot[r * classes + label] = 1;
  }
  return tensor('float32', y.shape, oneHot);
}

/** Cross-entropy compares classes: refused for a model whose outputs are values. */
export function checkFidelityLoss(kind: FidelityLoss, box: BlackBox, method: string): void {
  if (kind === 'cross-entropy' && box.output === 'values') {
    throw new AppError(
      'invalid-request',
      `${method}: loss 'cross-entropy' needs a classifier, but ${box.name} outputs values; use loss 'mse'`,
    );
  }
}
