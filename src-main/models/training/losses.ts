import type { Traced } from '../../engine/trace';
import type { ModelTask } from '../model-card';

/** Cross-entropy, or Poly-1 cross-entropy CE + ε(1 − p_y) with ε = 1 (Leng et al. 2022; TimeX's black boxes). */
export type ClassificationLoss = 'cross-entropy' | 'poly-1';

/**
 * Each row's loss, from outputs [B, K] and targets: cross-entropy (or Poly-1) of the logits against one-hot
 * targets [B, K] (classification), binary cross-entropy of one logit against 0/1 targets [B, 1]
 * (binary-risk), or squared error summed over the outputs against targets [B, K] (regression).
 */
export function rowLosses(
  task: ModelTask,
  outputs: Traced,
  targets: Traced,
  loss: ClassificationLoss = 'cross-entropy',
): Traced {
  switch (task) {
    case 'classification': {
      const logTarget = outputs.logSoftmax(1).mul(targets).reduceSum([1]);
      return loss === 'poly-1' ? logTarget.exp().neg().add(1).sub(logTarget) : logTarget.neg();
    }
    case 'binary-risk':
      // log(1 + e^z) − y z: BCE written on the logit, so that no probability is rounded to 0 or 1.
      return outputs.softplus().sub(targets.mul(outputs)).reduceSum([1]);
    case 'regression': {
      const error = outputs.sub(targets);
      return error.mul(error).reduceSum([1]);
    }
  }
}

/** Each window's loss: `rowLosses`, averaged over the time steps when outputs and targets are per step [B, T, …]. */
export function windowLosses(task: ModelTask, outputs: Traced, targets: Traced, loss?: ClassificationLoss): Traced {
  if (outputs.rank === 2) return rowLosses(task, outputs, targets, loss);
  const [batch = 0, steps = 0] = outputs.shape;
  const answers = (v: Traced): Traced => v.reshape([batch * steps, v.shape[2] ?? 0]);
  return rowLosses(task, answers(outputs), answers(targets), loss).reshape([batch, steps]).reduceMean([1]);
}

/** Columns of the target tensor that `rowLosses` takes for `outputs` columns. */
export function targetWidth(task: ModelTask, outputs: number): number {
  return task === 'binary-risk' ? 1 : outputs;
}
