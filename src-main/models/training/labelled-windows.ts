import { AppError } from '../../errors';
import type { ModelTask } from '../model-card';

/**
 * Windows with what the model should say about each: `targets` holds one class index per window
 * (classification), one 0/1 outcome (binary-risk), or the K values (regression).
 */
export interface LabelledWindows {
  /** [N, T, D] float32. */
  readonly windows: Float32Array;
  readonly targets: Float32Array;
  readonly count: number;
}

/** Target values per window in `LabelledWindows.targets`. */
export function targetsPerWindow(task: ModelTask, outputs: number): number {
  return task === 'regression' ? outputs : 1;
}

/** Checks that windows and targets have the sizes the network needs; names the set at fault. */
export function requireShape(
  set: LabelledWindows,
  name: string,
  frame: number,
  task: ModelTask,
  outputs: number,
): void {
  const width = targetsPerWindow(task, outputs);
  if (set.windows.length !== set.count * frame || set.targets.length !== set.count * width) {
    throw new AppError(
      'invalid-request',
      `the ${name} set has ${set.windows.length} window values and ${set.targets.length} targets for ${set.count} windows; expected ${set.count * frame} and ${set.count * width}`,
    );
  }
  if (task === 'classification') {
    const bad = set.targets.find((t) => !Number.isInteger(t) || t < 0 || t >= outputs);
    if (bad !== undefined) {
      throw new AppError('invalid-request', `the ${name} set has class ${bad}; classes are 0 to ${outputs - 1}`);
    }
  }
}
