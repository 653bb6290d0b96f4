import { describe, expect, it } from 'vitest';
import { Program, Rng, Tracer } from '../engine';
import { numbers } from '../engine/testing/fixtures';
import { fidelityPerSample, hardLabels } from './fidelity-loss';
import type { FidelityLoss } from './fidelity-loss';

// Two masks (a lead axis) × 3 samples of a per-time classifier: outputs [T = 4, C = 2] per sample.
const [lead, samples, steps, classes] = [2, 3, 4, 2];
const rng = new Rng(8);
const yHat = rng.normal([lead, samples, steps, classes]);
const reference = rng.normal([samples, steps, classes]);
const labels = hardLabels(reference, []);

async function perSample(kind: FidelityLoss, output: 'logits' | 'probabilities', predicted = yHat): Promise<number[]> {
  const g = new Tracer();
  const e = fidelityPerSample(
    g.input('yHat', 'float32', predicted.shape),
    { y: g.input('y', 'float32', reference.shape), labels: g.input('labels', 'float32', labels.shape) },
    kind,
    output,
  );
  expect(e.shape).toEqual([lead, samples]);
  return numbers((await (await Program.compile({ e })).run({ yHat: predicted, y: reference, labels })).e);
}

/** Σ over the (t, c) of sample s under mask a of `term`, divided by `count`. */
function expectedPerSample(term: (a: number, s: number, t: number) => number, count: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < lead; a++) {
    for (let s = 0; s < samples; s++) {
      let sum = 0;
      for (let t = 0; t < steps; t++) sum += term(a, s, t);
      out.push(sum / count);
    }
  }
  return out;
}

const [p, y] = [numbers(yHat), numbers(reference)];
const at = (a: number, s: number, t: number, c: number): number =>
  p[((a * samples + s) * steps + t) * classes + c] ?? NaN;
const ref = (s: number, t: number, c: number): number => y[(s * steps + t) * classes + c] ?? NaN;
const label = (s: number, t: number): number => (ref(s, t, 1) > ref(s, t, 0) ? 1 : 0);

describe('the fidelity loss per sample', () => {
  it('MSE: the mean over the sample’s outputs', async () => {
    const expected = expectedPerSample(
      (a, s, t) => (at(a, s, t, 0) - ref(s, t, 0)) ** 2 + (at(a, s, t, 1) - ref(s, t, 1)) ** 2,
      steps * classes,
    );
    (await perSample('mse', 'logits')).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
  });

  it('cross-entropy on logits: the mean over time of −log softmax at the reference’s argmax', async () => {
    const expected = expectedPerSample((a, s, t) => {
      const logSum = Math.log(Math.exp(at(a, s, t, 0)) + Math.exp(at(a, s, t, 1)));
      return logSum - at(a, s, t, label(s, t));
    }, steps);
    (await perSample('cross-entropy', 'logits')).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
  });

  it('cross-entropy on probabilities: −log p at the label', async () => {
    const probabilities = rng.uniform(yHat.shape, { low: 0.05, high: 1 });
    const q = numbers(probabilities);
    const expected = expectedPerSample(
      (a, s, t) => -Math.log(q[((a * samples + s) * steps + t) * classes + label(s, t)] ?? NaN),
      steps,
    );
    (await perSample('cross-entropy', 'probabilities', probabilities)).forEach((v, i) =>
      expect(v).toBeCloseTo(expected[i] ?? NaN, 5),
    );
  });

  it('hard labels: the resolved target per sample of a [S, C] output, else the argmax of each row', () => {
    const flat = rng.normal([3, 2]);
    expect(numbers(hardLabels(flat, [1, 0, 1]))).toEqual([0, 1, 1, 0, 0, 1]);
    const rows = numbers(labels);
    for (let s = 0; s < samples; s++)
      for (let t = 0; t < steps; t++) expect(rows[(s * steps + t) * 2 + label(s, t)]).toBe(1);
    expect(rows.reduce((sum, v) => sum + v)).toBe(samples * steps);
  });
});
