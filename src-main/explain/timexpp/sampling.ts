import { tensor } from '../../engine';
import type { Rng, Tensor, Traced } from '../../engine';

/**
 * TimeX++'s Bernoulli mask sampler (timexpp.md §2.6): a two-class Gumbel-softmax over
 * [log(1 − π + 1e−9) + g₀, log(π + 1e−9) + g₁] / τ. Its class-1 probability is the sigmoid of
 * (log(π + 1e−9) − log(1 − π + 1e−9) + g₁ − g₀) / τ, so the graph is fed the noise difference
 * g₁ − g₀ of two Gumbel(0, 1) draws (a Logistic(0, 1) draw). The hard sample is that argument
 * being positive; the straight-through mask carries the hard value forward and the soft gradient
 * back.
 */

const EPSILON = 1e-9;
/** Keeps u inside (0, 1) so that −log(−log u) stays finite. */
const U_CLAMP = 1e-12;

/** g₁ − g₀ per element of `shape`, with g = −log(−log u), u ~ U(0, 1). */
export function gumbelDifference(rng: Rng, shape: readonly number[]): Tensor {
  const size = shape.reduce((n, d) => n * d, 1);
  const out = new Float32Array(size);
  const gumbel = (): number => -Math.log(-Math.log(Math.min(1 - U_CLAMP, Math.max(U_CLAMP, rng.next()))));
  for (let i = 0; i < size; i++) {
    const g0 = gumbel();
    out[i] = gumbel() - g0;
  }
  return tensor('float32', shape, out);
}

export interface MaskSample {
  /** The mask fed forward: binary with the straight-through estimator, else the soft relaxation. */
  readonly mask: Traced;
  /** The relaxed sample s. */
  readonly soft: Traced;
}

/** M ~ Bern(π) from fed noise (`gumbelDifference`); `straightThrough: false` is the "w/o STE" ablation (M = s). */
export function sampleMask(pi: Traced, noise: Traced, options: { tau: number; straightThrough: boolean }): MaskSample {
  const logit = pi
    .add(EPSILON)
    .log()
    .sub(
      pi
        .neg()
        .add(1 + EPSILON)
        .log(),
    )
    .add(noise);
  const soft = logit.div(options.tau).sigmoid();
  if (!options.straightThrough) return { mask: soft, soft };
  const hard = logit.greater(0).cast('float32');
  return { mask: pi.tracer.straightThrough(hard, soft), soft };
}
