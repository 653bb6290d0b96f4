import { describe, expect, it } from 'vitest';
import { Program, Rng, Tracer } from '../engine';
import { numbers } from '../engine/testing/fixtures';
import { perturbationNetwork } from './perturbation-network';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/**
 * NN_θ(x) per spec §0.2 in plain JS from the network's parameters (ONNX layout: W, R [2, 3D, D]
 * with gates z, r, h; B [2, 6D] input biases then recurrent biases): a PyTorch GRU cell each way,
 * [h_fwd; h_bwd] L2-normalised, then the linear layer.
 */
function reference(x: number[], shape: [number, number, number], p: Map<string, number[]>): number[] {
  const [rows, steps, d] = shape;
  const [w, r, b, weight, bias] = ['gru.W', 'gru.R', 'gru.B', 'linear.weight', 'linear.bias'].map(
    (name) => p.get(`perturbation.${name}`) ?? [],
  ) as [number[], number[], number[], number[], number[]];
  const out: number[] = [];
  for (let n = 0; n < rows; n++) {
    const at = (t: number, k: number): number => x[(n * steps + t) * d + k] ?? NaN;
    const states: number[][][] = [[], []];
    for (const dir of [0, 1]) {
      let h = new Array<number>(d).fill(0);
      for (let i = 0; i < steps; i++) {
        const t = dir === 0 ? i : steps - 1 - i;
        // row `gate * d + j` of W / R for this direction; biases at dir·6D + gate·D + j (+3D for R's).
        const input = (gate: number, j: number): number => {
          let s = b[dir * 6 * d + gate * d + j] ?? NaN;
          for (let k = 0; k < d; k++) s += (w[(dir * 3 * d + gate * d + j) * d + k] ?? NaN) * at(t, k);
          return s;
        };
        const recurrent = (gate: number, j: number): number => {
          let s = b[dir * 6 * d + 3 * d + gate * d + j] ?? NaN;
          for (let k = 0; k < d; k++) s += (r[(dir * 3 * d + gate * d + j) * d + k] ?? NaN) * (h[k] ?? NaN);
          return s;
        };
        h = h.map((previous, j) => {
          const z = sigmoid(input(0, j) + recurrent(0, j));
          const reset = sigmoid(input(1, j) + recurrent(1, j));
          const candidate = Math.tanh(input(2, j) + reset * recurrent(2, j));
          return (1 - z) * candidate + z * previous;
        });
        (states[dir] as number[][])[t] = h;
      }
    }
    for (let t = 0; t < steps; t++) {
      const joined = [...(states[0]?.[t] ?? []), ...(states[1]?.[t] ?? [])];
      const norm = Math.max(Math.hypot(...joined), 1e-12);
      for (let j = 0; j < d; j++) {
        let s = bias[j] ?? NaN;
        joined.forEach((v, k) => (s += (v / norm) * (weight[k * d + j] ?? NaN)));
        out.push(s);
      }
    }
  }
  return out;
}

describe('the perturbation network NN_θ', () => {
  it('is a bidirectional PyTorch GRU, L2-normalised per step, then Linear(2D → D)', async () => {
    const shape: [number, number, number] = [2, 5, 3];
    const g = new Tracer();
    const net = perturbationNetwork(g, 3, new Rng(9));
    const y = net.apply(g.input('x', 'float32', shape));
    const x = new Rng(10).normal(shape);
    const out = await (await Program.compile({ y })).run({ x });
    const params = new Map([...g.params].map(([name, t]) => [name, numbers(t)]));
    const expected = reference(numbers(x), shape, params);
    numbers(out.y).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
    expect(net.params).toHaveLength(5);
  });

  it("draws PyTorch's default initialisation: U(±1/√D) for the GRU, U(±1/√(2D)) for the linear layer", () => {
    const g = new Tracer();
    perturbationNetwork(g, 4, new Rng(1));
    for (const [name, t] of g.params) {
      const bound = name.includes('gru') ? 1 / 2 : 1 / Math.sqrt(8);
      const largest = Math.max(...numbers(t).map(Math.abs));
      expect(largest).toBeLessThanOrEqual(bound);
      // The weight matrices have enough entries to come near the bound.
      if (t.data.length >= 24) expect(largest).toBeGreaterThan(bound * 0.8);
    }
  });
});
