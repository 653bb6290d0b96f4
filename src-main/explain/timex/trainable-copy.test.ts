import { describe, expect, it } from 'vitest';
import { Program, Rng, Tracer, TrainingStep } from '../../engine';
import type { Traced } from '../../engine';
import { traceable } from '../black-box';
import { freqShapesBox } from '../testing/freqshapes';
import { callTrainableCopy, callWithEmbedding, copyWeights, planTrainableCopy } from './trainable-copy';

const box = freqShapesBox;
const shape = [3, 50, 1];

async function copyOf(): Promise<{ g: Tracer; x: Traced; z: (mask?: Traced) => Traced; params: Traced[] }> {
  const model = await traceable(box, shape);
  const plan = planTrainableCopy(model, box.name, 50);
  const g = new Tracer();
  const x = g.input('x', 'float32', shape);
  const params = new Map([...copyWeights(model, plan)].map(([name, t]) => [name, g.param(name, t)]));
  const z = (mask?: Traced): Traced => callTrainableCopy(g, model, plan, x, (name) => params.get(name) as Traced, mask);
  return { g, x, z, params: [...params.values()] };
}

describe("TimeX's trainable copy of the black box (timexpp.md §8)", () => {
  it('finds the attention softmax, the pooled embedding and the weights of the transformer', async () => {
    const model = await traceable(box, shape);
    const plan = planTrainableCopy(model, box.name, 50);
    expect(plan.attention).toHaveLength(1);
    // d_model = 16 (PE) + 1 channel; the embedding is the pooled Σ_t Z_t / (T + 1) feeding the head.
    expect(plan.width).toBe(17);
    const { initializers } = model.graph;
    const shapes = plan.weights.map((name) => initializers.get(name)?.shape ?? []);
    // No scalar (1/√d, the divisor) and not the [T, 16] positional table the first layer multiplies.
    expect(shapes.every((s) => s.reduce((n, d) => n * d, 1) >= 2)).toBe(true);
    expect(shapes.some((s) => s.join() === '50,16')).toBe(false);
    expect(shapes.some((s) => s.join() === '17,4')).toBe(true);
  });

  it('with an all-ones mask returns the embedding the frozen model computes, and a mask changes it', async () => {
    const model = await traceable(box, shape);
    const { g, z } = await copyOf();
    const ones = g.constant(new Rng(0).uniform([3, 50, 50], { low: 1, high: 1 }));
    const keepFirstHalf = new Rng(0).uniform([3, 50, 50], { low: 1, high: 1 });
    (keepFirstHalf.data as Float32Array).forEach((_, i, d) => (d[i] = i % 50 < 25 ? 1 : 0));
    const frozen = callWithEmbedding(g, model, planTrainableCopy(model, box.name, 50), g.traced('x')).embedding;
    const program = await Program.compile({ frozen, copy: z(ones), masked: z(g.constant(keepFirstHalf)) });
    const x = new Rng(1).normal(shape);
    const out = await program.run({ x });
    const frozenZ = Array.from(out.frozen?.data ?? [], Number);
    Array.from(out.copy?.data ?? [], Number).forEach((v, i) => expect(v).toBeCloseTo(frozenZ[i] ?? NaN, 5));
    const moved = Array.from(out.masked?.data ?? [], Number).reduce(
      (m, v, i) => Math.max(m, Math.abs(v - (frozenZ[i] ?? 0))),
      0,
    );
    expect(moved).toBeGreaterThan(1e-3);
  });

  it("trains the copy's weights: a step on a loss of the embedding moves all but the head's", async () => {
    const { z, params } = await copyOf();
    const step = await TrainingStep.compile({
      loss: z().reduceSumSquare(),
      params,
      optimizer: { kind: 'adam', lr: 0.01 },
    });
    const before = params.map((p) => Array.from(step.value(p.name).data, Number));
    await step.step({ x: new Rng(2).normal(shape) });
    const changed = params.filter((p, k) =>
      Array.from(step.value(p.name).data, Number).some((v, i) => v !== before[k]?.[i]),
    );
    // The head (two Linear layers: 4 tensors) comes after the embedding; every other weight moves.
    expect(params.length - changed.length).toBe(4);
  });
});
