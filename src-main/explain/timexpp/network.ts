import type { Rng, Tensor, Traced } from '../../engine';
import { uniform } from '../../models/training/networks';
import type { ValueLookup } from '../../models/training/networks';
import { linear } from '../../models/training/transformer-layers';
import type { Dropout } from '../../models/training/transformer-layers';
import { initPolicy, policyProbabilities } from '../ib-policy';
import type { PolicyArchitecture } from '../ib-policy';
import type { TimexppParams } from './presets';

/**
 * TimeX++'s trainable modules (timexpp.md §2.1). The mask generator g with its context encoder h
 * is the one the gradient-free IB policy shares (ib-policy.ts: h over [PE, X], two decoder layers
 * over [X, PE], π per (t, d)); added here are the point-wise conditioner Ψ (2 → 32 → 1, ELU) and
 * the two distribution heads q_X and q_X̃ (each a mean and a log-variance MLP, T·D → 32 → T·D, ELU).
 * Weights are [in, out]; every Linear starts at PyTorch's default U(±1/√fan_in).
 */

const HIDDEN = 32;
const HEADS = ['qX', 'qXt'] as const;
const PARTS = ['mean', 'logVar'] as const;

export type DistributionHead = (typeof HEADS)[number];

/** The mask generator's shape for windows [T, D] under the given settings (one Bernoulli per cell). */
export function maskGeneratorArchitecture(
  time: number,
  features: number,
  params: Pick<TimexppParams, 'encoderLayers' | 'encoderFeedForward' | 'encoderDropout'>,
): PolicyArchitecture {
  const { encoderLayers, encoderFeedForward, encoderDropout } = params;
  return { time, features, settings: { granularity: 'cell', encoderLayers, encoderFeedForward, encoderDropout } };
}

/** Seeded initial values of every trainable parameter, by name. */
export function initExplainer(arch: PolicyArchitecture, rng: Rng): Map<string, Tensor> {
  const values = initPolicy(arch, rng);
  const mlp = (prefix: string, input: number, output: number): void => {
    values.set(`${prefix}.in.weight`, uniform(rng, [input, HIDDEN], input));
    values.set(`${prefix}.in.bias`, uniform(rng, [HIDDEN], input));
    values.set(`${prefix}.out.weight`, uniform(rng, [HIDDEN, output], HIDDEN));
    values.set(`${prefix}.out.bias`, uniform(rng, [output], HIDDEN));
  };
  mlp('psi', 2, 1);
  const frame = arch.time * arch.features;
  for (const head of HEADS) for (const part of PARTS) mlp(`${head}.${part}`, frame, frame);
  return values;
}

/** π [B, T, D] for windows x [B, T, D] (the explanation; §2.4–2.5). */
export function maskProbabilities(x: Traced, value: ValueLookup, arch: PolicyArchitecture, dropout: Dropout): Traced {
  return policyProbabilities(x, value, arch, dropout);
}

function mlp(x: Traced, value: ValueLookup, prefix: string): Traced {
  return linear(linear(x, value, `${prefix}.in`).elu(), value, `${prefix}.out`);
}

/** X̃ = Ψ(X, M) [B, T, D]: w₂ ELU(W₁ [x, m] + b₁) + b₂ at every (t, d), with no temporal context (§2.7f). */
export function conditioner(x: Traced, m: Traced, value: ValueLookup): Traced {
  const pairs = x.tracer.concat([x.unsqueeze([3]), m.unsqueeze([3])], 3);
  return mlp(pairs, value, 'psi').squeeze([3]);
}

/** A head's (μ, ν = log σ²) of windows [B, T, D], each [B, T·D] (time outer, channel inner; §2.7d). */
export function distribution(x: Traced, value: ValueLookup, head: DistributionHead): { mean: Traced; logVar: Traced } {
  const [batch = 1, time = 1, features = 1] = x.shape;
  const flat = x.reshape([batch, time * features]);
  return { mean: mlp(flat, value, `${head}.mean`), logVar: mlp(flat, value, `${head}.logVar`) };
}
