import { describe, expect, it } from 'vitest';
import { Rng, tensor } from '../engine';
import type { Tensor } from '../engine';
import { maxAbsDifference } from '../models/testing/strip-study';
import { policyMaps, untrainedIbPolicy } from './ib-gradient-free';
import { exportPolicyOnnx, onnxMaps } from './policy-onnx';
import { exportTimexppOnnx, timexppMaps, untrainedTimexpp } from './timexpp';

const rng = new Rng(11);

/** Window `n` of x [N, T, D] as [1, T, D]. */
function row(x: Tensor, n: number): Tensor {
  const [, time = 0, features = 0] = x.shape;
  const frame = time * features;
  return tensor('float32', [1, time, features], (x.data as Float32Array).slice(n * frame, (n + 1) * frame));
}

describe('a policy exported as ONNX', () => {
  it('takes a batch of windows, each map equal to the one-window run and to the in-process read-out', async () => {
    const state = untrainedTimexpp(24, 3, { encoderDropout: 0.1 }, 4);
    const onnx = exportTimexppOnnx(state);
    const x = rng.normal([5, 24, 3]);
    const batched = await onnxMaps(onnx, x);
    expect(batched.shape).toEqual([5, 24, 3]);
    const frame = 24 * 3;
    for (let n = 0; n < 5; n++) {
      const single = await onnxMaps(onnx, row(x, n));
      expect(
        maxAbsDifference(single.data as Float32Array, (batched.data as Float32Array).slice(n * frame, (n + 1) * frame)),
      ).toBeLessThan(1e-6);
    }
    expect(
      maxAbsDifference(batched.data as Float32Array, (await timexppMaps(state, x)).data as Float32Array),
    ).toBeLessThan(1e-5);
  });

  it("repeats a 'time' mask over the channels, as the IB read-out does", async () => {
    const policy = untrainedIbPolicy({ time: 16, features: 2 }, { granularity: 'time' }, 9);
    const onnx = exportPolicyOnnx(policy.architecture, policy.values, { producer: 'test', graph: 'ib' });
    const x = rng.normal([3, 16, 2]);
    const stored = (await onnxMaps(onnx, x)).data as Float32Array;
    expect(maxAbsDifference(stored, (await policyMaps(policy, x)).data as Float32Array)).toBeLessThan(1e-5);
    for (let cell = 0; cell < stored.length; cell += 2) expect(stored[cell + 1]).toBe(stored[cell]);
  });
});
