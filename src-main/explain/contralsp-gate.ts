import type { Rng, Tensor, Traced, Tracer } from '../engine';
import type { ContraLspParams } from './contralsp-params';

const HIDDEN = 32;

/**
 * τ of ContraLSP (spec §2.1): one MLP per feature d, Linear(T, 32) → ReLU → Linear(32, T), on the
 * raw series x[:, d]; the D networks run as one batched MatMul pair. PyTorch's default init.
 */
export interface TrendNetworks {
  readonly params: readonly Traced[];
  /** τ(x) for x [N, T, D], [N, T, D]. */
  apply(x: Traced): Traced;
}

export function trendNetworks(g: Tracer, steps: number, features: number, rng: Rng): TrendNetworks {
  const uniform = (shape: number[], fanIn: number): Tensor => {
    const bound = 1 / Math.sqrt(fanIn);
    return rng.uniform(shape, { low: -bound, high: bound });
  };
  const w1 = g.param('trend.hidden.weight', uniform([features, steps, HIDDEN], steps));
  const b1 = g.param('trend.hidden.bias', uniform([features, 1, HIDDEN], steps));
  const w2 = g.param('trend.output.weight', uniform([features, HIDDEN, steps], HIDDEN));
  const b2 = g.param('trend.output.bias', uniform([features, 1, steps], HIDDEN));
  return {
    params: [w1, b1, w2, b2],
    apply(x) {
      const series = x.transpose([2, 0, 1]);
      return series.matmul(w1).add(b1).relu().matmul(w2).add(b2).transpose([1, 2, 0]);
    },
  };
}

/** The smooth sparse gate g(u; x) of spec §2.2, with v = u + 0.5 and τ = τ(x). */
export function smoothGate(kind: ContraLspParams['gate'], u: Traced, trend: Traced): Traced {
  const v = u.add(0.5);
  if (kind === 'none') return v;
  const scaled = v.mul(trend);
  return kind === 'sigmoid' ? v.mul(scaled.sigmoid()) : v.add(v.mul(scaled.erf())).mul(0.5);
}
