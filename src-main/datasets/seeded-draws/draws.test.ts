import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../ecg-synth/random';
import { bernoulli, bernoulliLogit, permutation, poisson, randomInteger } from './draws';

const COUNT = 100_000;

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, variance: values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length };
}

describe('seeded draws', () => {
  it('draws integers in [low, high), each about equally often', () => {
    const random = new SeededRandom(1);
    const counts = new Map<number, number>();
    for (let i = 0; i < COUNT; i++) {
      const v = randomInteger(random, 10, 20);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    // Each count is Binomial(1e5, 0.1): sd 95, so 5 sd is 474.
    for (const count of counts.values()) expect(Math.abs(count - COUNT / 10)).toBeLessThan(474);
  });

  it('draws Bernoulli(p) and Bernoulli(sigmoid(logit))', () => {
    const random = new SeededRandom(2);
    const ones = Array.from({ length: COUNT }, () => bernoulli(random, 0.05)).filter((v) => v === 1).length;
    // sd of the count: sqrt(1e5 · 0.05 · 0.95) = 69.
    expect(Math.abs(ones - 5000)).toBeLessThan(5 * 69);
    const logitOnes = Array.from({ length: COUNT }, () => bernoulliLogit(random, Math.log(3))).filter((v) => v === 1);
    // sigmoid(log 3) = 3/4; sd of the count 137.
    expect(Math.abs(logitOnes.length - 75_000)).toBeLessThan(5 * 137);
  });

  it.each([5, 10])('draws Poisson(%i) with mean and variance λ', (lambda) => {
    const random = new SeededRandom(3);
    const values = Array.from({ length: COUNT }, () => poisson(random, lambda));
    const { mean, variance } = meanAndVariance(values);
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    // sd of the mean sqrt(λ/1e5) ≤ 0.01; of the variance about λ·sqrt(2/1e5) ≤ 0.045.
    expect(Math.abs(mean - lambda)).toBeLessThan(0.05);
    expect(Math.abs(variance - lambda)).toBeLessThan(0.25);
    // P(0) = e^−λ.
    const zeros = values.filter((v) => v === 0).length / COUNT;
    expect(Math.abs(zeros - Math.exp(-lambda))).toBeLessThan(5 * Math.sqrt(Math.exp(-lambda) / COUNT) + 1e-4);
  });

  it('draws permutations that put every element first equally often', () => {
    const random = new SeededRandom(4);
    const firsts = [0, 0, 0, 0, 0];
    let allPermutations = true;
    for (let i = 0; i < 50_000; i++) {
      const order = permutation(random, 5);
      allPermutations &&= [...order].sort((a, b) => a - b).join() === '0,1,2,3,4';
      const first = order[0] ?? 0;
      firsts[first] = (firsts[first] ?? 0) + 1;
    }
    expect(allPermutations).toBe(true);
    // Binomial(5e4, 0.2): sd 89.
    for (const count of firsts) expect(Math.abs(count - 10_000)).toBeLessThan(5 * 89);
  });
});
