import { AppError } from '../errors';

/** Captum's approximation methods for the path integral of Integrated Gradients. */
export const quadratureMethods = [
  'gausslegendre',
  'riemann_left',
  'riemann_right',
  'riemann_middle',
  'riemann_trapezoid',
] as const;
export type QuadratureMethod = (typeof quadratureMethods)[number];

/** Points α_k in [0, 1] along the path and their weights w_k (Captum's `alphas` and `step_sizes`). */
export interface Quadrature {
  readonly alphas: readonly number[];
  readonly weights: readonly number[];
}

/**
 * Captum's quadrature for `n` steps. Gauss–Legendre: α = (1 + ξ)/2, w = ω/2 from the order-n
 * nodes ξ and weights ω (float64). Riemann: α from a float32 `torch.linspace` (copied bit for bit,
 * since Captum's alphas are float32 values), w = 1/n, and for the trapezoid the first and last
 * halved, so that the weights sum to (n − 1)/n, as Captum does.
 */
export function quadrature(method: QuadratureMethod, n: number): Quadrature {
  const least = method === 'gausslegendre' ? 1 : 2;
  if (!Number.isInteger(n) || n < least) {
    throw new AppError('invalid-request', `nSteps must be an integer ≥ ${least} for ${method}, got ${n}`);
  }
  if (method === 'gausslegendre') {
    const { nodes, weights } = gaussLegendre(n);
    return { alphas: nodes.map((x) => (1 + x) / 2), weights: weights.map((w) => w / 2) };
  }
  const weights = new Array<number>(n).fill(1 / n);
  const ranges: Record<Exclude<QuadratureMethod, 'gausslegendre'>, [number, number]> = {
    riemann_left: [0, 1 - 1 / n],
    riemann_right: [1 / n, 1],
    riemann_middle: [1 / (2 * n), 1 - 1 / (2 * n)],
    riemann_trapezoid: [0, 1],
  };
  if (method === 'riemann_trapezoid') {
    weights[0] = 1 / n / 2;
    weights[n - 1] = 1 / n / 2;
  }
  const [start, end] = ranges[method];
  return { alphas: linspaceFloat32(start, end, n), weights };
}

/**
 * Gauss–Legendre nodes (ascending, in [−1, 1]) and weights of order n: Newton's method on the
 * Legendre polynomial P_n from the usual cosine guesses, in float64; the rule is symmetric, so
 * the upper half mirrors the lower one exactly.
 */
export function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes = new Array<number>(n).fill(0);
  const weights = new Array<number>(n).fill(0);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = -Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iteration = 0; iteration < 100; iteration++) {
      const [p, dp] = legendre(n, x);
      const step = p / dp;
      x -= step;
      if (Math.abs(step) <= 1e-16) break;
    }
    const derivative = legendre(n, x)[1];
    const weight = 2 / ((1 - x * x) * derivative * derivative);
    const middle = n % 2 === 1 && i === (n - 1) / 2;
    nodes[i] = middle ? 0 : x;
    nodes[n - 1 - i] = middle ? 0 : -x;
    weights[i] = weight;
    weights[n - 1 - i] = weight;
  }
  return { nodes, weights };
}

/** P_n(x) and P_n'(x) by the three-term recurrence. */
function legendre(n: number, x: number): [number, number] {
  let previous = 1;
  let current = x;
  for (let k = 2; k <= n; k++) {
    const next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
    previous = current;
    current = next;
  }
  if (n === 0) return [1, 0];
  return [current, (n * (x * current - previous)) / (x * x - 1)];
}

/**
 * `torch.linspace(start, end, n)` in float32, as ATen computes it: the step in float32, the first
 * half counted up from `start`, the second half down from `end`.
 */
export function linspaceFloat32(start: number, end: number, n: number): number[] {
  const f = Math.fround;
  const [a, b] = [f(start), f(end)];
  const step = f(f(b - a) / (n - 1));
  const halfway = Math.floor(n / 2);
  return Array.from({ length: n }, (_, i) => (i < halfway ? f(a + f(step * i)) : f(b - f(step * (n - i - 1)))));
}
