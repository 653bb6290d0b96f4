import { describe, expect, it } from 'vitest';
import { outputProbabilities, reward, rlooAdvantages } from './ib-reward';

const box = { name: 'm.onnx', onnx: new Uint8Array(), output: 'logits' as const };

describe('ib-gradient-free rewards', () => {
  const q = Float64Array.from([0.7, 0.2, 0.1]);
  const p = Float64Array.from([0.2, 0.5, 0.3]);

  it('−JSD is 0 for an unchanged output and matches the definition otherwise', () => {
    expect(reward('jsd', q, q)).toBeCloseTo(0, 10);
    const m = [0.45, 0.35, 0.2];
    const kl = (a: Float64Array) => a.reduce((s, v, c) => s + v * Math.log(v / (m[c] ?? NaN)), 0);
    expect(reward('jsd', p, q)).toBeCloseTo(-(kl(p) + kl(q)) / 2, 8);
    expect(reward('jsd', Float64Array.from([0, 1, 0]), Float64Array.from([1, 0, 0]))).toBeCloseTo(-Math.log(2), 8);
  });

  it('the alternatives: log p̃[ŷ] (floored at log 1e-4), cosine, same label', () => {
    expect(reward('log-prob', p, q)).toBeCloseTo(Math.log(0.2), 10);
    expect(reward('log-prob', Float64Array.from([1e-9, 1, 0]), q)).toBeCloseTo(Math.log(1e-4), 10);
    expect(reward('cosine', p, q)).toBeCloseTo((0.14 + 0.1 + 0.03) / Math.sqrt(0.38 * 0.54), 8);
    expect([reward('label', p, q), reward('label', q, q)]).toEqual([0, 1]);
  });

  it('softmax of logits; a regressor is refused', () => {
    const probabilities = outputProbabilities(box, Float32Array.from([0, Math.log(3), 5, 5]), 2);
    expect([...probabilities].map((v) => Number(v.toFixed(6)))).toEqual([0.25, 0.75, 0.5, 0.5]);
    expect(() => outputProbabilities({ ...box, output: 'values' }, new Float32Array(2), 2)).toThrow(/regressor/);
  });

  it('RLOO: each reward minus the mean of the other K − 1 of its input, scaled by the overall std', () => {
    const rewards = Float64Array.from([-0.1, -0.3, -0.2, 0, -0.4, -0.4]);
    const raw = [-0.1 + 0.25, -0.3 + 0.15, -0.2 + 0.2, 0 + 0.4, -0.4 + 0.2, -0.4 + 0.2];
    const mean = raw.reduce((a, b) => a + b, 0) / 6;
    const std = Math.sqrt(raw.reduce((a, v) => a + (v - mean) ** 2, 0) / 5);
    [...rlooAdvantages(rewards, 3)].forEach((a, i) => expect(a).toBeCloseTo((raw[i] ?? NaN) / (std + 1e-6), 5));
  });
});
