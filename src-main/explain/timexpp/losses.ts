import type { Traced } from '../../engine';

/**
 * TimeX++'s loss terms with the official code's reductions (timexpp.md §2.7), each a scalar
 * Traced. Shapes: π, masks and windows [B, T, D]; class log-probabilities [B, C]; distribution
 * parameters [B, T·D].
 */

/** (a) L_M = mean[π ln(π/r + 1e−6) + (1 − π) ln((1 − π)/(1 − r + 1e−6) + 1e−6)] (`GSATLoss`). */
export function bernoulliPriorKl(pi: Traced, r: number): Traced {
  const notPi = pi.neg().add(1);
  return pi
    .mul(pi.div(r).add(1e-6).log())
    .add(
      notPi.mul(
        notPi
          .div(1 - r + 1e-6)
          .add(1e-6)
          .log(),
      ),
    )
    .reduceMean();
}

/**
 * (b) L_con = ‖π[:, 1:] − π[:, :−1]‖_F / (B (T − 1) D): one norm over the batch's temporal
 * differences (`ConnectLoss`). The 1e−12 keeps the square root differentiable where π is flat.
 */
export function connectivity(pi: Traced): Traced {
  const [batch = 1, time = 1, features = 1] = pi.shape;
  if (time < 2) return pi.tracer.constant(0);
  return pi
    .slice([1], [time], [1])
    .sub(pi.slice([0], [time - 1], [1]))
    .reduceSumSquare()
    .add(1e-12)
    .sqrt()
    .div(batch * (time - 1) * features);
}

/**
 * (c) L_LC = [½ Σ m (ln m − ln p) + ½ Σ m (ln m − ln q)] / (B C) with m = (p + q)/2: the
 * Jensen–Shannon divergence with `kl_div(reduction='mean')`'s divisor. Takes ln p and ln q.
 */
export function labelConsistency(logP: Traced, logQ: Traced): Traced {
  const [batch = 1, classes = 1] = logP.shape;
  const logM = logP.exp().add(logQ.exp()).mul(0.5).log();
  const m = logM.exp();
  return m
    .mul(logM.sub(logP))
    .add(m.mul(logM.sub(logQ)))
    .reduceSum()
    .mul(0.5 / (batch * classes));
}

/**
 * (d) L_KL = ½ mean[ν* − ν̃ − 1 + (e^ν̃ + (μ̃ − μ*)²)/e^ν*]: KL(N(μ̃, e^ν̃) ‖ N(μ*, e^ν*)) with
 * μ*, ν* the batch means of the data head's parameters.
 */
export function distributionKl(
  explained: { mean: Traced; logVar: Traced },
  data: { mean: Traced; logVar: Traced },
): Traced {
  const mean = data.mean.reduceMean([0], { keepdims: true });
  const logVar = data.logVar.reduceMean([0], { keepdims: true });
  return logVar
    .sub(explained.logVar)
    .sub(1)
    .add(explained.logVar.exp().add(explained.mean.sub(mean).pow(2)).div(logVar.exp()))
    .reduceMean()
    .mul(0.5);
}

/** (e) X̃^r = M ⊙ X + (1 − M) ⊙ b, and L_dr = mean (X̃^r − X̃)². */
export function referenceAlignment(x: Traced, mask: Traced, baseline: Traced, explained: Traced): Traced {
  const reference = mask.mul(x).add(mask.neg().add(1).mul(baseline));
  return reference.sub(explained).pow(2).reduceMean();
}
