import { AppError } from '../../errors';
import type { ModelTask } from '../model-card';
import type { NetworkShape } from './networks';

/**
 * Windows with what the model should say about each: `targets` holds one class index per window
 * (classification), one 0/1 outcome (binary-risk), or the K values (regression); with
 * `perTimeStep`, that for every time step ([N, T, …]).
 */
export interface LabelledWindows {
  /** [N, T, D] float32. */
  readonly windows: Float32Array;
  readonly targets: Float32Array;
  readonly count: number;
  readonly perTimeStep?: boolean;
}

/** Target values per answer (a window, or a time step with `perTimeStep`) in `LabelledWindows.targets`. */
export function targetsPerWindow(task: ModelTask, outputs: number): number {
  return task === 'regression' ? outputs : 1;
}

/** Checks that windows and targets have the sizes the network needs; names the set at fault. */
export function requireShape(set: LabelledWindows, name: string, shape: NetworkShape, task: ModelTask): void {
  const { windowLength, channels, outputs } = shape;
  const frame = windowLength * channels;
  const width = targetsPerWindow(task, outputs) * (set.perTimeStep === true ? windowLength : 1);
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
