import type { Rng, Tensor, Traced, Tracer } from '../engine';

/**
 * NN_θ of ExtrMask and ContraLSP (spec §0.2): a one-layer bidirectional GRU (PyTorch's cell,
 * hidden size D per direction), each time step's 2D-vector L2-normalised, then Linear(2D → D).
 * PyTorch's default initialisation: U(±1/√D) for the GRU, U(±1/√(2D)) for the linear layer.
 */
export interface PerturbationNetwork {
  readonly params: readonly Traced[];
  /** NN_θ(x) for x [B, T, D]. */
  apply(x: Traced): Traced;
}

export function perturbationNetwork(g: Tracer, features: number, rng: Rng): PerturbationNetwork {
  const d = features;
  const uniform = (shape: number[], fanIn: number): Tensor => {
    const bound = 1 / Math.sqrt(fanIn);
    return rng.uniform(shape, { low: -bound, high: bound });
  };
  // ONNX stacks the gates z, r, h where PyTorch has r, z, n; every entry has the same distribution.
  const w = g.param('perturbation.gru.W', uniform([2, 3 * d, d], d));
  const r = g.param('perturbation.gru.R', uniform([2, 3 * d, d], d));
  const b = g.param('perturbation.gru.B', uniform([2, 6 * d], d));
  const weight = g.param('perturbation.linear.weight', uniform([2 * d, d], 2 * d));
  const bias = g.param('perturbation.linear.bias', uniform([d], 2 * d));
  return {
    params: [w, r, b, weight, bias],
    apply(x) {
      const [batch = 1, steps = 1] = x.shape;
      const attributes = { hidden_size: d, direction: 'bidirectional', linear_before_reset: 1 };
      const y = g.op('GRU', [x.transpose([1, 0, 2]), w, r, b], attributes);
      // Y is [T, 2, B, D]: forward state first, as PyTorch concatenates them.
      const h = y.transpose([2, 0, 1, 3]).reshape([batch, steps, 2 * d]);
      const normalised = h.div(h.reduceL2([2], { keepdims: true }).max(1e-12));
      return normalised.matmul(weight).add(bias);
    },
  };
}

/** Φ(x, m) of spec §1.1 and §2.3: preservation m x + (1 − m) r, deletion (1 − m) x + m r, r = NN_θ(x). */
export function blend(x: Traced, replacement: Traced, m: Traced, game: 'preservation' | 'deletion'): Traced {
  const kept = game === 'preservation' ? m : m.neg().add(1);
  return x.mul(kept).add(replacement.mul(kept.neg().add(1)));
}
