import { describe, expect, it } from 'vitest';
import { fromNumbers, toNumbers } from '../engine';
import { integratedGradients } from './integrated-gradients';
import { lastStepView } from './last-step-view';
import { expectClose, golden, goldenBox, goldenJson } from './testing/golden';
import type { Nested } from './testing/golden';
import { tracedBox } from './testing/traced-box';
import { timeForward } from './time-forward-wrapper';

describe('timeForward', () => {
  it("around IG is tint's TimeForwardTunnel(IntegratedGradients) with task binary (golden gru_clf)", async () => {
    const expected = goldenJson<Record<string, { attr: Nested }>>('attributions_gru_clf.json');
    const want = expected['time_forward_tunnel.ig.task_binary (before .abs())'];
    const tunnelled = timeForward(integratedGradients);
    const { saliency, info } = await tunnelled.explain({
      model: goldenBox('gru_clf'),
      x: golden.x,
      seed: 0,
      params: {},
    });
    expectClose(saliency, want?.attr ?? [], 1e-5);
    expect(info.method).toBe('integrated-gradients-time-forward');
    expect(tunnelled.needsGradients).toBe(true);
    expect((info.diagnostics?.targetsPerTime as number[]).length).toBe(5 * 3);
  });

  it("explains each prefix's own predicted class through a last-step view, and reports progress per step", async () => {
    // y[b, t] = (Σ_{s ≤ t} x[b, s]) W: IG from 0 of the last step's class c is x[t, f]·W[f, c] at step t.
    const W = [2, -1, -1, 3, 0.5, 0.5];
    const model = lastStepView(
      await tracedBox('running-sum.onnx', [4, 3], 'logits', (g, x) =>
        x.cumsum(1).matmul(g.constant(fromNumbers('float32', [3, 2], W))),
      ),
    );
    const x = golden.xTrain;
    const [rows = 0, time = 0] = x.shape;
    const steps: number[] = [];
    const { saliency } = await timeForward(integratedGradients).explain({
      model,
      x,
      seed: 3,
      params: {},
      onProgress: (p) => steps.push(p.step),
    });
    const values = toNumbers(x);
    const at = (list: readonly number[], i: number): number => list[i] ?? NaN;
    const want = values.map((v, i) => {
      const [b, t, f] = [Math.floor(i / (time * 3)), Math.floor(i / 3) % time, i % 3];
      const [first, second] = [0, 1].map((c) => {
        let s = 0;
        for (let u = 0; u <= t; u++)
          for (let k = 0; k < 3; k++) s += at(values, (b * time + u) * 3 + k) * at(W, k * 2 + c);
        return s;
      });
      const c = (second ?? NaN) > (first ?? NaN) ? 1 : 0;
      return v * at(W, f * 2 + c);
    });
    toNumbers(saliency).forEach((v, i) => expect(v).toBeCloseTo(at(want, i), 5));
    expect(rows).toBeGreaterThan(1);
    expect(steps).toEqual(Array.from({ length: time }, (_, t) => t + 1));
  });
});
