import { describe, expect, it } from 'vitest';
import { toNumbers } from '../engine';
import { gradient } from './gradient';
import { inputXGradient } from './input-x-gradient';
import { expectClose, flat, golden, goldenBox, goldenJson, goldenModels } from './testing/golden';
import type { Nested } from './testing/golden';

describe.each(goldenModels)('%s', (model) => {
  const expected = goldenJson<Record<string, Nested>>(`attributions_${model}.json`);
  const request = { model: goldenBox(model), x: golden.x, targets: golden.targets, seed: 0 };

  it('gradient (abs: false) is ∂f_target/∂x (golden `gradient`)', async () => {
    const { saliency, scale, info } = await gradient.explain({ ...request, params: { abs: false } });
    expectClose(saliency, expected.gradient as Nested);
    expect(scale).toBe('signed');
    expect(info).toMatchObject({ method: 'gradient', targets: golden.targets, steps: 1 });
  });

  it('gradient by default is |∂f/∂x|, as Captum', async () => {
    const { saliency, scale } = await gradient.explain({ ...request, params: {} });
    expectClose(saliency, absolute(expected.gradient as Nested));
    expect(scale).toBe('non-negative');
  });

  it('input-x-gradient is x ⊙ ∂f/∂x', async () => {
    const { saliency, scale } = await inputXGradient.explain({ ...request, params: {} });
    const x = toNumbers(golden.x);
    const g = flat(expected.gradient as Nested);
    expectClose(saliency, nestedTensorValues(g.map((v, i) => v * (x[i] ?? NaN))));
    expect(scale).toBe('signed');
  });
});

function absolute(value: Nested): Nested {
  return Array.isArray(value) ? (value as Nested[]).map(absolute) : Math.abs(value as number);
}

/** Flat values back in the golden [3, 5, 3] nesting. */
function nestedTensorValues(values: readonly number[]): Nested {
  return [0, 1, 2].map((b) => [0, 1, 2, 3, 4].map((t) => values.slice(b * 15 + t * 3, b * 15 + t * 3 + 3)));
}
