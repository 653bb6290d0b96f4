import { describe, expect, it } from 'vitest';
import { quadrature, quadratureMethods } from './quadrature';
import type { QuadratureMethod } from './quadrature';
import { goldenJson } from './testing/golden';

interface Rule {
  readonly alphas: number[];
  readonly step_sizes: number[];
}
const golden = goldenJson<Record<string, Rule>>('quadrature.json');
const captumCases = goldenJson<{ cases: (Rule & { source: string; method: QuadratureMethod; n: number })[] }>(
  'captum_test_vectors.json',
).cases.filter((c) => c.source === 'test_approximation_methods.py');

function expectNear(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - (expected[i] ?? NaN))).toBeLessThanOrEqual(tolerance));
}

/**
 * Gauss–Legendre agrees with numpy to rounding (1e-14). Riemann alphas are float32: torch's vectorised linspace (8 lanes, fused base) rounds a few of the
 * n = 50 points one float32 ulp (≤ 6e-8) away from the scalar formula used here; n < 16 is exact.
 */
function alphaTolerance(method: QuadratureMethod): number {
  return method === 'gausslegendre' ? 1e-14 : 6e-8;
}

describe('quadrature', () => {
  it.each(Object.keys(golden))('%s matches Captum (quadrature.json)', (key) => {
    const [method, n] = key.split('.n') as [QuadratureMethod, string];
    const rule = golden[key] as Rule;
    const { alphas, weights } = quadrature(method, Number(n));
    expectNear(alphas, rule.alphas, alphaTolerance(method));
    expectNear(weights, rule.step_sizes, 1e-14);
  });

  it.each(captumCases.map((c) => [`${c.method} n=${c.n}`, c] as const))(
    '%s matches Captum test_approximation_methods',
    (_, c) => {
      const { alphas, weights } = quadrature(c.method, c.n);
      expectNear(alphas, c.alphas, alphaTolerance(c.method));
      expectNear(weights, c.step_sizes, 1e-14);
    },
  );

  it('Gauss–Legendre weights sum to 1; the trapezoid to (n − 1)/n', () => {
    for (const n of [1, 7, 64, 200]) {
      const sum = quadrature('gausslegendre', n).weights.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-13);
    }
    expect(quadrature('riemann_trapezoid', 50).weights.reduce((a, b) => a + b, 0)).toBeCloseTo(0.98, 14);
  });

  it('refuses step counts the method cannot use', () => {
    for (const method of quadratureMethods) expect(() => quadrature(method, 0)).toThrow(/nSteps/);
    expect(() => quadrature('riemann_left', 1)).toThrow(/≥ 2/);
    expect(quadrature('gausslegendre', 1)).toEqual({ alphas: [0.5], weights: [1] });
  });
});
