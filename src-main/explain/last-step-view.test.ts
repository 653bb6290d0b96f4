import { describe, expect, it } from 'vitest';
import { fromNumbers, readModel, tensor, toNumbers, writeModel } from '../engine';
import { AppError } from '../errors';
import { forward } from './black-box';
import { lastStepView } from './last-step-view';
import { goldenBox } from './testing/golden';
import { tracedBox } from './testing/traced-box';

/** W [3, 2], row-major. */
const W = [1, -2, 0.5, 1, -1, 0.25];

/** y[b, t] = (Σ_{s ≤ t} x[b, s]) W: logits at every step, [B, T, 2], any batch size and length. */
const perTime = await tracedBox('running-sum.onnx', [5, 3], 'logits', (g, x) =>
  x.cumsum(1).matmul(g.constant(fromNumbers('float32', [3, 2], W))),
);

/** The last row of the running sum times W, computed directly. */
function lastLogits(x: number[], [batch, time, features]: [number, number, number]): number[] {
  return Array.from({ length: batch }, (_, b) => {
    const sum = Array.from({ length: features }, (_, f) => {
      let s = 0;
      for (let t = 0; t < time; t++) s += x[(b * time + t) * features + f] ?? NaN;
      return s;
    });
    return [0, 1].map((k) => sum.reduce((s, v, f) => s + v * (W[f * 2 + k] ?? NaN), 0));
  }).flat();
}

describe('lastStepView', () => {
  it.each<[number, number]>([
    [3, 5],
    [2, 2],
    [4, 1],
  ])('gives the last step of every output for batch %i and length %i', async (batch, time) => {
    const x = Array.from({ length: batch * time * 3 }, (_, i) => Math.sin(i + 1));
    const y = await forward(lastStepView(perTime), tensor('float32', [batch, time, 3], Float32Array.from(x)));
    expect(y.shape).toEqual([batch, 2]);
    const want = lastLogits(x, [batch, time, 3]);
    toNumbers(y).forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
  });

  it('takes any prefix of a model exported for one length', async () => {
    const model = readModel(perTime.onnx);
    const fixed = writeModel({
      ...model,
      graph: { ...model.graph, inputs: model.graph.inputs.map((v) => ({ ...v, shape: [-1, 5, 3] })) },
    });
    const x = Array.from({ length: 2 * 3 * 3 }, (_, i) => i / 7 - 1);
    const view = lastStepView({ ...perTime, onnx: fixed });
    const y = await forward(view, tensor('float32', [2, 3, 3], Float32Array.from(x)));
    const want = lastLogits(x, [2, 3, 3]);
    toNumbers(y).forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
  });

  it('keeps the output kind and the symbolic batch, and names itself after the model', () => {
    const view = lastStepView(perTime);
    expect(view.output).toBe('logits');
    expect(view.name).toBe('running-sum.onnx (last time step)');
    const [output] = readModel(view.onnx).graph.outputs;
    expect(output?.shape).toEqual([-1, 2]);
    expect(output?.dimNames?.[0]).toBe('batch');
  });

  it('refuses a model with one output per window', () => {
    const call = (): unknown => lastStepView(goldenBox('gru_clf'));
    expect(call).toThrow(AppError);
    expect(call).toThrow(/gru_clf\.onnx: a last-step view needs a first output \[B, T, K\].*\[batch, 2\]/);
  });
});
