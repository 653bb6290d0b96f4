import { describe, expect, it } from 'vitest';
import { differentiableOps, Program, tensor, toNumbers, Tracer } from '../engine';
import { forward, requireGradients, resolveTargets, targetOutput } from './black-box';
import type { BlackBox } from './black-box';
import { expectClose, firstRows, golden, goldenBox, goldenJson, goldenModels } from './testing/golden';
import type { Nested } from './testing/golden';
import { tracedBox } from './testing/traced-box';

const outputs = goldenJson<Record<string, Nested>>('inputs_and_forward.json');

/** [B, T, F] → Softsign → sum over time: an op the engine runs but cannot differentiate. */
function softsignBox(): Promise<BlackBox> {
  return tracedBox('softsign.onnx', [5, 3], 'logits', (g, x) => g.op('Softsign', [x]).reduceSum([1]));
}

describe('forward', () => {
  it.each(goldenModels)('%s: the outputs onnxruntime gives for the golden inputs, any batch size', async (model) => {
    const want = outputs[`${model}.out_f32`] as number[][];
    expectClose(await forward(goldenBox(model), golden.x), want, 1e-6);
    expectClose(await forward(goldenBox(model), firstRows(golden.x, 1)), want.slice(0, 1), 1e-6);
  });

  it('a sequence model evaluates any prefix length', async () => {
    const prefix = (outputs['gru_clf.prefix_out_f64'] as number[][][])[1] as number[][];
    const x = golden.x;
    const twoSteps = tensor(
      'float32',
      [3, 2, 3],
      Float32Array.from({ length: 18 }, (_, j) => x.data[Math.floor(j / 6) * 15 + (j % 6)] as number),
    );
    expectClose(await forward(goldenBox('gru_clf'), twoSteps), prefix, 1e-5);
  });
});

describe('resolveTargets', () => {
  const box = goldenBox('gru_clf');
  const scores = outputs['gru_clf.out_f64'] as number[][];

  it('defaults to each row’s predicted class', async () => {
    const predicted = scores.map((row) => row.indexOf(Math.max(...row)));
    expect(await resolveTargets(box, golden.x)).toEqual(predicted);
  });

  it('spreads one target over every row, or takes one per row', async () => {
    expect(await resolveTargets(box, golden.x, [1])).toEqual([1, 1, 1]);
    expect(await resolveTargets(box, golden.x, golden.targets)).toEqual(golden.targets);
  });

  it('refuses a wrong count or a class the model does not have', async () => {
    await expect(resolveTargets(box, golden.x, [0, 1])).rejects.toThrow(/expected 1 or 3 targets/);
    await expect(resolveTargets(box, golden.x, [2])).rejects.toThrow(/target 2 of row 0 is not a class index 0…1/);
    await expect(resolveTargets(box, golden.x, [0.5])).rejects.toThrow(/not a class index/);
  });

  it('gives regressors no targets', async () => {
    expect(await resolveTargets({ ...box, output: 'values' }, golden.x, [1])).toEqual([]);
  });
});

describe('targetOutput', () => {
  const y = tensor('float32', [3, 2], Float32Array.of(1, 2, 3, 4, 5, 6));
  const run = async (targets: readonly number[]) => {
    const g = new Tracer();
    const out = targetOutput(g, g.input('y', 'float32', [3, 2]), targets);
    const result = await (await Program.compile({ out })).run({ y });
    return result.out ? toNumbers(result.out) : [];
  };

  it('selects y[b, target_b] for classifiers and sums the outputs of regressors', async () => {
    expect(await run([1, 0, 1])).toEqual([2, 3, 6]);
    expect(await run([])).toEqual([3, 7, 11]);
  });
});

describe('requireGradients', () => {
  it('accepts a model the engine can differentiate', async () => {
    await expect(requireGradients(goldenBox('gru_clf'), [3, 5, 3], 'integrated-gradients')).resolves.toBeUndefined();
  });

  it('refuses one with an op that has no gradient rule, naming the op and the way out', async () => {
    expect(differentiableOps()).not.toContain('Softsign');
    const box = await softsignBox();
    await expect(requireGradients(box, [3, 5, 3], 'integrated-gradients')).rejects.toThrow(
      /integrated-gradients needs gradients, but softsign\.onnx uses ops the engine cannot differentiate \(Softsign\); use occlusion/,
    );
    // Forward still runs: softsign(v) = v / (1 + |v|), summed over time.
    const x = toNumbers(golden.x);
    const want = [0, 1, 2].map((b) =>
      [0, 1, 2].map((f) => [0, 1, 2, 3, 4].reduce((s, t) => s + softsign(x[b * 15 + t * 3 + f] ?? NaN), 0)),
    );
    expectClose(await forward(box, golden.x), want, 1e-6);
  });
});

function softsign(v: number): number {
  return v / (1 + Math.abs(v));
}
