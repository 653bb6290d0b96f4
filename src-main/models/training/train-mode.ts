import type { Tensor } from '../../engine/ir';
import type { Rng } from '../../engine/program';
import type { Traced } from '../../engine/trace';
import { AppError } from '../../errors';
import type { Network } from './networks';

/**
 * A trained classifier as it runs in train mode (dropout on), for explainers whose recipe calls
 * the frozen black box that way (TimeX++ keeps f in train mode while its explainer trains,
 * timexpp.md §9 #10). Each call reads its own random inputs, fed under a prefix the caller picks.
 */
export interface TrainModeModel {
  /** Outputs per window, K. */
  readonly outputs: number;
  /** The random inputs (dropout masks) of one call on `batch` windows, by name without prefix. */
  draw(rng: Rng, batch: number): Map<string, Tensor>;
  /** The model on x [B, T, D] → [B, K], its random inputs read as graph inputs `prefix + name`. */
  call(x: Traced, prefix: string): Traced;
}

/** `network` with its trained `params` in train mode; only networks whose training keeps no buffers (BatchNorm would move them). */
export function networkTrainMode(network: Network, params: ReadonlyMap<string, Tensor>): TrainModeModel {
  const training = network.training;
  if (!training || training.initBuffers().size > 0) {
    throw new AppError('invalid-request', `${network.architecture} has no train mode without running statistics`);
  }
  const { windowLength, outputs } = network.shape;
  const last = new Float32Array(windowLength);
  last[windowLength - 1] = 1;
  return {
    outputs,
    draw: (rng, batch) => training.draw(rng, batch),
    call(x, prefix) {
      const g = x.tracer;
      const value = (name: string): Traced => {
        const found = params.get(name);
        if (!found) throw new AppError('internal', `${network.architecture}: no trained value for '${name}'`);
        return g.constant(found);
      };
      return training.forward(x, value, {
        time: g.constant({ dtype: 'float32', shape: [windowLength], data: last }),
        drawn: (name, shape) => g.input(`${prefix}${name}`, 'float32', shape),
      }).outputs;
    },
  };
}
