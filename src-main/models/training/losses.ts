import type { Traced } from '../../engine/trace';
import type { ModelTask } from '../model-card';

/**
 * Each row's loss, from outputs [B, K] and targets: cross-entropy of the logits against one-hot
 * targets [B, K] (classification), binary cross-entropy of one logit against 0/1 targets [B, 1]
 * (binary-risk), or squared error summed over the outputs against targets [B, K] (regression).
 */
export function rowLosses(task: ModelTask, outputs: Traced, targets: Traced): Traced {
  switch (task) {
    case 'classification':
      return outputs.logSoftmax(1).mul(targets).reduceSum([1]).neg();
    case 'binary-risk':
      // log(1 + e^z) − y z: BCE written on the logit, so that no probability is rounded to 0 or 1.
      return outputs.softplus().sub(targets.mul(outputs)).reduceSum([1]);
    case 'regression': {
      const error = outputs.sub(targets);
      return error.mul(error).reduceSum([1]);
    }
  }
}

/** Columns of the target tensor that `rowLosses` takes for `outputs` columns. */
export function targetWidth(task: ModelTask, outputs: number): number {
  return task === 'binary-risk' ? 1 : outputs;
}
