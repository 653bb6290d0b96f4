import type { Traced } from '../../trace';

/** Normalisation statistics over `axes` (kept as size 1). */
export interface Moments {
  /** (x - mean) / sqrt(var + eps) */
  readonly normalized: Traced;
  /** 1 / sqrt(var + eps) */
  readonly invStd: Traced;
}

/** Recomputes mean and (biased) variance over `axes`. */
export function moments(x: Traced, axes: readonly number[], epsilon: number): Moments {
  const centred = x.sub(x.reduceMean(axes, { keepdims: true }));
  const invStd = centred.mul(centred).reduceMean(axes, { keepdims: true }).add(epsilon).sqrt().reciprocal();
  return { normalized: centred.mul(invStd), invStd };
}

/**
 * Input gradient of x ↦ (x - mean) / std over `axes`, given the gradient of the normalised value:
 * invStd (dn - mean(dn) - n mean(dn n)).
 */
export function normalizedInputGradient(dNormalized: Traced, m: Moments, axes: readonly number[]): Traced {
  const meanGrad = dNormalized.reduceMean(axes, { keepdims: true });
  const projection = dNormalized.mul(m.normalized).reduceMean(axes, { keepdims: true });
  return m.invStd.mul(dNormalized.sub(meanGrad).sub(m.normalized.mul(projection)));
}
