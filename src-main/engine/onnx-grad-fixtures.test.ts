import { describe, expect, it } from 'vitest';
import { gradients } from './autodiff';
import { importModel } from './import';
import { fromNumbers, toNumbers } from './ir';
import { Program } from './program';
import { fixtureArray, fixtureBytes, fixtureModels, relativeError } from './testing/fixtures';
import type { FixtureModel } from './testing/fixtures';
import { Tracer } from './trace';
import type { Traced } from './trace';

/** One-hot rows selecting y[b, target[b]]: the seed whose J^T is the saliency gradient. */
function targetSeed(model: FixtureModel, shape: readonly number[]) {
  const [batch = 1, classes = 1] = shape;
  const targets = toNumbers(fixtureArray(model, 'target'));
  const values = new Array<number>(batch * classes).fill(0);
  targets.forEach((t, b) => (values[b * classes + t] = 1));
  return fromNumbers('float32', shape, values);
}

describe('PyTorch-exported fixture models', () => {
  it.each(fixtureModels)('%s: output, input gradient and J^T u match PyTorch', async (name) => {
    const x = fixtureArray(name, 'x');
    const model = await importModel(fixtureBytes(name), { inputShapes: { x: x.shape } });
    const g = new Tracer();
    const input = g.input('x', 'float32', x.shape);
    const y = g.call(model, input).y as Traced;
    const u = g.input('u', 'float32', y.shape);
    const [grad] = gradients(y, [input], { seed: g.constant(targetSeed(name, y.shape)) }) as [Traced];
    const [vjp] = gradients(y, [input], { seed: u }) as [Traced];
    const out = await (await Program.compile({ y, grad, vjp })).run({ x, u: fixtureArray(name, 'u') });
    expect(relativeError(out.y?.data as Float32Array, fixtureArray(name, 'y').data as Float32Array)).toBeLessThan(1e-5);
    expect(relativeError(out.grad?.data as Float32Array, fixtureArray(name, 'grad').data as Float32Array)).toBeLessThan(
      1e-4,
    );
    expect(relativeError(out.vjp?.data as Float32Array, fixtureArray(name, 'vjp').data as Float32Array)).toBeLessThan(
      1e-4,
    );
  });
});
